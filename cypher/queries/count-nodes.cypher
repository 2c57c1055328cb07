// title: Count of nodes (records about the graph excluded: sources, model extensions, import runs)
// description: How many nodes the graph views can show.
// params: {"recordLabels": ["Source", "Dataset", "ModelExtension", "ImportRun", "ImportJournal"]}
MATCH (n)
WHERE none(label IN labels(n) WHERE label IN $recordLabels)
RETURN count(n) AS total
