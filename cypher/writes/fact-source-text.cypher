// title: Record: the source a piece of evidence cites, as the quote check needs it
// description: Source $id of dataset $dataset with its held text and excerpts; nothing when it is not a source of that dataset.
// params: {"id": "src/example", "dataset": "example"}
MATCH (s:Source {id: $id})
WHERE s.dataset = $dataset
RETURN s.id AS id, s.text AS text, coalesce(s.excerpts, []) AS excerpts
