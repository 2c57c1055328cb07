// title: How many nodes of each label
// description: Works on any Neo4j database: a first look at what a graph holds.
// params: {}
// example: true
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS nodes
ORDER BY nodes DESC, label
