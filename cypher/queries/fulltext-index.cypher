// title: Is the full-text search index there?
// description: The state, labels and properties of the full-text index named $index (no row when it does not exist).
// params: {"index": "entity_search"}
SHOW FULLTEXT INDEXES
YIELD name, state, labelsOrTypes, properties
WHERE name = $index
RETURN name, state, labelsOrTypes, properties
