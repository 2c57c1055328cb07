// title: Schema: property names and types seen in a sample of nodes
// description: Which properties the first $sample nodes carry, per label, with their value types; used to pick a caption property for labels that Civic Graph's model does not declare.
// params: {"sample": 2000}
MATCH (n)
WITH n LIMIT $sample
UNWIND labels(n) AS label
UNWIND keys(n) AS key
WITH label, key, valueType(n[key]) AS type, count(*) AS seen
ORDER BY seen DESC
RETURN label, collect({key: key, type: type, seen: seen}) AS properties
