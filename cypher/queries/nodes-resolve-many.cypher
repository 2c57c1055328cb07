// title: Find many nodes by their public ids
// description: Dataset ids ($ids) through the Entity and Source uniqueness constraints, element ids ($elementIds) by element-id seeks: one seek per id, whatever the size of the database. Nodes the caller does not see (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one) are not found; `sources` lists the sources the node's evidence cites that the caller may see (null when every dataset is read: all of them).
// params: {"ids": ["org/aeem", "org/kaoural-renewal"], "elementIds": [], "datasets": null, "statuses": null}
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
WITH n WHERE SEEN(n)
RETURN n,
       CASE WHEN $datasets IS NULL THEN null
         ELSE [id IN coalesce(n.evidenceSources, []) WHERE EXISTS { MATCH (s:Source {id: id}) WHERE SEEN(s) }]
       END AS sources
