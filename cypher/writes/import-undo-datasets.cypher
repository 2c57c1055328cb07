// title: Bulk import: delete the dataset record a run created
// description: Rollback, after the run's elements are gone: the Dataset nodes with the ids $ids (from the run's journal), unless an entity or source still belongs to that dataset.
// params: {"ids": ["example"]}
UNWIND $ids AS id
MATCH (d:Dataset {id: id})
WHERE NOT EXISTS { MATCH (n:Entity {dataset: id}) } AND NOT EXISTS { MATCH (s:Source {dataset: id}) }
DELETE d
RETURN count(*) AS n
