// description: The partners of a vendor, how they are linked, and the offerings the vendor makes to each of them.
// param vendor: id of the vendor, such as huawei
MATCH (v:Vendor {id: $vendor})-[link:PARTNERS_WITH|PROVIDES_TO]-(partner:Organization)
OPTIONAL MATCH (v)-[:OFFERS]->(offering:Offering)-[:OFFERED_TO]->(partner)
RETURN partner.id AS partner, partner.label AS label, collect(DISTINCT type(link)) AS links,
       collect(DISTINCT offering.id) AS offerings
ORDER BY partner
