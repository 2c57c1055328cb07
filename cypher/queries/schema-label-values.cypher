// title: Schema: property names, value types and sample values of one label
// description: For the first $sample nodes that carry $label: each property's Neo4j value type, how many of them carry it, and up to $values of its values; what the inferred model of a foreign database (captions, dates) is read from.
// params: {"label": "Person", "sample": 200, "values": 40}
MATCH (n:$($label))
WITH n LIMIT $sample
UNWIND keys(n) AS key
WITH key, valueType(n[key]) AS type, n[key] AS value
WITH key, type, count(*) AS seen, collect(value)[..$values] AS values
ORDER BY seen DESC, key
RETURN collect({key: key, type: type, seen: seen, values: values}) AS properties
