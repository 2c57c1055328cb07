// title: Schema: what some datasets hold, counted
// description: For a caller who does not see everything (the count store answers for one who does): what they see (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one) of the entities by label set, the sources, and the relationships whose two ends they see too, by type and the label sets at either end (the schema graph's patterns). It reads every entity of our labels (an index on the dataset property would narrow it), so the catalog keeps its answer a few seconds per list of datasets and statuses.
// params: {"datasets": ["mali"], "statuses": ["accepted"]}
CALL () {
  MATCH (n:Entity)
  WHERE SEEN(n)
  WITH labels(n) AS labels, count(*) AS count
  RETURN collect({labels: labels, count: count}) AS nodes
}
CALL () {
  MATCH (s:Source)
  WHERE SEEN(s)
  RETURN count(s) AS sources
}
CALL () {
  MATCH (a:Entity)-[r]->(b)
  WHERE SEEN(a) AND SEEN(r) AND SEEN(b)
  WITH labels(a) AS from, type(r) AS type, labels(b) AS to, count(*) AS count
  RETURN collect({from: from, type: type, to: to, count: count}) AS patterns
}
RETURN nodes, sources, patterns
