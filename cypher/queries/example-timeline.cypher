// title: What happened, in date order
// description: Dated events and dated relations with the precision of each date and whether it was stated or inferred.
// params: {}
// example: true
CALL () {
  MATCH (event:Entity)
  WHERE event.date IS NOT NULL
  RETURN event.date AS date, event.datePrecision AS precision, event.dateInferred AS inferred, event.name AS what
  UNION ALL
  MATCH (a)-[r]->(b)
  WHERE r.date IS NOT NULL
  RETURN r.date AS date, r.datePrecision AS precision, r.dateInferred AS inferred, a.name + ' ' + toLower(replace(type(r), '_', ' ')) + ' ' + b.name AS what
}
RETURN date, precision, inferred, what
ORDER BY date, what
