// title: Record: the source of a dataset that holds exactly this text
// description: A source added through the API whose held text's SHA-256 is $sha256, in dataset $dataset: adding the same text twice answers this one instead of a duplicate.
// params: {"dataset": "example", "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}
MATCH (s:Source)
WHERE s.dataset = $dataset AND s.textSha256 = $sha256
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.url AS url, s.language AS language, s.textSha256 AS textSha256, toString(s.published) AS published
ORDER BY s.id
LIMIT 1
