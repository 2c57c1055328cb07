// Who matters, computed with graphology as the browser does: degrees with parallel relationships, betweenness, closeness, PageRank, Louvain.
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../client/src/metrics/compute.ts';

describe('client metrics', () => {
  it('counts neighbours for degree and relationships for weighted degree, leaving self-loops out', () => {
    const result = computeMetrics({
      nodes: ['a', 'b', 'c'],
      edges: [
        { source: 'a', target: 'b' },
        { source: 'a', target: 'b' },
        { source: 'b', target: 'a' },
        { source: 'b', target: 'c' },
        { source: 'c', target: 'c' },
        { source: 'c', target: 'elsewhere' },
      ],
    });
    expect(result.values.get('a')).toMatchObject({ degree: 1, weightedDegree: 3 });
    expect(result.values.get('b')).toMatchObject({ degree: 2, weightedDegree: 4 });
    expect(result.values.get('c')).toMatchObject({ degree: 1, weightedDegree: 1 });
    expect(result.max.weightedDegree).toBe(4);
  });

  it('gives the middle of a path all the betweenness, normalised over ordered pairs', () => {
    const result = computeMetrics({ nodes: ['a', 'b', 'c'], edges: [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }] });
    expect(result.values.get('b')!.betweenness).toBeCloseTo(1, 12);
    expect(result.values.get('a')!.betweenness).toBe(0);
    expect(result.values.get('b')!.closeness).toBeGreaterThan(result.values.get('a')!.closeness);
    const rank = [...result.values.values()].reduce((sum, m) => sum + m.pagerank, 0);
    expect(rank).toBeCloseTo(1, 6);
    // Direction counts for PageRank: the end of the chain collects the most.
    expect(result.values.get('c')!.pagerank).toBeGreaterThan(result.values.get('a')!.pagerank);
  });

  it('finds two communities in two cliques joined by one bridge, numbered in order of appearance, the same every run', () => {
    const clique = (ids: string[]) => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => ({ source: a, target: b })));
    const input = { nodes: ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'b4'], edges: [...clique(['a1', 'a2', 'a3', 'a4']), ...clique(['b1', 'b2', 'b3', 'b4']), { source: 'a1', target: 'b1' }] };
    const result = computeMetrics(input);
    expect(result.communities).toBe(2);
    expect(result.values.get('a1')!.community).toBe(0);
    expect(new Set(['a2', 'a3', 'a4'].map((id) => result.values.get(id)!.community))).toEqual(new Set([0]));
    expect(new Set(['b1', 'b2', 'b3', 'b4'].map((id) => result.values.get(id)!.community))).toEqual(new Set([1]));
    expect([...computeMetrics(input).values]).toEqual([...result.values]);
  });

  it('handles an empty canvas and lone nodes', () => {
    expect(computeMetrics({ nodes: [], edges: [] }).values.size).toBe(0);
    const lone = computeMetrics({ nodes: ['x'], edges: [] });
    expect(lone.values.get('x')).toMatchObject({ degree: 0, weightedDegree: 0, betweenness: 0, community: 0 });
  });
});
