// title: Schema: what some datasets hold, counted
// description: For a caller who reads only $datasets (never null here: the count store answers for every dataset): their entities by label set, their sources, and their relationships whose two ends are theirs too, by type and the label sets at either end (the schema graph's patterns). It reads every entity of our labels (an index on the dataset property would narrow it), so the catalog keeps its answer a few seconds per list of datasets.
// params: {"datasets": ["mali"]}
CALL () {
  MATCH (n:Entity)
  WHERE n.dataset IN $datasets
  WITH labels(n) AS labels, count(*) AS count
  RETURN collect({labels: labels, count: count}) AS nodes
}
CALL () {
  MATCH (s:Source)
  WHERE s.dataset IN $datasets
  RETURN count(s) AS sources
}
CALL () {
  MATCH (a:Entity)-[r]->(b)
  WHERE a.dataset IN $datasets AND r.dataset IN $datasets AND b.dataset IN $datasets
  WITH labels(a) AS from, type(r) AS type, labels(b) AS to, count(*) AS count
  RETURN collect({from: from, type: type, to: to, count: count}) AS patterns
}
RETURN nodes, sources, patterns
