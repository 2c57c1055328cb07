// title: Who accused whom of what
// description: Each accusation is an edge from the accuser carrying the accusation's verbatim words, with the sources it comes from.
// params: {}
// example: true
MATCH (accuser)-[accusation:ACCUSED]->(accused)
RETURN accuser.name AS by, accused.name AS against, accusation.words AS words, accusation.date AS date,
       accusation.evidenceSources AS sources, accuser, accusation, accused
ORDER BY date, by, against
