// title: Record: the revisions of a fact or an actor, oldest first
// description: Every Revision record whose subject is $id (a fact's or an actor's id, sought by the revision_subject index): who, when, the revision number, the action, before and after (JSON text) and why.
// params: {"id": "rel/example"}
MATCH (v:Revision {subject: $id})
RETURN v.revision AS revision, v.action AS action, v.actor AS actor, v.actorName AS actorName, toString(v.at) AS at, v.before AS before, v.after AS after, v.reason AS reason
ORDER BY v.revision
