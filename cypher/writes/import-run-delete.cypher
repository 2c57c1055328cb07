// title: Bulk import: release the lock
// description: Deletes run $run's ImportRun node.
// params: {"run": "import-example"}
MATCH (r:ImportRun {id: $run})
DELETE r
