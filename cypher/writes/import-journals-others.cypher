// title: Bulk import: other runs' journals
// description: The runs other than $run that left journals behind (their lock removed by hand); the new run rolls them back first.
// params: {"run": "import-example"}
MATCH (j:ImportJournal)
WHERE j.run <> $run
RETURN DISTINCT j.run AS run
