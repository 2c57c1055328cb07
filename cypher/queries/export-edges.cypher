// title: Relationships among a set of nodes
// description: Every relationship whose two ends are in $elementIds, for export and for the edges among the nodes on the canvas. Each node is found by an element-id seek and its outgoing relationships are expanded; the other end's element id is checked against the set, so the cost follows the set's own relationships, never the size of the database. A relationship is left out unless it and both its ends are seen by the caller (SEEN: of $datasets, the datasets they read, null: every one; and of $statuses, the fact statuses they show, null: every one); `sources` lists the sources its evidence cites that the caller may see (null when every dataset is read).
// params: {"elementIds": [], "datasets": null, "statuses": null}
UNWIND $elementIds AS elementId
MATCH (a) WHERE elementId(a) = elementId
MATCH (a)-[r]->(b)
WHERE elementId(b) IN $elementIds
  AND SEEN(a) AND SEEN(r) AND SEEN(b)
RETURN r,
       CASE WHEN $datasets IS NULL THEN null
         ELSE [id IN coalesce(r.evidenceSources, []) WHERE EXISTS { MATCH (s:Source {id: id}) WHERE SEEN(s) }]
       END AS sources
