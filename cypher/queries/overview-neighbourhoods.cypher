// title: Overview: connected neighbourhoods around seed nodes
// description: Each seed (element ids, found by element-id seeks) with up to $perSeed of its neighbours, records about the graph ($recordLabels) left out; every node once, at most $limit. The seeds come from overview-seeds (a few well-connected nodes per label), so a sample of a large graph shows how its labels connect instead of a grid of isolated nodes. Only what the caller sees (SEEN: of $datasets, the datasets they read, and of $statuses, the fact statuses they show; null: every one): a seed, and a neighbour with the relationship that leads to it.
// params: {"seeds": [], "perSeed": 25, "limit": 300, "recordLabels": ["Source", "Dataset", "ModelExtension", "ImportRun", "ImportJournal"], "datasets": null, "statuses": null}
UNWIND range(0, size($seeds) - 1) AS rank
MATCH (seed) WHERE elementId(seed) = $seeds[rank]
  AND SEEN(seed)
CALL (seed) {
  RETURN seed AS n, 0 AS hop
  UNION ALL
  MATCH (seed)-[r]-(m)
  WHERE none(label IN labels(m) WHERE label IN $recordLabels)
    AND SEEN(r) AND SEEN(m)
  RETURN DISTINCT m AS n, 1 AS hop
  LIMIT $perSeed
}
WITH n, min(rank * 2 + hop) AS position
RETURN n
ORDER BY position
LIMIT $limit
