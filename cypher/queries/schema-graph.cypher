// title: Schema graph: labels and relationship types as Neo4j sees them
// description: db.schema.visualization() as plain names: every label, and every (start label)-[type]->(end label) pattern the database reports; counts come from the count store (schema-pattern-counts.cypher).
// params: {}
CALL db.schema.visualization() YIELD nodes, relationships
RETURN [n IN nodes | n.name] AS labels,
       [r IN relationships | {type: type(r), from: startNode(r).name, to: endNode(r).name}] AS relationships
