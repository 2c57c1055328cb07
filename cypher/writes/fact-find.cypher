// title: Record: a fact (a relationship between two entities) by its id
// description: The relationship $id between two entities, its type, its ends' ids and its properties (dates as text), and the dataset it belongs to. Relationship ids are indexed per type, so this reads the relationships between entities; fine for the first slice.
// params: {"id": "rel/example"}
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id = $id
RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, r.dataset AS dataset, properties(r) AS properties
LIMIT 1
