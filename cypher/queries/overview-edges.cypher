// title: Overview: relationships among a set of nodes
// description: Every relationship whose two ends are both in the given set (element ids), capped.
// params: {"elementIds": [], "limit": 3000}
MATCH (a)-[r]->(b)
WHERE elementId(a) IN $elementIds AND elementId(b) IN $elementIds
RETURN r
LIMIT $limit
