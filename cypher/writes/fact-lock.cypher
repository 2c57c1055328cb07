// title: Record: take the write lock on a fact before reading its revision
// description: Writing a property takes the relationship's lock, so two edits of the fact with element id $elementId run one after the other and the second reads the first's revision (the lock is held until the transaction ends; the value written is the one it had, absent meaning 1).
// params: {"elementId": "5:00000000-0000-0000-0000-000000000000:0"}
MATCH ()-[r]->()
WHERE elementId(r) = $elementId
SET r.factRevision = coalesce(r.factRevision, 1)
RETURN count(r) AS locked
