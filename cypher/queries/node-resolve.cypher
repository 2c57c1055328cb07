// title: Find a node by its public id
// description: A public id is a dataset id ($id, looked up through the Entity and Source uniqueness constraints) or, for a foreign database, an element id ($elementId). Pass null for the one not used.
// params: {"id": "org/aeem", "elementId": null}
OPTIONAL MATCH (byElementId) WHERE elementId(byElementId) = $elementId
OPTIONAL MATCH (entity:Entity {id: $id})
OPTIONAL MATCH (source:Source {id: $id})
WITH coalesce(byElementId, entity, source) AS n
WHERE n IS NOT NULL
RETURN n
