// title: Bulk import: overwrite the sources that exist
// description: With --update: each row's properties replace those of the source with its id, and its publication date becomes a DATE (null removes it). Not undone by a rollback. A source of another dataset is left as it is (the create statement then reports it).
// params: {"rows": [{"id": "src/example", "props": {"id": "src/example", "dataset": "example", "title": "An example"}, "dates": {"published": "2024-03-15"}}]}
UNWIND $rows AS row
MATCH (n:Source {id: row.id})
WHERE coalesce(n.dataset, row.props.dataset) = row.props.dataset
SET n = row.props, n.published = date(row.dates.published)
