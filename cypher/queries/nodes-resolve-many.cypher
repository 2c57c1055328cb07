// title: Find many nodes by their public ids
// description: Dataset ids ($ids) through the Entity and Source constraints, plus element ids ($elementIds) for foreign databases.
// params: {"ids": ["org/aeem", "org/kaoural-renewal"], "elementIds": []}
CALL () {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN n
  UNION
  UNWIND $ids AS id
  MATCH (n:Source {id: id})
  RETURN n
  UNION
  MATCH (n) WHERE elementId(n) IN $elementIds
  RETURN n
}
RETURN n
