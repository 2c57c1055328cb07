// title: Bulk import: the run holding the lock
// description: The ImportRun node, if any: its id, status, process, host, and seconds since its last heartbeat.
// params: {}
MATCH (r:ImportRun)
RETURN r.id AS id, r.status AS status, r.pid AS pid, r.host AS host,
       duration.inSeconds(r.heartbeat, datetime()).seconds AS idle
LIMIT 1
