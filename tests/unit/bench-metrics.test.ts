// The metrics benchmark's smoke: its canvases have the asked size and shape, and every run gives figures (never judged here).
import { describe, expect, it } from 'vitest';
import { canvasGraph, runMetricsScenario } from '../../bench/scenarios/metrics.ts';

describe('metrics benchmark scenario', () => {
  it('builds a connected canvas of the asked number of elements, the same for the same seed', () => {
    const graph = canvasGraph(400);
    expect(graph.nodes.length + graph.edges.length).toBe(400);
    expect(graph.nodes.length).toBe(100);
    expect(canvasGraph(400)).toEqual(graph);
    // Preferential attachment: every node but the first reaches an earlier one.
    const touched = new Set(graph.edges.flatMap((e) => [e.source, e.target]));
    expect(touched.size).toBe(graph.nodes.length);
  });

  it('runs the page worker\'s computation and reports a figure per size', () => {
    const runs = runMetricsScenario({ sizes: [200, 400], repeats: 1 });
    expect(runs.map((r) => r.elements)).toEqual([200, 400]);
    for (const run of runs) {
      expect(run.communities).toBeGreaterThan(0);
      expect(run.p50Ms).toEqual(expect.any(Number));
    }
  });
});
