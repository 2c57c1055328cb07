// title: A label's most connected nodes, with the relationships among them
// description: The $limit nodes of $label (a label the database reports, checked by the server) with the most relationships (Neo4j reads a node's degree without expanding it), and the relationships among them. With $datasets (the datasets the caller reads; null: every one) only nodes and relationships of those datasets, and the degree counts only the relationships the caller sees.
// params: {"label": "Person", "limit": 25, "datasets": null}
MATCH (n:$($label))
WHERE $datasets IS NULL OR n.dataset IN $datasets
WITH n, CASE
          WHEN $datasets IS NULL THEN COUNT { (n)--() }
          ELSE COUNT { MATCH (n)-[r]-(m) WHERE r.dataset IN $datasets AND m.dataset IN $datasets }
        END AS degree
ORDER BY degree DESC, elementId(n)
LIMIT $limit
WITH collect(n) AS nodes, collect(degree) AS degrees
RETURN nodes, degrees,
       COLLECT { UNWIND nodes AS a MATCH (a)-[r]->(b) WHERE b IN nodes AND ($datasets IS NULL OR r.dataset IN $datasets) RETURN r } AS relationships
