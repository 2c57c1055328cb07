// title: All source records, with how many statements each supports
// description: Source records without their texts; statementCount counts the pieces of evidence (on nodes and relationships) that cite the source.
// params: {}
MATCH (s:Source)
CALL (s) {
  OPTIONAL MATCH (n:Entity)
  WHERE s.id IN n.evidenceSources
  RETURN sum(size([cited IN n.evidenceSources WHERE cited = s.id])) AS fromNodes
}
CALL (s) {
  OPTIONAL MATCH ()-[r]->()
  WHERE s.id IN r.evidenceSources
  RETURN sum(size([cited IN r.evidenceSources WHERE cited = s.id])) AS fromRelationships
}
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.url AS url, s.published AS published,
       s.language AS language, s.text IS NOT NULL AS hasText, fromNodes + fromRelationships AS statementCount
ORDER BY s.published, s.id
