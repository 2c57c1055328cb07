// title: Record: a fact (a relationship between two entities) by its element id
// description: The relationship with element id $elementId (a seek), its type, its ends' ids, the dataset it belongs to and its properties (dates as text); found by its public id first (the built read fact-by-id), then read again by this within a write.
// params: {"elementId": "5:00000000-0000-0000-0000-000000000000:0"}
MATCH (a:Entity)-[r]->(b:Entity)
WHERE elementId(r) = $elementId
RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, r.dataset AS dataset, properties(r) AS properties, elementId(r) AS elementId
