// title: Find a node by an id property of any label
// description: Fallback for foreign databases whose nodes carry their own `id` property (string or integer) without Civic Graph's labels; scans, so it runs only when node-resolve found nothing.
// params: {"id": "42"}
MATCH (n)
WHERE n.id = $id OR n.id = toIntegerOrNull($id)
RETURN n
LIMIT 1
