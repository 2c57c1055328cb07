// title: Bulk import: a run's journals of one kind, latest first
// description: Up to 20 ImportJournal nodes of run $run and kind $kind (source, entity or relation), each with its batch number, label or type, and the ids its batch created.
// params: {"run": "import-example", "kind": "entity"}
MATCH (j:ImportJournal {run: $run, kind: $kind})
RETURN j.seq AS seq, j.type AS type, j.ids AS ids
ORDER BY j.seq DESC
LIMIT 20
