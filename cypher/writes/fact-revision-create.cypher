// title: Record: revisions of facts or actors
// description: An append-only record of each change in $revisions, one per subject (a fact's or an actor's id; `kind` says which): who, when, the revision number, the action, before and after as JSON text, why, in the subject's dataset; a Revision node is a record about the graph, never an actor in it (RECORD_LABELS). One statement for all of a write's records.
// params: {"revisions": [{"subject": "rel/example", "kind": "fact", "dataset": "example", "revision": 1, "action": "create", "actor": "owner", "actorName": "owner", "after": "{}"}]}
UNWIND $revisions AS revision
CREATE (v:Revision)
SET v = revision, v.at = datetime()
RETURN count(v) AS written
