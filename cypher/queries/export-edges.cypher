// title: Relationships among a set of nodes
// description: Every relationship whose two ends are in $elementIds, for export (the ends are resolved already).
// params: {"elementIds": []}
MATCH (a)-[r]->(b)
WHERE elementId(a) IN $elementIds AND elementId(b) IN $elementIds
RETURN r
