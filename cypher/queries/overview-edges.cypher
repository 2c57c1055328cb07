// title: Overview: relationships among a set of nodes
// description: Relationships whose two ends are both in the given set (element ids), capped: an element-id seek per node, its outgoing relationships expanded, the other end checked against the set; only those the caller sees with both ends (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one).
// params: {"elementIds": [], "limit": 3000, "datasets": null, "statuses": null}
UNWIND $elementIds AS elementId
MATCH (a) WHERE elementId(a) = elementId
MATCH (a)-[r]->(b)
WHERE elementId(b) IN $elementIds
  AND SEEN(a) AND SEEN(r) AND SEEN(b)
RETURN r
LIMIT $limit
