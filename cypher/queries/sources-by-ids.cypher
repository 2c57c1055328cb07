// title: Source records by id
// description: The sources cited by some evidence, without their texts.
// params: {"ids": ["src/hrw-2024-03-15"]}
MATCH (s:Source)
WHERE s.id IN $ids
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.url AS url, s.published AS published,
       s.language AS language, s.text IS NOT NULL AS hasText
ORDER BY s.published, s.id
