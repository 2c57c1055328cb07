// title: All source records, with how many facts each supports
// description: Source records without their texts; statementCount counts the nodes and relationships whose evidence cites the source.
// params: {}
MATCH (s:Source)
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.url AS url, s.published AS published,
       s.language AS language, s.text IS NOT NULL AS hasText,
       COUNT { MATCH (n:Entity) WHERE s.id IN n.evidenceSources } + COUNT { MATCH ()-[r]->() WHERE s.id IN r.evidenceSources } AS statementCount
ORDER BY s.published, s.id
