// title: All source records, with how many statements each supports
// description: Source records without their texts; statementCount counts the pieces of evidence (on nodes and relationships) that cite the source. With $datasets (the datasets the caller reads; null: every one) only sources of those datasets, and only the evidence on nodes and relationships (with both ends) of those datasets is counted.
// params: {"datasets": null}
MATCH (s:Source)
WHERE $datasets IS NULL OR s.dataset IN $datasets
CALL (s) {
  OPTIONAL MATCH (n:Entity)
  WHERE s.id IN n.evidenceSources AND ($datasets IS NULL OR n.dataset IN $datasets)
  RETURN sum(size([cited IN n.evidenceSources WHERE cited = s.id])) AS fromNodes
}
CALL (s) {
  OPTIONAL MATCH (a)-[r]->(b)
  WHERE s.id IN r.evidenceSources
    AND ($datasets IS NULL OR (r.dataset IN $datasets AND a.dataset IN $datasets AND b.dataset IN $datasets))
  RETURN sum(size([cited IN r.evidenceSources WHERE cited = s.id])) AS fromRelationships
}
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.url AS url, s.published AS published,
       s.language AS language, s.text IS NOT NULL AS hasText, fromNodes + fromRelationships AS statementCount
ORDER BY s.published, s.id
