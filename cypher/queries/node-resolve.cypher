// title: Find a node by its public id
// description: A public id is a dataset id ($id, on nodes labelled Entity or Source, found through their uniqueness constraints) or '~' + an element id ($elementId, found by an element-id seek); pass null for the one not used. Each branch runs only for its kind of id, and each is a seek (on a database without our constraints the Entity and Source branches never run for an element id). A node the caller does not see (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one) is not found, exactly as an unknown id.
// params: {"id": "org/aeem", "elementId": null, "datasets": null, "statuses": null}
CALL () {
  MATCH (n) WHERE elementId(n) = $elementId RETURN n
  UNION
  WITH $id AS id WHERE id IS NOT NULL
  MATCH (n:Entity {id: id}) RETURN n
  UNION
  WITH $id AS id WHERE id IS NOT NULL
  MATCH (n:Source {id: id}) RETURN n
}
WITH n WHERE SEEN(n)
RETURN n
LIMIT 1
