// title: Record: an actor by its id, with its dataset
// description: The entity $id (sought by the entity id constraint) and the dataset it belongs to, so its history is shown only to a caller who reads that dataset.
// params: {"id": "person/example"}
MATCH (n:Entity {id: $id})
RETURN n.id AS id, n.dataset AS dataset
