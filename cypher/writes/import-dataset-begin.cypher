// title: Bulk import: record the dataset the run writes, and journal it when the run creates it
// description: Creates the Dataset node $dataset ({id, title, synthetic}) unless it exists (then its title is kept, unless $title replaces it), so the catalog lists the dataset the run's elements carry. When the run creates it, batch 0 of the run's journal lists it, so a rollback removes it with the run's elements.
// params: {"dataset": {"id": "example", "title": "Example", "synthetic": false}, "title": null, "run": "import-example"}
OPTIONAL MATCH (existing:Dataset {id: $dataset.id})
WITH existing IS NULL AS fresh
MERGE (d:Dataset {id: $dataset.id})
ON CREATE SET d.title = $dataset.title, d.synthetic = $dataset.synthetic
SET d.title = coalesce($title, d.title)
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
  CREATE (:ImportJournal {run: $run, seq: 0, kind: 'dataset', type: 'Dataset', ids: [$dataset.id]}))
RETURN fresh AS created
