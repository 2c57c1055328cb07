// title: Overview: connected neighbourhoods around seed nodes
// description: Each seed (element ids, found by element-id seeks) with up to $perSeed of its neighbours, records about the graph ($recordLabels) left out; every node once, at most $limit. The seeds come from overview-seeds (a few well-connected nodes per label), so a sample of a large graph shows how its labels connect instead of a grid of isolated nodes.
// params: {"seeds": [], "perSeed": 25, "limit": 300, "recordLabels": ["Source", "Dataset", "ModelExtension", "ImportRun", "ImportJournal"]}
UNWIND range(0, size($seeds) - 1) AS rank
MATCH (seed) WHERE elementId(seed) = $seeds[rank]
CALL (seed) {
  RETURN seed AS n, 0 AS hop
  UNION ALL
  MATCH (seed)--(m)
  WHERE none(label IN labels(m) WHERE label IN $recordLabels)
  RETURN DISTINCT m AS n, 1 AS hop
  LIMIT $perSeed
}
WITH n, min(rank * 2 + hop) AS position
RETURN n
ORDER BY position
LIMIT $limit
