// title: Overview: relationships among a set of nodes
// description: Relationships whose two ends are both in the given set (element ids), capped: an element-id seek per node, its outgoing relationships expanded, the other end checked against the set; only those that are, with both ends, in $datasets (the datasets the caller reads; null: every one).
// params: {"elementIds": [], "limit": 3000, "datasets": null}
UNWIND $elementIds AS elementId
MATCH (a) WHERE elementId(a) = elementId
MATCH (a)-[r]->(b)
WHERE elementId(b) IN $elementIds
  AND ($datasets IS NULL OR (a.dataset IN $datasets AND r.dataset IN $datasets AND b.dataset IN $datasets))
RETURN r
LIMIT $limit
