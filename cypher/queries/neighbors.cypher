// title: A page of a node's neighbours
// description: Relationships of the node (optionally of $types, in $direction 'out', 'in' or 'both') in a stable order, $limit of them from $offset, with the total count so the client can offer "more".
// params: {"elementId": "", "types": null, "direction": "both", "offset": 0, "limit": 100}
MATCH (n)
WHERE elementId(n) = $elementId
RETURN n,
       COUNT {
         MATCH (n)-[r]-(m)
         WHERE NOT m:Source AND ($types IS NULL OR type(r) IN $types)
           AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = n) OR ($direction = 'in' AND endNode(r) = n))
       } AS total,
       COLLECT {
         MATCH (n)-[r]-(m)
         WHERE NOT m:Source AND ($types IS NULL OR type(r) IN $types)
           AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = n) OR ($direction = 'in' AND endNode(r) = n))
         WITH r, m
         ORDER BY type(r), coalesce(m.name, m.title, m.id, ''), elementId(r)
         SKIP $offset
         LIMIT $limit
         RETURN {relationship: r, neighbor: m}
       } AS page
