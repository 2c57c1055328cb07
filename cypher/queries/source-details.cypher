// title: One source with its text, and everything the dataset takes from it
// description: The source record with its text (where held), and every node and relationship whose evidence cites it.
// params: {"id": "src/hrw-2024-03-15"}
MATCH (s:Source {id: $id})
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.url AS url, s.published AS published,
       s.language AS language, s.text IS NOT NULL AS hasText, s.text AS text,
       COLLECT { MATCH (n:Entity) WHERE $id IN n.evidenceSources RETURN n } AS nodes,
       COLLECT { MATCH (a)-[r]->(b) WHERE $id IN r.evidenceSources RETURN {relationship: r, from: a, to: b} } AS relationships
