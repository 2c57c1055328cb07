// title: Record: one revision of a fact
// description: An append-only record of one change of fact $revision.fact (who, when, the revision number, before and after as JSON text, why), in the fact's dataset; a Revision node is a record about the graph, never an actor in it (RECORD_LABELS).
// params: {"revision": {"fact": "rel/example", "dataset": "example", "revision": 1, "action": "create", "actor": "owner", "actorName": "owner", "after": "{}"}}
CREATE (v:Revision)
SET v = $revision, v.at = datetime()
RETURN toString(v.at) AS at
