// title: Bulk import: a run with journals but no lock
// description: The run of any ImportJournal node, when there is no ImportRun node: its lock was deleted by hand, so it is treated as unfinished.
// params: {}
MATCH (j:ImportJournal)
RETURN DISTINCT j.run AS run
LIMIT 1
