// title: Schema: label and relationship type counts by scanning
// description: Counts every label and relationship type by reading the whole graph; used only when the count store cannot be read.
// params: {}
CALL () {
  MATCH (n)
  UNWIND labels(n) AS name
  WITH name, count(*) AS count
  RETURN collect({name: name, count: count}) AS labels
}
CALL () {
  MATCH ()-[r]->()
  WITH type(r) AS name, count(*) AS count
  RETURN collect({name: name, count: count}) AS relationshipTypes
}
RETURN labels, relationshipTypes
