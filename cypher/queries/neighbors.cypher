// title: A page of a node's neighbours
// description: One round trip: the node (found as node-resolve.cypher finds it: $elementId by an element-id seek, $id through the Entity or Source constraint; pass null for the other), $limit of its relationships from $offset (optionally of $types, in $direction 'out', 'in' or 'both'), and the total. A page costs what it skips and returns, not the node's degree: relationships come in the order Neo4j stores them (stable while the node's relationships do not change), never sorted; the total is the degree from the degree store when no type is asked for, every dataset is read and no relationship touches a Source (the count store says so at no cost), else a count of the matching relationships. With $datasets (the datasets the caller reads; null: every one) a node of another dataset is not found, and a relationship is in the page and the total only when it and its other end are in $datasets.
// params: {"id": null, "elementId": "", "types": null, "direction": "both", "offset": 0, "limit": 100, "datasets": null}
CALL () {
  MATCH (n) WHERE elementId(n) = $elementId RETURN n
  UNION
  WITH $id AS id WHERE id IS NOT NULL
  MATCH (n:Entity {id: id}) RETURN n
  UNION
  WITH $id AS id WHERE id IS NOT NULL
  MATCH (n:Source {id: id}) RETURN n
}
WITH n WHERE $datasets IS NULL OR n.dataset IN $datasets
WITH n LIMIT 1
WITH n, COUNT { ()-[]->(:Source) } + COUNT { (:Source)-[]->() } > 0 AS sourcesLinked
RETURN n,
       CASE
         WHEN $types IS NULL AND $datasets IS NULL AND NOT sourcesLinked AND $direction = 'out' THEN COUNT { (n)-->() }
         WHEN $types IS NULL AND $datasets IS NULL AND NOT sourcesLinked AND $direction = 'in' THEN COUNT { (n)<--() }
         WHEN $types IS NULL AND $datasets IS NULL AND NOT sourcesLinked THEN COUNT { (n)--() }
         ELSE COUNT {
           MATCH (n)-[r]-(m)
           WHERE ($types IS NULL OR type(r) IN $types)
             AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = n) OR ($direction = 'in' AND endNode(r) = n))
             AND (NOT sourcesLinked OR NOT m:Source)
             AND ($datasets IS NULL OR (r.dataset IN $datasets AND m.dataset IN $datasets))
         }
       END AS total,
       COLLECT {
         MATCH (n)-[r]-(m)
         WHERE ($types IS NULL OR type(r) IN $types)
           AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = n) OR ($direction = 'in' AND endNode(r) = n))
           AND (NOT sourcesLinked OR NOT m:Source)
           AND ($datasets IS NULL OR (r.dataset IN $datasets AND m.dataset IN $datasets))
         RETURN {relationship: r, neighbor: m}
         SKIP $offset
         LIMIT $limit
       } AS page
