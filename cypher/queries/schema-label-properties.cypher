// title: Schema: property names and types of one label
// description: Properties seen on the first $sample nodes that carry the label $label (for labels the global sample missed).
// params: {"label": "Person", "sample": 50}
MATCH (n:$($label))
WITH n LIMIT $sample
UNWIND keys(n) AS key
WITH key, valueType(n[key]) AS type, count(*) AS seen
ORDER BY seen DESC
RETURN collect({key: key, type: type, seen: seen}) AS properties
