// title: Bulk import: mark a run complete
// description: Written before the journals are dropped: a run that dies while dropping them keeps its data when recovered.
// params: {"run": "import-example"}
MATCH (r:ImportRun {id: $run})
SET r.status = 'complete', r.heartbeat = datetime()
