// title: A page of a node's neighbours
// description: One round trip: the node (found as node-resolve.cypher finds it: $elementId by an element-id seek, $id through the Entity or Source constraint; pass null for the other), $limit of its relationships from $offset (optionally of $types, in $direction 'out', 'in' or 'both'), and the total. A page costs what it skips and returns, not the node's degree: relationships come in the order Neo4j stores them (stable while the node's relationships do not change), never sorted; the total is the degree from the degree store when no type is asked for, the caller sees everything (ALL_SEEN) and no relationship touches a Source (the count store says so at no cost), else a count of the matching relationships. A node the caller does not see is not found, and a relationship is in the page and the total only when they see it and its other end (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one).
// params: {"id": null, "elementId": "", "types": null, "direction": "both", "offset": 0, "limit": 100, "datasets": null, "statuses": null}
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
         WHEN $types IS NULL AND ALL_SEEN AND NOT sourcesLinked AND $direction = 'out' THEN COUNT { (n)-->() }
         WHEN $types IS NULL AND ALL_SEEN AND NOT sourcesLinked AND $direction = 'in' THEN COUNT { (n)<--() }
         WHEN $types IS NULL AND ALL_SEEN AND NOT sourcesLinked THEN COUNT { (n)--() }
         ELSE COUNT {
           MATCH (n)-[r]-(m)
           WHERE ($types IS NULL OR type(r) IN $types)
             AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = n) OR ($direction = 'in' AND endNode(r) = n))
             AND (NOT sourcesLinked OR NOT m:Source)
             AND SEEN(r) AND SEEN(m)
         }
       END AS total,
       COLLECT {
         MATCH (n)-[r]-(m)
         WHERE ($types IS NULL OR type(r) IN $types)
           AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = n) OR ($direction = 'in' AND endNode(r) = n))
           AND (NOT sourcesLinked OR NOT m:Source)
           AND SEEN(r) AND SEEN(m)
         RETURN {relationship: r, neighbor: m}
         SKIP $offset
         LIMIT $limit
       } AS page
