// title: Time histogram of a foreign database: one label's dated nodes per month
// description: How many nodes of $label have a $property that reads as a date in $format (as in timeline-dated-label.cypher: 'temporal', 'year', 'iso', 'dd/MM/yyyy', 'MM/dd/yyyy'), per month of that date ('YYYY-MM'; a year alone counts in its January, as the page's histogram places it). Counted, never collected: one row per month. $label and $property come from the inferred model (what the database reports), never from the request.
// params: {"label": "Transfer", "property": "date", "format": "dd/MM/yyyy"}
MATCH (n:$($label))
WITH n[$property] AS v
WHERE v IS NOT NULL
WITH CASE
    WHEN $format = 'temporal' AND (v IS :: DATE OR v IS :: LOCAL DATETIME OR v IS :: ZONED DATETIME) THEN toString(date(v))
    WHEN $format = 'year' AND v IS :: INTEGER AND v >= 1000 AND v <= 9999 THEN toString(v)
    WHEN $format = 'year' AND v IS :: STRING AND trim(v) =~ '\\d{4}' THEN trim(v)
    WHEN $format = 'iso' AND v IS :: STRING AND trim(v) =~ '\\d{4}(-\\d{2}(-\\d{2})?)?' THEN trim(v)
    WHEN $format IN ['dd/MM/yyyy', 'MM/dd/yyyy'] AND v IS :: STRING AND trim(v) =~ '\\d{1,2}/\\d{1,2}/\\d{4}' THEN
      [p IN [split(trim(v), '/')] |
        p[2] + '-' + right('0' + (CASE $format WHEN 'dd/MM/yyyy' THEN p[1] ELSE p[0] END), 2)
             + '-' + right('0' + (CASE $format WHEN 'dd/MM/yyyy' THEN p[0] ELSE p[1] END), 2)][0]
  END AS key
// A month above 12 or a day above 31 (a value the format misreads) is no date, as on the timeline.
WHERE key =~ '\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?'
RETURN CASE size(key) WHEN 4 THEN key + '-01' ELSE substring(key, 0, 7) END AS month, count(*) AS items
ORDER BY month
