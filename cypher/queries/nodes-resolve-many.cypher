// title: Find many nodes by their public ids
// description: Dataset ids ($ids) through the Entity and Source uniqueness constraints, element ids ($elementIds) by element-id seeks: one seek per id, whatever the size of the database.
// params: {"ids": ["org/aeem", "org/kaoural-renewal"], "elementIds": []}
CALL () {
  UNWIND $elementIds AS elementId
  MATCH (n) WHERE elementId(n) = elementId
  RETURN n
  UNION
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN n
  UNION
  UNWIND $ids AS id
  MATCH (n:Source {id: id})
  RETURN n
}
RETURN n
