// title: The name properties of a foreign database's nodes, for the server's in-memory name index
// description: For each of $targets ({label, properties}: the inferred model's name properties per label), the element id and name values of at most $examine nodes of the label; read once (and again after a while), so search can answer as the user types without a full-text index.
// params: {"targets": [{"label": "Person", "properties": ["firstName", "lastName"]}], "examine": 250000}
UNWIND $targets AS target
CALL (target) {
  MATCH (node:$(target.label))
  WITH node LIMIT $examine
  RETURN elementId(node) AS id, reduce(text = '', key IN target.properties | text + ' ' + coalesce(CASE WHEN node[key] IS :: STRING THEN node[key] END, '')) AS text
}
RETURN target.label AS label, id, text
