// title: Nodes by element id
// description: Fetches nodes already resolved to element ids (e.g. the endpoints of relationships returned by a console query), one element-id seek each.
// params: {"elementIds": []}
UNWIND $elementIds AS elementId
MATCH (n) WHERE elementId(n) = elementId
RETURN n
