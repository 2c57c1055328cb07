// title: A label's most connected nodes, with the relationships among them
// description: The $limit nodes of $label (a label the database reports, checked by the server) with the most relationships (Neo4j reads a node's degree without expanding it), and the relationships among them. Only nodes and relationships the caller sees (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one), and unless they see everything (ALL_SEEN) the degree counts only the relationships they see.
// params: {"label": "Person", "limit": 25, "datasets": null, "statuses": null}
MATCH (n:$($label))
WHERE SEEN(n)
WITH n, CASE
          WHEN ALL_SEEN THEN COUNT { (n)--() }
          ELSE COUNT { MATCH (n)-[r]-(m) WHERE SEEN(r) AND SEEN(m) }
        END AS degree
ORDER BY degree DESC, elementId(n)
LIMIT $limit
WITH collect(n) AS nodes, collect(degree) AS degrees
RETURN nodes, degrees,
       COLLECT { UNWIND nodes AS a MATCH (a)-[r]->(b) WHERE b IN nodes AND SEEN(r) RETURN r } AS relationships
