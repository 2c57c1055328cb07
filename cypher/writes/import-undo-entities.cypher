// title: Bulk import: delete the entities a batch created
// description: Rollback: the entities with the ids $ids (from a journal), with their relationships.
// params: {"ids": ["person/example"]}
UNWIND $ids AS id
MATCH (x:Entity {id: id})
DETACH DELETE x
RETURN count(*) AS n
