// title: Actors within two hops of an actor
// description: Everyone connected to the actor $id directly or through one intermediary, nearest first; the paths draw the neighbourhood as a graph.
// params: {"id": "org/aeem"}
// example: true
MATCH path = (actor:Entity {id: $id})-[*1..2]-(other:Entity)
WHERE other <> actor
WITH other, min(length(path)) AS hops, collect(path)[0] AS path
RETURN other.name AS actor, labels(other) AS labels, hops, path
ORDER BY hops, actor
LIMIT 200
