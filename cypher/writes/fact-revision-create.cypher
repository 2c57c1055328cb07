// title: Record: one revision of a fact or an actor
// description: An append-only record of one change of $revision.subject (a fact's or an actor's id; $revision.kind says which): who, when, the revision number, the action, before and after as JSON text, why, in the subject's dataset; a Revision node is a record about the graph, never an actor in it (RECORD_LABELS).
// params: {"revision": {"subject": "rel/example", "kind": "fact", "dataset": "example", "revision": 1, "action": "create", "actor": "owner", "actorName": "owner", "after": "{}"}}
CREATE (v:Revision)
SET v = $revision, v.at = datetime()
RETURN toString(v.at) AS at
