// title: Two real nodes for the console's path example on a foreign database
// description: The most connected node of $label (a label the database reports) and a node of another label two or three relationships away from it: the ends of the generated "path between two nodes" example, so that it returns a path.
// params: {"label": "Person"}
MATCH (a:$($label))
WITH a ORDER BY COUNT { (a)--() } DESC LIMIT 1
MATCH (a)-[*2..3]-(b)
WHERE NOT $label IN labels(b)
RETURN elementId(a) AS from, elementId(b) AS to
LIMIT 1
