// title: Overview: the first nodes of the graph
// description: A capped sample of nodes for the first drawing of the canvas; sources, model extensions and import runs ($recordLabels) are records about the graph, not actors in it. Only nodes of $datasets (the datasets the caller reads; null: every one).
// params: {"limit": 300, "recordLabels": ["Source", "Dataset", "ModelExtension", "ImportRun", "ImportJournal"], "datasets": null}
MATCH (n)
WHERE none(label IN labels(n) WHERE label IN $recordLabels)
  AND ($datasets IS NULL OR n.dataset IN $datasets)
RETURN n
LIMIT $limit
