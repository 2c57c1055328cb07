// title: Record: move an actor's relations to the actor it is merged into
// description: Every relationship of actor $merge, but those with actor $keep, is made again on $keep with its type and all its properties (its id among them), and the old one goes: a relationship cannot change its ends. Answers the ids of the relations moved, which a revert moves back.
// params: {"keep": "person/example", "merge": "person/example-2"}
MATCH (k:Entity {id: $keep}), (m:Entity {id: $merge})
CALL (k, m) {
  MATCH (m)-[r]->(b) WHERE b <> k
  CREATE (k)-[moved:$(type(r))]->(b) SET moved = properties(r)
  DELETE r
  RETURN moved
  UNION ALL
  MATCH (a)-[r]->(m) WHERE a <> k
  CREATE (a)-[moved:$(type(r))]->(k) SET moved = properties(r)
  DELETE r
  RETURN moved
}
RETURN collect(moved.id) AS moved
