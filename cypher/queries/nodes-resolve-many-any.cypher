// title: Find many nodes by an id property of any label
// description: Fallback for foreign databases whose nodes carry their own `id` property; scans.
// params: {"ids": ["42"]}
MATCH (n)
WHERE n.id IN $ids OR n.id IN [id IN $ids | toIntegerOrNull(id)]
RETURN n
