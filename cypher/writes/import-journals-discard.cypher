// title: Bulk import: drop up to 200 journals of a finished run
// description: A finished run's journals are bookkeeping only; they go 200 at a time until the count is 0.
// params: {"run": "import-example"}
MATCH (j:ImportJournal {run: $run})
WITH j LIMIT 200
DELETE j
RETURN count(*) AS n
