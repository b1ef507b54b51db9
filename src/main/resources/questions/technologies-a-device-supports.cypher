// description: The technologies and capabilities a device supports, itself or through the software it runs (and that software's family), with the evidence for each.
// param device: id of the device, such as huawei-watch-gt-4
MATCH (d:Device {id: $device})
MATCH path = (d)-[:RUNS|RELEASE_OF*0..2]->(software)-[r:SUPPORTS|HAS_CAPABILITY]->(t:Technology)
RETURN t.id AS technology, t.label AS label, [n IN nodes(path) | n.id] AS via,
       r.source AS source, r.evidence AS evidence, r.confidence AS confidence
ORDER BY technology
