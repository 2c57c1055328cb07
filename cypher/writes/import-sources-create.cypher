// title: Bulk import: create the sources that do not exist yet, and journal them
// description: A source whose id exists is left as it is, so a rerun writes nothing. The ids created are listed in an ImportJournal node ($run, $seq) in the same transaction, so an import that does not finish can be rolled back. A source whose id another dataset holds is answered in `conflicts` (the importer then rolls the batch back: an id is one element in one dataset).
// params: {"rows": [{"id": "src/example", "props": {"id": "src/example", "dataset": "example", "title": "An example"}, "dates": {"published": "2024-03-15"}}], "run": "import-example", "seq": 1}
UNWIND $rows AS row
OPTIONAL MATCH (existing:Source {id: row.id})
WITH row, existing IS NULL AS fresh, existing.dataset AS theirs
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
  CREATE (n:Source) SET n = row.props, n.published = date(row.dates.published))
WITH count(*) AS rows, collect(CASE WHEN fresh THEN row.id END) AS created,
     collect(CASE WHEN theirs <> row.props.dataset THEN {id: row.id, dataset: theirs} END) AS conflicts
FOREACH (_ IN CASE WHEN size(created) > 0 THEN [1] ELSE [] END |
  CREATE (:ImportJournal {run: $run, seq: $seq, kind: 'source', type: 'Source', ids: created}))
RETURN rows, size(created) AS created, conflicts
