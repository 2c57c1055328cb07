// title: Record: the existing actors a fact names, with their type labels
// description: The entities of dataset $dataset among $ids, each with its type label (the one beside Entity); an id of another dataset, or of nothing, is not answered.
// params: {"ids": ["org/example"], "dataset": "example"}
MATCH (n:Entity)
WHERE n.id IN $ids AND n.dataset = $dataset
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
