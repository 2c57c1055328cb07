// The "who matters" metrics (degree, weighted degree, betweenness, closeness, PageRank, Louvain) timed on
// canvases of a given size, with the same code the page runs in its worker (client/src/metrics/compute.ts).
import { computeMetrics } from '../../client/src/metrics/compute.ts';
import type { MetricsInput } from '../../client/src/metrics/names.ts';
import { Random } from '../synthetic/random.ts';
import { printTable } from '../lib/table.ts';
import { round, summarize } from '../lib/stats.ts';

export interface MetricsRun {
  elements: number;
  nodes: number;
  edges: number;
  communities: number;
  /** Milliseconds per computation: median and worst of the repeats. */
  p50Ms: number;
  maxMs: number;
}

/**
 * A canvas-like graph: a quarter of the elements are nodes, the rest edges, with preferential
 * attachment (a few hubs, many leaves) and parallel edges, as an expanded neighbourhood looks.
 */
export function canvasGraph(elements: number, seed = 7): MetricsInput {
  const rng = new Random(seed);
  const nodeCount = Math.max(2, Math.round(elements / 4));
  const nodes = Array.from({ length: nodeCount }, (_, i) => `n${i}`);
  const edges: MetricsInput['edges'] = [];
  const ends: number[] = [0];
  for (let i = 1; i < nodeCount; i++) {
    const target = ends[rng.int(ends.length)]!;
    edges.push({ source: nodes[i]!, target: nodes[target]! });
    ends.push(i, target);
  }
  while (edges.length < elements - nodeCount) {
    const a = ends[rng.int(ends.length)]!;
    const b = rng.int(nodeCount);
    edges.push({ source: nodes[a]!, target: nodes[b]! });
  }
  return { nodes, edges };
}

export function runMetricsScenario(options: { sizes: number[]; repeats?: number; log?: (line: string) => void }): MetricsRun[] {
  const repeats = options.repeats ?? 3;
  return options.sizes.map((elements) => {
    const graph = canvasGraph(elements);
    const samples: number[] = [];
    let communities = 0;
    for (let i = 0; i < repeats; i++) {
      const result = computeMetrics(graph);
      samples.push(result.ms);
      communities = result.communities;
    }
    const summary = summarize(samples);
    options.log?.(`metrics on ${elements} elements: ${round(summary.p50)} ms`);
    return { elements, nodes: graph.nodes.length, edges: graph.edges.length, communities, p50Ms: round(summary.p50), maxMs: round(summary.max) };
  });
}

export function printMetrics(runs: MetricsRun[]): string {
  return printTable(
    'metrics: ms to compute degree, weighted degree, betweenness, closeness, PageRank and Louvain (Node.js, the page worker\'s code)',
    ['elements', 'nodes', 'edges', 'communities', 'p50 ms', 'max ms'],
    runs.map((r) => [r.elements, r.nodes, r.edges, r.communities, r.p50Ms, r.maxMs]),
  );
}
