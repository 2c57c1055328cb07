// title: Record: take the write lock on a dataset's record before adding a source to it
// description: Writing a property of the Dataset node $dataset takes its lock (held until the transaction ends), so two additions of the same text to one dataset run one after the other and the second finds the first's source. The value written is the one it had.
// params: {"dataset": "example"}
MATCH (d:Dataset {id: $dataset})
SET d.id = d.id
RETURN count(d) AS locked
