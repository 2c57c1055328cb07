// A dataset that declares its own labels and types is explored through the API with no TypeScript change:
// its labels are styled from its declaration, its names are found, its dated relations are on the timeline.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../db/config.ts';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { getJson, nodePath, startApiServer, stopAndEmpty } from './api-support.ts';

const LAND_DISPUTE = path.join(projectRoot, 'seed', 'examples', 'land-dispute.yaml');

describe('the API over a dataset with a model of its own', () => {
  const db = testDatabase();
  let server: Awaited<ReturnType<typeof startApiServer>>;

  beforeAll(async () => {
    await resetDatabase(db);
    await loadDatasetFile(db, LAND_DISPUTE);
    server = await startApiServer(db, { security: { rateLimits: false } });
  });

  afterAll(() => stopAndEmpty(db, server));

  it('/api/schema styles its own labels and types from the declaration in the dataset file', async () => {
    const { status, body } = await getJson(`${server.url}/api/schema`);
    expect(status).toBe(200);
    const parcel = body.labels.find((l: { label: string }) => l.label === 'Parcel');
    expect(parcel).toMatchObject({ declared: true, count: 1, color: '#6f8f2f', shape: 'barrel', caption: 'name' });
    expect(parcel.properties.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['areaHectares', 'registeredOn']));
    const claims = body.relationshipTypes.find((t: { type: string }) => t.type === 'CLAIMS');
    expect(claims).toMatchObject({ declared: true, count: 1, color: '#2f7f6f', from: ['Person', 'Organization'], to: ['Parcel'] });
    // The page can say which dataset is open.
    expect(body.datasets).toEqual([{ id: 'example-land-dispute', title: 'A land dispute in the Brackenmoor Valley (fictitious example)', description: expect.any(String), synthetic: false }]);
    // The dataset's stored model extension is a record about the graph, not one of its labels.
    expect(body.labels.map((l: { label: string }) => l.label)).not.toContain('ModelExtension');
    // Civic space stays declared beside it.
    expect(body.labels.find((l: { label: string }) => l.label === 'Authority')).toMatchObject({ declared: true, shape: 'diamond' });
  });

  it('finds its own kinds of node by name, folding case', async () => {
    const { body } = await getJson(`${server.url}/api/search?q=${encodeURIComponent('plot 7 brackenmoor')}`);
    expect(body.results[0].node).toMatchObject({ id: 'parcel/brackenmoor-plot-7', labels: expect.arrayContaining(['Parcel']) });
    const { body: company } = await getJson(`${server.url}/api/search?q=northwind&labels=Company`);
    expect(company.results.map((r: { node: { id: string } }) => r.node.id)).toEqual(['company/northwind']);
  });

  it('puts its own dated relationship types on the timeline, through their date indexes', async () => {
    const { body } = await getJson(`${server.url}/api/timeline?from=2024-01&to=2025-12`);
    const types = body.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['LEASED', 'HOLDS_LEASE_ON', 'EVICTED']));
    const eviction = body.events.find((e: { type: string }) => e.type === 'EVICTED');
    expect(eviction).toMatchObject({ date: '2025-02-11', precision: 'day', inferred: false });
    // The sentence keeps what the model declares as the relation's words (its required text property).
    expect(eviction.caption).toBe('Northwind Agrarian Ltd evicted Greenhollow Farmers\' Cooperative: “twelve families”');
    const indexes = (await db.read("SHOW INDEXES YIELD name WHERE name IN ['rel_evicted_date', 'rel_claims_end_date'] RETURN name ORDER BY name")).rows;
    expect(indexes.map((r) => r.name)).toEqual(['rel_claims_end_date', 'rel_evicted_date']);
  });

  it('shows document-level evidence as such on the node', async () => {
    const { body } = await getJson(`${server.url}${nodePath('parcel/brackenmoor-plot-7')}`);
    expect(body.evidence[0]).toEqual({ sourceId: 'src/valdoria-land-register', level: 'document' });
    expect(body.evidence[1]).toMatchObject({ sourceId: 'src/brackenmoor-bulletin-14', level: 'quote', quote: expect.any(String) });
  });

  it('draws and counts only the actors in the overview, not the records about them', async () => {
    const { body } = await getJson(`${server.url}/api/graph`);
    const labels = new Set(body.nodes.flatMap((n: { labels: string[] }) => n.labels));
    expect(labels.has('ModelExtension')).toBe(false);
    expect(labels.has('Source')).toBe(false);
    const entities = Number((await db.read('MATCH (n:Entity) RETURN count(n) AS n')).rows[0]!.n);
    expect(body.total).toBe(entities);
    expect(body.nodes).toHaveLength(entities);
  });
});
