// description: The products a vendor offers or develops, including the members of its product series, grouped by product category.
// param vendor: id of the vendor, such as huawei
MATCH (v:Vendor {id: $vendor})-[:OFFERS|DEVELOPS]->(offered)
OPTIONAL MATCH (member:Product)-[:PART_OF_SERIES]->(offered)
WITH DISTINCT coalesce(member, offered) AS product
WHERE product:Product
OPTIONAL MATCH (product)-[:IN_CATEGORY]->(category:ProductCategory)
RETURN coalesce(category.id, 'uncategorised') AS category, category.label AS categoryLabel,
       collect(DISTINCT product.id) AS products
ORDER BY category
