// title: Record: the revisions of a fact, oldest first
// description: Every Revision record of fact $id: who, when, the revision number, before and after (JSON text) and why.
// params: {"id": "rel/example"}
MATCH (v:Revision {fact: $id})
RETURN v.revision AS revision, v.action AS action, v.actor AS actor, v.actorName AS actorName, toString(v.at) AS at, v.before AS before, v.after AS after, v.reason AS reason
ORDER BY v.revision
