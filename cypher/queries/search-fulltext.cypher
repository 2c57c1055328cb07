// title: Search names and aliases through the full-text index
// description: $query is a Lucene query (fuzzy terms~, prefixes*); the 'standard-folding' analyzer folds diacritics. Results come best first. Lucene itself keeps only the best $candidates (without that option Neo4j reads every hit: thousands for a common name at 1M nodes). Only nodes the caller sees (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one).
// params: {"index": "entity_search", "query": "kaoural~1 OR kaoural*", "labels": null, "limit": 20, "candidates": 20, "datasets": null, "statuses": null}
CALL db.index.fulltext.queryNodes($index, $query, {limit: $candidates}) YIELD node, score
WHERE NOT node:Source
  AND ($labels IS NULL OR any(label IN labels(node) WHERE label IN $labels))
  AND SEEN(node)
RETURN node, score
LIMIT $limit
