// title: Nodes by element id
// description: Fetches nodes already resolved to element ids (e.g. the endpoints of relationships returned by a console query), one element-id seek each; nodes the caller does not see (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one) are left out.
// params: {"elementIds": [], "datasets": null, "statuses": null}
UNWIND $elementIds AS elementId
MATCH (n) WHERE elementId(n) = elementId
  AND SEEN(n)
RETURN n
