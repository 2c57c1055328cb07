// title: Schema graph: relationship counts by type and start or end label, from the count store
// description: Neo4j's count store keeps, per relationship type, how many start at a label and how many end at one (never both at once); cheap on any size of graph.
// params: {}
CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
RETURN [entry IN data.relationships WHERE entry.relationshipType IS NOT NULL AND entry.startLabel IS NOT NULL | {type: entry.relationshipType, label: entry.startLabel, count: entry.count}] AS outgoing,
       [entry IN data.relationships WHERE entry.relationshipType IS NOT NULL AND entry.endLabel IS NOT NULL | {type: entry.relationshipType, label: entry.endLabel, count: entry.count}] AS incoming
