// title: Source records for an export
// description: The sources $ids that exported evidence cites, with what FollowTheMoney's Document entities carry (format=ftm): the publication date as text, and its precision. Only sources the caller sees (SEEN: of $datasets, the datasets they read, and of $statuses, the statuses they show; null: every one; a source has no status, so counts as accepted).
// params: {"ids": ["src/hrw-2024-03-15"], "datasets": null, "statuses": null}
MATCH (s:Source)
WHERE s.id IN $ids
  AND SEEN(s)
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.url AS url, s.language AS language,
       toString(s.published) AS published, s.publishedPrecision AS publishedPrecision
ORDER BY id
