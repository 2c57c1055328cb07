// title: A node with its degree and relationship counts per type and direction
// description: Degree and counts leave out sources, which are records about the graph, not actors in it.
// params: {"elementId": ""}
MATCH (n)
WHERE elementId(n) = $elementId
RETURN n,
       COUNT { (n)-[]-(m) WHERE NOT m:Source } AS degree,
       COLLECT {
         MATCH (n)-[r]-(m)
         WHERE NOT m:Source
         WITH type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, count(r) AS count
         ORDER BY type, direction
         RETURN {type: type, direction: direction, count: count}
       } AS relationshipTypes
