// title: Record: the ids of a dataset's sources, for the message naming the sources evidence may cite
// description: Every source id of dataset $dataset (sought by the source_dataset index), sorted; read only when a piece of evidence cites an id that is not one of them, so the refusal lists them as an import's does.
// params: {"dataset": "example"}
MATCH (s:Source)
WHERE s.dataset = $dataset
RETURN s.id AS id
ORDER BY id
