// description: Every observation of a metric (installations, market-share, ...) in time order, with what it measures, where, and its source.
// param metric: the metric slug, such as market-share or installations
MATCH (o:Observation {metric: $metric})
OPTIONAL MATCH (o)-[:OBSERVATION_OF]->(subject:Resource)
OPTIONAL MATCH (o)-[:IN_REGION]->(region:Region)
OPTIONAL MATCH (o)-[:IN_SEGMENT]->(segment:ProductCategory)
OPTIONAL MATCH (o)-[:SOURCE]->(source:Source)
RETURN o.id AS observation, subject.id AS subject, segment.id AS segment, region.id AS region,
       o.value AS value, o.unit AS unit, o.trend AS trend, o.period AS period,
       o.periodStart AS periodStart, o.periodEnd AS periodEnd, source.id AS source
ORDER BY o.periodStart, o.id
