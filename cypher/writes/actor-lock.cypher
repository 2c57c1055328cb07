// title: Record: take the write lock on an actor and read it
// description: Writing a property takes the entity's lock (held until the transaction ends), so a merge and its revert of actor $id run one after the other; answers its dataset and properties (dates as text). The value written is the one it had, absent meaning 1.
// params: {"id": "person/example"}
MATCH (n:Entity {id: $id})
SET n.factRevision = coalesce(n.factRevision, 1)
RETURN n.id AS id, n.dataset AS dataset, properties(n) AS properties
