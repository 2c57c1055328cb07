// title: Timeline: how many dated nodes and relationships match
// description: The total behind timeline.cypher's page, with the same filters (what the caller sees, SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one).
// params: {"from": null, "to": null, "types": null, "datasets": null, "statuses": null}
CALL () {
  MATCH (n)
  WHERE n.date IS :: DATE NOT NULL AND NOT n:Source
    AND SEEN(n)
  RETURN n AS item, [label IN labels(n) WHERE label <> 'Entity'] AS types
  UNION ALL
  MATCH (a)-[r]->(b)
  WHERE r.date IS :: DATE NOT NULL AND NOT a:Source AND NOT b:Source
    AND SEEN(r) AND SEEN(a) AND SEEN(b)
  RETURN r AS item, [type(r)] AS types
}
WITH item, types, coalesce(item.datePrecision, 'day') AS precision,
     CASE WHEN item.endDate IS :: DATE NOT NULL THEN item.endDate ELSE item.date END AS last
WITH item, types,
     CASE precision
       WHEN 'year' THEN last + duration('P1Y') - duration('P1D')
       WHEN 'month' THEN last + duration('P1M') - duration('P1D')
       ELSE last
     END AS until
WHERE ($types IS NULL OR any(t IN types WHERE t IN $types))
  AND ($from IS NULL OR until >= date($from))
  AND ($to IS NULL OR item.date <= date($to))
RETURN count(item) AS total
