// Who matters in what is on the canvas: degree, weighted degree, betweenness, closeness, PageRank and Louvain communities, with graphology.
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import closenessCentrality from 'graphology-metrics/centrality/closeness.js';
import pagerank from 'graphology-metrics/centrality/pagerank.js';
import { METRICS, type MetricName, type MetricsInput, type MetricsResult, type NodeMetrics } from './names.ts';

/** A fixed seed: the same canvas gives the same communities on every run and in every browser. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Parallel relationships between two actors (an order and an accusation) make one link whose weight
 * is their count: degree counts neighbours, weighted degree counts relationships. Betweenness,
 * closeness and communities read the undirected links; PageRank follows the direction (who is the
 * object of acts), weighted. Self-loops are left out.
 */
export function computeMetrics(input: MetricsInput): MetricsResult {
  const started = performance.now();
  const max: Record<MetricName, number> = { degree: 0, weightedDegree: 0, betweenness: 0, closeness: 0, pagerank: 0 };
  // graphology's betweenness refuses an empty graph.
  if (!input.nodes.length) return { values: new Map(), communities: 0, max, ms: 0 };
  const undirected = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const directed = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  for (const id of input.nodes) {
    undirected.addNode(id);
    directed.addNode(id);
  }
  for (const { source, target } of input.edges) {
    if (source === target || !undirected.hasNode(source) || !undirected.hasNode(target)) continue;
    undirected.updateEdge(source, target, (attr) => ({ weight: ((attr.weight as number | undefined) ?? 0) + 1 }));
    directed.updateEdge(source, target, (attr) => ({ weight: ((attr.weight as number | undefined) ?? 0) + 1 }));
  }
  const betweenness = betweennessCentrality(undirected, { getEdgeWeight: null, normalized: true });
  const closeness = closenessCentrality(undirected, { wassermanFaust: true });
  const rank = directed.size ? pagerank(directed, { getEdgeWeight: 'weight' }) : {};
  const communities = undirected.size ? louvain(undirected, { getEdgeWeight: 'weight', rng: seeded(42) }) : {};
  const values = new Map<string, NodeMetrics>();
  const communityIds = new Map<number, number>();
  for (const id of input.nodes) {
    let weighted = 0;
    undirected.forEachEdge(id, (_edge, attr) => (weighted += attr.weight as number));
    // Communities numbered by first appearance, so that numbers (and colours) do not depend on Louvain's internals.
    const raw = communities[id] ?? -1;
    if (!communityIds.has(raw)) communityIds.set(raw, communityIds.size);
    const m: NodeMetrics = {
      degree: undirected.degree(id),
      weightedDegree: weighted,
      betweenness: betweenness[id] ?? 0,
      closeness: closeness[id] ?? 0,
      pagerank: rank[id] ?? (input.nodes.length ? 1 / input.nodes.length : 0),
      community: communityIds.get(raw)!,
    };
    for (const name of METRICS) max[name] = Math.max(max[name], m[name]);
    values.set(id, m);
  }
  return { values, communities: communityIds.size, max, ms: performance.now() - started };
}
