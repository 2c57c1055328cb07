// title: Record: a new source with its held text
// description: Creates the source $props (id, dataset, title, text, textSha256, ...), its publication date a DATE when given ($published: YYYY-MM-DD or null); the id's uniqueness constraint refuses an id already taken.
// params: {"props": {"id": "src/example", "dataset": "example", "title": "An example", "text": "Some text.", "textSha256": "0"}, "published": null}
CREATE (s:Source)
SET s = $props, s.published = date($published)
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.url AS url, s.language AS language, s.textSha256 AS textSha256, toString(s.published) AS published
