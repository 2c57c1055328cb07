// title: All shortest paths between two nodes
// description: Paths of at most $maxLength relationships (never more than 6), optionally only through $types, never through sources. A path is one for the caller only when they see every node and relationship on it (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one): the condition is part of the search, so a path through a node the caller may not see is not found and a longer one they may see is.
// params: {"from": "", "to": "", "types": null, "maxLength": 4, "limit": 10, "datasets": null, "statuses": null}
MATCH (a) WHERE elementId(a) = $from
MATCH (b) WHERE elementId(b) = $to
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE all(r IN relationships(p) WHERE ($types IS NULL OR type(r) IN $types) AND SEEN(r))
  AND none(x IN nodes(p) WHERE x:Source)
  AND all(x IN nodes(p) WHERE SEEN(x))
// Filtering the length after the search (not inside it) keeps Neo4j from falling back to an exhaustive search.
WITH p
WHERE length(p) <= $maxLength
RETURN p
LIMIT $limit
