// title: Record: move a merge's relations back to the actor merged
// description: The relationships of actor $keep whose ids are in $moved (those a merge moved from $merge) are made again on $merge with their type and properties, and the ones on $keep go. Answers how many went back.
// params: {"keep": "person/example", "merge": "person/example-2", "moved": ["rel/example"]}
MATCH (k:Entity {id: $keep}), (m:Entity {id: $merge})
CALL (k, m) {
  MATCH (k)-[r]->(b) WHERE r.id IN $moved
  CREATE (m)-[back:$(type(r))]->(b) SET back = properties(r)
  DELETE r
  RETURN back
  UNION ALL
  MATCH (a)-[r]->(k) WHERE r.id IN $moved
  CREATE (a)-[back:$(type(r))]->(m) SET back = properties(r)
  DELETE r
  RETURN back
}
RETURN count(back) AS moved
