// Exports carry the canvas metrics: a `metrics` object per node in JSON, one column per metric in the nodes CSV.
import { describe, expect, it } from 'vitest';
import { csvWithMetrics, jsonWithMetrics, parseCsv } from '../../client/src/export/metrics.ts';
import type { NodeMetrics } from '../../client/src/metrics/names.ts';

const m = (betweenness: number, community: number): NodeMetrics => ({ degree: 2, weightedDegree: 3, betweenness, closeness: 0.5, pagerank: 0.25, community });
const values = new Map([['org/a', m(0.5, 0)], ['org/"b", c', m(0, 1)]]);

describe('client export metrics', () => {
  it('adds a metrics object to each node of the JSON export that has one', () => {
    const out = JSON.parse(jsonWithMetrics(JSON.stringify({ nodes: [{ id: 'org/a' }, { id: 'org/z' }], edges: [] }), values));
    expect(out.nodes[0].metrics).toEqual(m(0.5, 0));
    expect(out.nodes[1].metrics).toBeUndefined();
  });

  it('adds one column per metric to the nodes table, keeping quoted fields intact', () => {
    const csv = 'Id,Label,Name\r\norg/a,Organization,"Line one\nline two"\r\n"org/""b"", c",Person,"Quote ""x"""\r\norg/z,Person,Z\r\n';
    const rows = parseCsv(csvWithMetrics(csv, values)).filter((r) => r.length > 1);
    expect(rows[0]).toEqual(['Id', 'Label', 'Name', 'Degree', 'Weighted degree', 'Betweenness', 'Closeness', 'PageRank', 'Community']);
    expect(rows[1]).toEqual(['org/a', 'Organization', 'Line one\nline two', '2', '3', '0.5', '0.5', '0.25', '1']);
    expect(rows[2]).toEqual(['org/"b", c', 'Person', 'Quote "x"', '2', '3', '0', '0.5', '0.25', '2']);
    expect(rows[3]).toEqual(['org/z', 'Person', 'Z', '', '', '', '', '', '']);
  });
});
