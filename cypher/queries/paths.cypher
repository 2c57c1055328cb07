// title: All shortest paths between two nodes
// description: Paths of at most $maxLength relationships (never more than 6), optionally only through $types, never through sources.
// params: {"from": "", "to": "", "types": null, "maxLength": 4, "limit": 10}
MATCH (a) WHERE elementId(a) = $from
MATCH (b) WHERE elementId(b) = $to
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE all(r IN relationships(p) WHERE $types IS NULL OR type(r) IN $types)
  AND none(x IN nodes(p) WHERE x:Source)
// Filtering the length after the search (not inside it) keeps Neo4j from falling back to an exhaustive search.
WITH p
WHERE length(p) <= $maxLength
RETURN p
LIMIT $limit
