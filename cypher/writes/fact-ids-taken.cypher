// title: Record: the ids already taken that start like a new one
// description: Entity and source ids starting with $base (an index seek on each), so a new actor's readable id gets a number when its name is taken.
// params: {"base": "person/example"}
CALL () {
  MATCH (n:Entity) WHERE n.id STARTS WITH $base RETURN n.id AS id
  UNION
  MATCH (s:Source) WHERE s.id STARTS WITH $base RETURN s.id AS id
}
RETURN collect(id) AS ids
