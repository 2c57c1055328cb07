// title: Timeline: the items of a page, with their participants
// description: The dated nodes and relationships named by $nodes and $relationships (element ids, from the timeline/*.cypher slices), each with its participants: the two ends of a relationship, or the first 25 non-source neighbours of a node. Only what the caller sees (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one): items (a relationship with both ends), and participants linked by a relationship they see; `sources` lists the sources the item's evidence cites that the caller may see (null when every dataset is read).
// params: {"nodes": [], "relationships": [], "datasets": null, "statuses": null}
CALL () {
  UNWIND $nodes AS id
  MATCH (item) WHERE elementId(item) = id
    AND SEEN(item)
  RETURN item, COLLECT {
           MATCH (item)-[r]-(p)
           WHERE NOT p:Source AND SEEN(r) AND SEEN(p)
           RETURN {node: p, role: type(r)} LIMIT 25
         } AS participants
  UNION ALL
  UNWIND $relationships AS id
  MATCH (a)-[item]->(b) WHERE elementId(item) = id
    AND SEEN(item) AND SEEN(a) AND SEEN(b)
  RETURN item, [{node: a, role: 'from'}, {node: b, role: 'to'}] AS participants
}
RETURN item, participants,
       CASE WHEN $datasets IS NULL THEN null
         ELSE [id IN coalesce(item.evidenceSources, []) WHERE EXISTS { MATCH (s:Source {id: id}) WHERE SEEN(s) }]
       END AS sources
