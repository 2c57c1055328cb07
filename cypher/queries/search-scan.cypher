// title: Search by scanning string properties (no full-text index)
// description: For databases without the entity_search index: every string (or list of strings) property is lower-cased, decomposed (NFD) and matched against $pattern, a Java regex in which each letter may carry accents. Only nodes the caller sees (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one).
// params: {"pattern": "(?s).*g\\p{M}*o\\p{M}*i\\p{M}*t\\p{M}*a\\p{M}*.*", "labels": null, "limit": 200, "datasets": null, "statuses": null}
MATCH (node)
WHERE NOT node:Source
  AND SEEN(node)
  AND ($labels IS NULL OR any(label IN labels(node) WHERE label IN $labels))
  AND any(key IN keys(node) WHERE NOT key STARTS WITH 'evidence' AND (
        (node[key] IS :: STRING NOT NULL AND normalize(toLower(node[key]), NFD) =~ $pattern)
        OR (node[key] IS :: LIST<STRING NOT NULL> NOT NULL AND any(text IN node[key] WHERE normalize(toLower(text), NFD) =~ $pattern))))
RETURN node
LIMIT $limit
