// title: Nodes by element id
// description: Fetches nodes already resolved to element ids (e.g. the endpoints of relationships returned by a console query).
// params: {"elementIds": []}
MATCH (n)
WHERE elementId(n) IN $elementIds
RETURN n
