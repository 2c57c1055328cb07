// title: One source with its text, and everything the dataset takes from it
// description: The source record with its text (where held), and every node and relationship whose evidence cites it. A source the caller does not see is not found, exactly as an unknown id, and only the nodes, and the relationships with both ends, that they see are listed (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one).
// params: {"id": "src/hrw-2024-03-15", "datasets": null, "statuses": null}
MATCH (s:Source {id: $id})
WHERE SEEN(s)
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.url AS url, s.published AS published,
       s.language AS language, s.text IS NOT NULL AS hasText, s.text AS text, s.dataset AS dataset,
       COLLECT { MATCH (n:Entity) WHERE $id IN n.evidenceSources AND SEEN(n) RETURN n } AS nodes,
       COLLECT {
         MATCH (a)-[r]->(b)
         WHERE $id IN r.evidenceSources
           AND SEEN(r) AND SEEN(a) AND SEEN(b)
         RETURN {relationship: r, from: a, to: b}
       } AS relationships
