// title: Overview: the first nodes of the graph
// description: A capped sample of nodes for the first drawing of the canvas; sources, model extensions and import runs ($recordLabels) are records about the graph, not actors in it. Only nodes the caller sees (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one).
// params: {"limit": 300, "recordLabels": ["Source", "Dataset", "ModelExtension", "ImportRun", "ImportJournal"], "datasets": null, "statuses": null}
MATCH (n)
WHERE none(label IN labels(n) WHERE label IN $recordLabels)
  AND SEEN(n)
RETURN n
LIMIT $limit
