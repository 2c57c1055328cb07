// title: All source records, with how many statements each supports
// description: Source records without their texts; statementCount counts the pieces of evidence (on nodes and relationships) that cite the source. With $datasets (the datasets the caller reads; null: every one) only sources of those datasets, and only the evidence on nodes and relationships (with both ends) of those datasets is counted. One pass over the evidence counts every source's citations at once (a source per pass read the whole graph once per source: over a minute at 100k nodes), then each source takes its count from that short list.
// params: {"datasets": null}
CALL () {
  CALL () {
    MATCH (n:Entity)
    WHERE n.evidenceSources IS NOT NULL AND ($datasets IS NULL OR n.dataset IN $datasets)
    UNWIND n.evidenceSources AS cited
    RETURN cited
    UNION ALL
    MATCH (a)-[r]->(b)
    WHERE r.evidenceSources IS NOT NULL
      AND ($datasets IS NULL OR (r.dataset IN $datasets AND a.dataset IN $datasets AND b.dataset IN $datasets))
    UNWIND r.evidenceSources AS cited
    RETURN cited
  }
  WITH cited, count(*) AS statements
  RETURN collect({id: cited, statements: statements}) AS counted
}
MATCH (s:Source)
WHERE $datasets IS NULL OR s.dataset IN $datasets
WITH s, [c IN counted WHERE c.id = s.id | c.statements] AS found
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.url AS url, s.published AS published,
       s.language AS language, s.text IS NOT NULL AS hasText, coalesce(found[0], 0) AS statementCount
ORDER BY s.published, s.id
