// title: A node by its public id, with its degree, relationship counts per type and direction, and the sources its evidence cites
// description: One round trip: the node is found as node-resolve.cypher finds it (an element-id seek for $elementId, the Entity or Source constraint for $id; pass null for the other). Sources are records about the graph, not actors in it: where any relationship touches a Source (the count store says so at no cost) they are left out of the counts; otherwise the degree comes from Neo4j's degree store. A node the caller does not see is not found, and the counts and sources are of what they see (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one): a relationship when they see it and its other end, a source when they see its record; the degree store answers only when they see everything (ALL_SEEN).
// params: {"id": "org/aeem", "elementId": null, "datasets": null, "statuses": null}
CALL () {
  MATCH (n) WHERE elementId(n) = $elementId RETURN n
  UNION
  WITH $id AS id WHERE id IS NOT NULL
  MATCH (n:Entity {id: id}) RETURN n
  UNION
  WITH $id AS id WHERE id IS NOT NULL
  MATCH (n:Source {id: id}) RETURN n
}
WITH n WHERE SEEN(n)
WITH n LIMIT 1
WITH n, COUNT { ()-[]->(:Source) } + COUNT { (:Source)-[]->() } > 0 AS sourcesLinked
RETURN n,
       CASE
         WHEN ALL_SEEN AND NOT sourcesLinked THEN COUNT { (n)--() }
         ELSE COUNT {
           MATCH (n)-[r]-(m)
           WHERE (NOT sourcesLinked OR NOT m:Source)
             AND SEEN(r) AND SEEN(m)
         }
       END AS degree,
       COLLECT {
         MATCH (n)-[r]-(m)
         WHERE (NOT sourcesLinked OR NOT m:Source)
           AND SEEN(r) AND SEEN(m)
         WITH type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, count(r) AS count
         ORDER BY type, direction
         RETURN {type: type, direction: direction, count: count}
       } AS relationshipTypes,
       COLLECT {
         WITH n WHERE n.evidenceSources IS NOT NULL
         UNWIND n.evidenceSources AS sourceId
         WITH DISTINCT sourceId
         MATCH (s:Source {id: sourceId})
         WHERE SEEN(s)
         RETURN {id: s.id, title: s.title, publisher: s.publisher, url: s.url, published: s.published, language: s.language, hasText: s.text IS NOT NULL} AS source
         ORDER BY source.published, source.id
       } AS sources
