// title: Bulk import: delete the sources a batch created
// description: Rollback: the sources with the ids $ids (from a journal), with their relationships.
// params: {"ids": ["src/example"]}
UNWIND $ids AS id
MATCH (x:Source {id: id})
DETACH DELETE x
RETURN count(*) AS n
