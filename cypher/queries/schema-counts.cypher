// title: Schema: label and relationship type counts from the count store
// description: Reads Neo4j's count store in one call (cheap on any size of graph); schema-counts-scan.cypher is the fallback where this procedure is not permitted.
// params: {}
CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
RETURN [entry IN data.nodes WHERE entry.label IS NOT NULL | {name: entry.label, count: entry.count}] AS labels,
       [entry IN data.relationships WHERE entry.relationshipType IS NOT NULL AND entry.startLabel IS NULL AND entry.endLabel IS NULL
         | {name: entry.relationshipType, count: entry.count}] AS relationshipTypes
