// title: Timeline of a foreign database: one label's nodes by its date property
// description: The nodes of $label whose $property reads as a date in $format ('temporal': a Neo4j date or date-time; 'year': an integer or 'yyyy' string; 'iso': 'yyyy', 'yyyy-MM' or 'yyyy-MM-dd'; 'dd/MM/yyyy' or 'MM/dd/yyyy' strings), as ISO keys (no value can make the query fail), whose period overlaps $from..$to (ISO days or null); all of them counted, the first $limit in date order. $label and $property come from the inferred model (what the database reports), never from the request.
// params: {"label": "Transfer", "property": "date", "format": "dd/MM/yyyy", "from": null, "to": null, "limit": 500}
MATCH (n:$($label))
WITH n, n[$property] AS v
WHERE v IS NOT NULL
WITH n, CASE
    WHEN $format = 'temporal' AND (v IS :: DATE OR v IS :: LOCAL DATETIME OR v IS :: ZONED DATETIME) THEN toString(date(v))
    WHEN $format = 'year' AND v IS :: INTEGER AND v >= 1000 AND v <= 9999 THEN toString(v)
    WHEN $format = 'year' AND v IS :: STRING AND trim(v) =~ '\\d{4}' THEN trim(v)
    WHEN $format = 'iso' AND v IS :: STRING AND trim(v) =~ '\\d{4}(-\\d{2}(-\\d{2})?)?' THEN trim(v)
    WHEN $format IN ['dd/MM/yyyy', 'MM/dd/yyyy'] AND v IS :: STRING AND trim(v) =~ '\\d{1,2}/\\d{1,2}/\\d{4}' THEN
      [p IN [split(trim(v), '/')] |
        p[2] + '-' + right('0' + (CASE $format WHEN 'dd/MM/yyyy' THEN p[1] ELSE p[0] END), 2)
             + '-' + right('0' + (CASE $format WHEN 'dd/MM/yyyy' THEN p[0] ELSE p[1] END), 2)][0]
  END AS key
// A month above 12 or a day above 31 (a value the format misreads) is no date.
WHERE key =~ '\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?'
WITH n, key, CASE size(key) WHEN 4 THEN 'year' WHEN 7 THEN 'month' ELSE 'day' END AS precision
WITH n, precision,
     CASE precision WHEN 'year' THEN key + '-01-01' WHEN 'month' THEN key + '-01' ELSE key END AS start,
     CASE precision WHEN 'year' THEN key + '-12-31' WHEN 'month' THEN key + '-31' ELSE key END AS until
WHERE ($from IS NULL OR until >= $from) AND ($to IS NULL OR start <= $to)
WITH elementId(n) AS elementId, start, precision
// 'day' < 'month' < 'year': the finer date first on the same day, as timeline.cypher orders.
ORDER BY start, precision, elementId
WITH collect({elementId: elementId, date: start, precision: precision}) AS dated
RETURN size(dated) AS total, dated[..$limit] AS page
