// title: Search sources by title and publisher
// description: A source's publisher or title finds it (and so its publications): both are lower-cased, decomposed (NFD) and matched against $pattern, a Java regex in which each letter may carry accents. Sources are few; no index is needed. The text itself stays out of the answer. Only sources of $datasets (the datasets the caller reads; null: every one).
// params: {"pattern": "(?s)(?=.*h\\p{M}*r\\p{M}*w\\p{M}*).*", "limit": 20, "datasets": null}
MATCH (node:Source)
WHERE ($datasets IS NULL OR node.dataset IN $datasets)
  AND normalize(toLower(coalesce(node.title, '') + ' | ' + coalesce(node.publisher, '')), NFD) =~ $pattern
RETURN node.id AS id, node.title AS title, node.publisher AS publisher, node.published AS published, node.url AS url, node.text IS NOT NULL AS hasText
ORDER BY published DESC, id
LIMIT $limit
