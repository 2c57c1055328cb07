// title: Relationships among a set of nodes
// description: Every relationship whose two ends are in $elementIds, for export and for the edges among the nodes on the canvas. Each node is found by an element-id seek and its outgoing relationships are expanded; the other end's element id is checked against the set, so the cost follows the set's own relationships, never the size of the database.
// params: {"elementIds": []}
UNWIND $elementIds AS elementId
MATCH (a) WHERE elementId(a) = elementId
MATCH (a)-[r]->(b)
WHERE elementId(b) IN $elementIds
RETURN r
