// title: Schema graph: labels and relationship types as Neo4j sees them
// description: db.schema.visualization(): one virtual node per label (its `name`) and one virtual relationship per (start label)-[type]->(end label) pattern the database reports; counts come from the count store (schema-pattern-counts.cypher).
// params: {}
CALL db.schema.visualization() YIELD nodes, relationships
RETURN nodes, relationships
