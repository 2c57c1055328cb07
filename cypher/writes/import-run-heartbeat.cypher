// title: Bulk import: a heartbeat
// description: Run $run is alive, with its progress so far (JSON text); a run whose heartbeat goes stale is abandoned.
// params: {"run": "import-example", "progress": "{}"}
MATCH (r:ImportRun {id: $run})
SET r.heartbeat = datetime(), r.progress = $progress
