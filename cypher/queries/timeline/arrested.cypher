// title: Timeline slice: dated ARRESTED relationships
// description: How many dated ARRESTED relationships have a period overlapping $from..$to, and the keys of the first $limit of them in the timeline's order (timeline-items.cypher fetches the merged page). $lower is $from minus one year (or '0001-01-01') and $upper is $to (or '9999-12-31'), so that the date and endDate indexes bound the search. server/queries.ts merges the slices.
// params: {"from": null, "lower": "0001-01-01", "upper": "9999-12-31", "types": null, "limit": 500}
// Generated from server/model/declaration.ts by `npx tsx seed/cli.ts --write-schema` (seed/timeline-queries.ts); do not edit.
CALL () {
  MATCH ()-[x:ARRESTED]->() WHERE x.date >= date($lower) AND x.date <= date($upper) RETURN x
  UNION ALL
  MATCH ()-[x:ARRESTED]->() WHERE x.endDate >= date($lower) AND x.date < date($lower) RETURN x
}
WITH x, 'ARRESTED' AS type
WHERE ($types IS NULL OR type IN $types)
  AND ($from IS NULL OR CASE coalesce(x.datePrecision, 'day')
    WHEN 'year' THEN coalesce(x.endDate, x.date) + duration('P1Y') - duration('P1D')
    WHEN 'month' THEN coalesce(x.endDate, x.date) + duration('P1M') - duration('P1D')
    ELSE coalesce(x.endDate, x.date)
  END >= date($from))
WITH x, type, coalesce(x.datePrecision, 'day') AS precision
ORDER BY x.date, CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, type, coalesce(x.id, elementId(x))
// One pass: every match is counted, the first $limit are answered (no match, no row).
WITH collect({x: x, type: type, precision: precision}) AS matched
UNWIND matched[..$limit] AS m
WITH size(matched) AS total, m.x AS x, m.type AS type, m.precision AS precision
RETURN total, elementId(x) AS elementId, toString(x.date) AS date, type, precision, coalesce(x.id, elementId(x)) AS key
