// title: Record: a review's decision on the proposed actors a fact created
// description: The actors among $ids of dataset $dataset that are still proposed take status $status ('accepted' or 'rejected') and their next revision; a rejection leaves an actor that another proposed or accepted fact (any relationship but $fact's, imported ones counting as accepted) still uses. Answers each changed actor with its properties before and after, for its revision record.
// params: {"ids": ["person/example"], "dataset": "example", "fact": "rel/example", "status": "accepted"}
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.dataset = $dataset AND n.factStatus = 'proposed'
  AND ($status = 'accepted' OR NOT EXISTS { MATCH (n)-[r]-() WHERE r.id <> $fact AND coalesce(r.factStatus, 'accepted') IN ['proposed', 'accepted'] })
WITH n, properties(n) AS before
SET n.factStatus = $status, n.factRevision = coalesce(n.factRevision, 1) + 1
RETURN n.id AS id, n.factRevision AS revision, before, properties(n) AS after
ORDER BY id
