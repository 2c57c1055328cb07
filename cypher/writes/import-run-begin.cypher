// title: Bulk import: take the lock
// description: Creates the ImportRun node for run $run unless one exists; the answer's id says who holds the lock.
// params: {"run": "import-example", "pid": 1234, "host": "localhost", "files": ["people.csv"]}
MERGE (r:ImportRun {slot: 'bulk'})
ON CREATE SET r.id = $run, r.status = 'running', r.pid = $pid, r.host = $host, r.files = $files,
              r.startedAt = datetime(), r.heartbeat = datetime()
RETURN r.id AS id
