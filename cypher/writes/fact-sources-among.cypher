// title: Record: the sources of a dataset among the ids a fact names as its ends
// description: The source ids of dataset $dataset among $ids, so a fact that names a source as an end is refused in the import's words ("is a source, not an entity") rather than as a dangling end.
// params: {"ids": ["src/example"], "dataset": "example"}
MATCH (s:Source)
WHERE s.id IN $ids AND s.dataset = $dataset
RETURN s.id AS id
