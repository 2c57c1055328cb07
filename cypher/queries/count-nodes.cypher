// title: Count of nodes (sources excluded)
// description: How many nodes the graph views can show.
// params: {}
MATCH (n)
WHERE NOT n:Source
RETURN count(n) AS total
