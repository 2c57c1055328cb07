// title: Timeline: dated nodes and dated relationships in date order
// description: Everything with a DATE in `date` (sources excluded), whose period (date to endDate, widened by its precision) overlaps $from..$to (ISO dates or null), optionally only of $types (node labels or relationship types); the first $limit in date order with their participants. timeline-count.cypher counts them all. Only what the caller sees (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one): nodes, relationships with both ends, participants likewise; `sources` lists the sources the item's evidence cites that the caller may see (null when every dataset is read).
// params: {"from": null, "to": null, "types": null, "limit": 500, "datasets": null, "statuses": null}
CALL () {
  MATCH (n)
  WHERE n.date IS :: DATE NOT NULL AND NOT n:Source
    AND SEEN(n)
  RETURN n AS item, 'node' AS kind, [label IN labels(n) WHERE label <> 'Entity'] AS types
  UNION ALL
  MATCH (a)-[r]->(b)
  WHERE r.date IS :: DATE NOT NULL AND NOT a:Source AND NOT b:Source
    AND SEEN(r) AND SEEN(a) AND SEEN(b)
  RETURN r AS item, 'relationship' AS kind, [type(r)] AS types
}
WITH item, kind, types, coalesce(item.datePrecision, 'day') AS precision,
     CASE WHEN item.endDate IS :: DATE NOT NULL THEN item.endDate ELSE item.date END AS last
WITH item, kind, types, precision,
     CASE precision
       WHEN 'year' THEN last + duration('P1Y') - duration('P1D')
       WHEN 'month' THEN last + duration('P1M') - duration('P1D')
       ELSE last
     END AS until
WHERE ($types IS NULL OR any(t IN types WHERE t IN $types))
  AND ($from IS NULL OR until >= date($from))
  AND ($to IS NULL OR item.date <= date($to))
WITH item, kind, types[0] AS type, precision
// ORDER BY with LIMIT keeps only the first $limit in memory, however many events match.
ORDER BY item.date, CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, kind, type, coalesce(item.id, elementId(item))
LIMIT $limit
RETURN item, kind, type, precision,
       CASE kind
         WHEN 'relationship' THEN [{node: startNode(item), role: 'from'}, {node: endNode(item), role: 'to'}]
         ELSE COLLECT {
           MATCH (item)-[r]-(p)
           WHERE NOT p:Source AND SEEN(r) AND SEEN(p)
           RETURN {node: p, role: type(r)} LIMIT 25
         }
       END AS participants,
       CASE WHEN $datasets IS NULL THEN null
         ELSE [id IN coalesce(item.evidenceSources, []) WHERE EXISTS { MATCH (s:Source {id: id}) WHERE SEEN(s) }]
       END AS sources
