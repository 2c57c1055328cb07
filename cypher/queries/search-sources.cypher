// title: Search sources by title and publisher
// description: A source's publisher or title finds it (and so its publications): both are lower-cased, decomposed (NFD) and matched against $pattern, a Java regex in which each letter may carry accents. Sources are few; no index is needed. The text itself stays out of the answer. Only sources the caller sees (SEEN: of $datasets, the datasets they read, and of $statuses, the statuses they show; null: every one; a source has no status, so counts as accepted).
// params: {"pattern": "(?s)(?=.*h\\p{M}*r\\p{M}*w\\p{M}*).*", "limit": 20, "datasets": null, "statuses": null}
MATCH (node:Source)
WHERE SEEN(node)
  AND normalize(toLower(coalesce(node.title, '') + ' | ' + coalesce(node.publisher, '')), NFD) =~ $pattern
RETURN node.id AS id, node.title AS title, node.publisher AS publisher, node.published AS published, node.url AS url, node.text IS NOT NULL AS hasText
ORDER BY published DESC, id
LIMIT $limit
