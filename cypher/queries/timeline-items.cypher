// title: Timeline: the items of a page, with their participants
// description: The dated nodes and relationships named by $nodes and $relationships (element ids, from the timeline/*.cypher slices), each with its participants: the two ends of a relationship, or the first 25 non-source neighbours of a node.
// params: {"nodes": [], "relationships": []}
CALL () {
  UNWIND $nodes AS id
  MATCH (item) WHERE elementId(item) = id
  RETURN item, COLLECT { MATCH (item)-[r]-(p) WHERE NOT p:Source RETURN {node: p, role: type(r)} LIMIT 25 } AS participants
  UNION ALL
  UNWIND $relationships AS id
  MATCH ()-[item]->() WHERE elementId(item) = id
  RETURN item, [{node: startNode(item), role: 'from'}, {node: endNode(item), role: 'to'}] AS participants
}
RETURN item, participants
