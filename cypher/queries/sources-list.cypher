// title: All source records, with how many statements each supports
// description: Source records without their texts; statementCount counts the pieces of evidence (on nodes and relationships) that cite the source. Only sources the caller sees, and only the evidence on nodes and relationships (with both ends) they see is counted (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one). One pass over the evidence counts every source's citations at once (a source per pass read the whole graph once per source: over a minute at 100k nodes), then each source takes its count from that short list.
// params: {"datasets": null, "statuses": null}
CALL () {
  CALL () {
    MATCH (n:Entity)
    WHERE n.evidenceSources IS NOT NULL AND SEEN(n)
    UNWIND n.evidenceSources AS cited
    RETURN cited
    UNION ALL
    MATCH (a)-[r]->(b)
    WHERE r.evidenceSources IS NOT NULL
      AND SEEN(r) AND SEEN(a) AND SEEN(b)
    UNWIND r.evidenceSources AS cited
    RETURN cited
  }
  WITH cited, count(*) AS statements
  RETURN collect({id: cited, statements: statements}) AS counted
}
MATCH (s:Source)
WHERE SEEN(s)
WITH s, [c IN counted WHERE c.id = s.id | c.statements] AS found
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.url AS url, s.published AS published,
       s.language AS language, s.text IS NOT NULL AS hasText, coalesce(found[0], 0) AS statementCount
ORDER BY s.published, s.id
