// title: Schema: relationship properties and endpoint labels seen in a sample
// description: For the first $sample relationships, per type: property names with value types, and the labels at either end.
// params: {"sample": 2000}
MATCH (a)-[r]->(b)
WITH a, r, b LIMIT $sample
WITH type(r) AS type, collect(DISTINCT labels(a)) AS fromLabels, collect(DISTINCT labels(b)) AS toLabels, collect(r) AS rels
RETURN type,
       reduce(acc = [], ls IN fromLabels | acc + [l IN ls WHERE NOT l IN acc]) AS fromLabels,
       reduce(acc = [], ls IN toLabels | acc + [l IN ls WHERE NOT l IN acc]) AS toLabels,
       COLLECT { UNWIND rels AS r UNWIND keys(r) AS key RETURN DISTINCT {key: key, type: valueType(r[key])} } AS properties
