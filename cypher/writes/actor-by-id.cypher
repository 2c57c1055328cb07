// title: Record: an actor by its id, with its dataset and status
// description: The entity $id (sought by the entity id constraint), the dataset it belongs to and its fact status (null when imported), so its history is shown only to a caller who reads that dataset and shows that status.
// params: {"id": "person/example"}
MATCH (n:Entity {id: $id})
RETURN n.id AS id, n.dataset AS dataset, n.factStatus AS status
