// POST /api/subgraph's service: the nodes ids name and the relationships among them, the same content as the JSON export (plus colours).
import { describe, expect, it } from 'vitest';
import type { Database, PlainNode, PlainRelationship } from '../../db/database.ts';
import { namedQuery } from '../../db/named-queries.ts';
import { ExportJsonSchema, SubgraphWithEvidenceSchema } from '../../server/http/api-shapes.ts';
import type { Catalog } from '../../server/services/catalog.ts';
import { captionResolverFor } from '../../server/services/catalog-labels.ts';
import { exportIds } from '../../server/services/export-file.ts';
import { subgraphOf } from '../../server/services/subgraph.ts';
import type { Visibility } from '../../server/services/visibility.ts';

/** A caller who reads every dataset and shows the accepted facts. */
const ALL: Visibility = { datasets: null, statuses: ['accepted'] };

const person: PlainNode = {
  kind: 'node',
  elementId: '4:x:1',
  labels: ['Entity', 'Person'],
  properties: { id: 'person/a', name: 'A', evidenceSources: ['src/1'], evidenceQuotes: ['said A'], evidenceStarts: [1], evidenceEnds: [7] },
};
const org: PlainNode = { kind: 'node', elementId: '4:x:2', labels: ['Entity', 'Organization'], properties: { id: 'org/b', name: 'B' } };
const member: PlainRelationship = { kind: 'relationship', elementId: '5:x:1', type: 'MEMBER_OF', startElementId: '4:x:1', endElementId: '4:x:2', properties: { id: 'rel/1' } };

/**
 * A database that answers the two named reads the service runs, and nothing else; `seen` plays the `sources`
 * column (the cited sources the caller may see), which the queries fill only for a caller who reads some datasets.
 */
function fakeDb(nodes: PlainNode[], seen: string[] | null = null): Database {
  return {
    async read(cypher: string, params: Record<string, unknown>) {
      expect(params).toHaveProperty('datasets');
      expect(params).toHaveProperty('statuses');
      if (cypher === namedQuery('nodes-resolve-many').cypher) return { rows: nodes.map((n) => ({ n, sources: seen })) };
      if (cypher === namedQuery('export-edges').cypher) return { rows: nodes.length > 1 ? [{ r: member, sources: seen }] : [] };
      throw new Error(`unexpected query: ${cypher.slice(0, 60)}`);
    },
  } as unknown as Database;
}

const snapshot = { ours: true, labels: [{ label: 'Person', color: '#112233' }], relationshipTypes: [{ type: 'MEMBER_OF', color: '#445566' }] };
const catalog = {
  snapshot: async () => snapshot,
  scope: async (asked: Visibility) => ({ snapshot, datasets: asked.datasets, statuses: null }),
  captionResolver: async () => captionResolverFor(new Map([['Person', 'name'], ['Organization', 'name']])),
} as unknown as Catalog;

describe('the subgraph of ids', () => {
  it('answers the nodes, the relationships among them with evidence and colours, and the ids not found', async () => {
    const graph = await subgraphOf(fakeDb([person, org]), catalog, ['person/a', 'org/b', 'org/none', 'person/a'], ALL);
    expect(SubgraphWithEvidenceSchema.safeParse(graph).success).toBe(true);
    expect(graph.nodes.map((n) => [n.id, n.caption, n.color])).toEqual([
      ['person/a', 'A', '#112233'],
      ['org/b', 'B', undefined],
    ]);
    expect(graph.nodes[0]!.evidence).toEqual([expect.objectContaining({ sourceId: 'src/1', quote: 'said A' })]);
    expect(graph.edges).toEqual([expect.objectContaining({ id: 'rel/1', type: 'MEMBER_OF', source: 'person/a', target: 'org/b', color: '#445566', evidence: [] })]);
    expect(graph.missing).toEqual(['org/none']);
  });

  it('is the body of the JSON export, colours aside', async () => {
    const ids = ['person/a', 'org/b', 'org/none'];
    const graph = await subgraphOf(fakeDb([person, org]), catalog, ids, ALL);
    const body = JSON.parse((await exportIds(fakeDb([person, org]), catalog, ids, 'json', 'nodes', ALL)).body);
    expect(ExportJsonSchema.safeParse(body).success).toBe(true);
    expect(body).toEqual({ nodes: graph.nodes.map(({ color: _, ...n }) => n), edges: graph.edges.map(({ color: _, ...e }) => e), missing: graph.missing });
  });

  it('is a 404 when no id names a node', async () => {
    await expect(subgraphOf(fakeDb([]), catalog, ['org/none'], ALL)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('leaves out evidence citing a source the query found the caller may not see', async () => {
    const graph = await subgraphOf(fakeDb([person, org], []), catalog, ['person/a', 'org/b'], { datasets: ['a'], statuses: ['accepted'] });
    expect(graph.nodes[0]!.evidence).toEqual([]);
    expect(JSON.stringify(graph)).not.toContain('src/1');
    const seen = await subgraphOf(fakeDb([person, org], ['src/1']), catalog, ['person/a', 'org/b'], { datasets: ['a'], statuses: ['accepted'] });
    expect(seen.nodes[0]!.evidence).toEqual([expect.objectContaining({ sourceId: 'src/1' })]);
  });

  it('is a 404 on a database someone else built for a caller without a grant on it, without a query', async () => {
    const foreign = { ...catalog, scope: async () => ({ snapshot: { ...snapshot, ours: false }, datasets: 'nothing' }) } as unknown as Catalog;
    const db = { read: async () => expect.fail('no query runs') } as unknown as Database;
    await expect(subgraphOf(db, foreign, ['~4:x:1'], { datasets: [], statuses: ['accepted'] })).rejects.toMatchObject({ code: 'not_found' });
  });
});
