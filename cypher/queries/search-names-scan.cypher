// title: Search a foreign database's name properties by scanning (no full-text index)
// description: For each of $targets ({label, properties}: the inferred model's name properties per label), the first $examine nodes of the label: their name properties joined by spaces, lower-cased and decomposed (NFD), matched against $pattern (a Java regex in which every word of the query must occur, allowing one typo in longer words). Bounded: at most $examine nodes read per label, $limit returned.
// params: {"targets": [{"label": "Person", "properties": ["firstName", "lastName"]}], "pattern": "(?s)(?=.*a\\p{M}*v\\p{M}*e\\p{M}*l\\p{M}*).*", "examine": 20000, "limit": 200}
UNWIND $targets AS target
CALL (target) {
  MATCH (node:$(target.label))
  WITH node LIMIT $examine
  WITH node, reduce(text = '', key IN target.properties | text + ' ' + coalesce(CASE WHEN node[key] IS :: STRING THEN node[key] END, '')) AS text
  WHERE normalize(toLower(text), NFD) =~ $pattern
  RETURN node
  LIMIT $limit
}
RETURN node
LIMIT $limit
