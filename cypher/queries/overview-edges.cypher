// title: Overview: relationships among a set of nodes
// description: Relationships whose two ends are both in the given set (element ids), capped: an element-id seek per node, its outgoing relationships expanded, the other end checked against the set.
// params: {"elementIds": [], "limit": 3000}
UNWIND $elementIds AS elementId
MATCH (a) WHERE elementId(a) = elementId
MATCH (a)-[r]->(b)
WHERE elementId(b) IN $elementIds
RETURN r
LIMIT $limit
