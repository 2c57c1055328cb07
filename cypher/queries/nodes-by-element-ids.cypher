// title: Nodes by element id
// description: Fetches nodes already resolved to element ids (e.g. the endpoints of relationships returned by a console query), one element-id seek each; nodes of datasets not in $datasets (null: every dataset) are left out.
// params: {"elementIds": [], "datasets": null}
UNWIND $elementIds AS elementId
MATCH (n) WHERE elementId(n) = elementId
  AND ($datasets IS NULL OR n.dataset IN $datasets)
RETURN n
