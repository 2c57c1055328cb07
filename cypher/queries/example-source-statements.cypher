// title: Everything one source states
// description: Every node and relationship whose evidence cites the source $sourceId, with the quoted words and their offsets in the source text, in reading order.
// params: {"sourceId": "src/hrw-2024-03-15"}
// example: true
MATCH (source:Source {id: $sourceId})
CALL (source) {
  MATCH (n:Entity)
  WHERE source.id IN n.evidenceSources
  UNWIND range(0, size(n.evidenceSources) - 1) AS i
  WITH n, i
  WHERE n.evidenceSources[i] = source.id
  RETURN 'node' AS kind, n.name AS statement, n.evidenceQuotes[i] AS quote, n.evidenceStarts[i] AS start
  UNION ALL
  MATCH (a)-[r]->(b)
  WHERE source.id IN r.evidenceSources
  UNWIND range(0, size(r.evidenceSources) - 1) AS i
  WITH a, r, b, i
  WHERE r.evidenceSources[i] = source.id
  RETURN 'relationship' AS kind, a.name + ' ' + type(r) + ' ' + b.name AS statement, r.evidenceQuotes[i] AS quote, r.evidenceStarts[i] AS start
}
RETURN kind, statement, quote, start
ORDER BY CASE WHEN start < 0 THEN 1 ELSE 0 END, start, statement
