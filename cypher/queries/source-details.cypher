// title: One source with its text, and everything the dataset takes from it
// description: The source record with its text (where held), and every node and relationship whose evidence cites it. With $datasets (the datasets the caller reads; null: every one) a source of another dataset is not found, exactly as an unknown id, and only the nodes, and the relationships with both ends, of those datasets are listed.
// params: {"id": "src/hrw-2024-03-15", "datasets": null}
MATCH (s:Source {id: $id})
WHERE $datasets IS NULL OR s.dataset IN $datasets
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.url AS url, s.published AS published,
       s.language AS language, s.text IS NOT NULL AS hasText, s.text AS text, s.dataset AS dataset,
       COLLECT { MATCH (n:Entity) WHERE $id IN n.evidenceSources AND ($datasets IS NULL OR n.dataset IN $datasets) RETURN n } AS nodes,
       COLLECT {
         MATCH (a)-[r]->(b)
         WHERE $id IN r.evidenceSources
           AND ($datasets IS NULL OR (r.dataset IN $datasets AND a.dataset IN $datasets AND b.dataset IN $datasets))
         RETURN {relationship: r, from: a, to: b}
       } AS relationships
