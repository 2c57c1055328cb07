// title: A label's most connected nodes, with the relationships among them
// description: The $limit nodes of $label (a label the database reports, checked by the server) with the most relationships (Neo4j reads a node's degree without expanding it), and the relationships among them.
// params: {"label": "Person", "limit": 25}
MATCH (n:$($label))
WITH n, COUNT { (n)--() } AS degree
ORDER BY degree DESC, elementId(n)
LIMIT $limit
WITH collect(n) AS nodes, collect(degree) AS degrees
RETURN nodes, degrees,
       COLLECT { UNWIND nodes AS a MATCH (a)-[r]->(b) WHERE b IN nodes RETURN r } AS relationships
