// title: Overview: the first nodes of the graph
// description: A capped sample of nodes for the first drawing of the canvas; sources are records about the graph, not actors in it.
// params: {"limit": 300}
MATCH (n)
WHERE NOT n:Source
RETURN n
LIMIT $limit
