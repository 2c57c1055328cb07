// The API on a database it did not build: other labels, no `id` property, no index of ours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CypherResponseSchema,
  ExportJsonSchema,
  NeighborsSchema,
  NodeDetailsSchema,
  PathsSchema,
  SchemaSchema,
  SearchResponseSchema,
} from '../../server/http/api-shapes.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { dropCivicGraphSchema, getJson, MOVIES_CYPHER, nodePath, postJson, restoreCivicGraphSchema } from './api-support.ts';

describe('API on a foreign graph (movies)', () => {
  const db = testDatabase();
  let server: RunningServer;
  let ids: Record<string, string>;

  beforeAll(async () => {
    await resetDatabase(db);
    await dropCivicGraphSchema(db);
    await db.write(MOVIES_CYPHER);
    server = await startServer(db);
    const found = await db.read("MATCH (n) RETURN coalesce(n.name, n.title, 'review') AS key, '~' + elementId(n) AS id");
    ids = Object.fromEntries(found.rows.map((row) => [String(row.key), String(row.id)]));
  });

  afterAll(async () => {
    await server?.close();
    await restoreCivicGraphSchema(db);
    await db.close();
  });

  it('discovers labels, types, counts and a caption property per label', async () => {
    const { status, body } = await getJson(`${server.url}/api/schema`);
    expect(status).toBe(200);
    SchemaSchema.parse(body);
    const label = (name: string) => body.labels.find((l: { label: string }) => l.label === name);
    expect(label('Movie')).toMatchObject({ count: 4, declared: false, caption: 'title' });
    expect(label('Person')).toMatchObject({ count: 7, caption: 'name' });
    // No string property at all: the caption falls back to nothing better than the id.
    expect(label('Review')).toMatchObject({ count: 1, declared: false });
    expect(label('Movie').properties.map((p: { name: string }) => p.name).sort()).toEqual(['released', 'tagline', 'title']);
    const type = (name: string) => body.relationshipTypes.find((t: { type: string }) => t.type === name);
    expect(type('ACTED_IN')).toMatchObject({ count: 7, declared: false, from: ['Person'], to: ['Movie'] });
    expect(type('DIRECTED').count).toBe(3);
    expect(body.search.mode).toBe('scan');
    expect(body.search.createIndex).toMatch(/^CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR \(n:.*`Movie`.*\) ON EACH \[.*n\.`title`.*\]/);
    // Our model's labels are not listed when the database holds none of our data.
    expect(label('Organization')).toBeUndefined();
  });

  it('searches by scanning, case- and accent-insensitively both ways, and says so', async () => {
    const keanu = await getJson(`${server.url}/api/search?q=keanu`);
    expect(keanu.status).toBe(200);
    SearchResponseSchema.parse(keanu.body);
    expect(keanu.body.mode).toBe('scan');
    expect(keanu.body.createIndex).toMatch(/CREATE FULLTEXT INDEX/);
    expect(keanu.body.results[0].node).toMatchObject({ id: ids['Keanu Reeves'], caption: 'Keanu Reeves', labels: ['Person'] });

    const zoe = await getJson(`${server.url}/api/search?q=${encodeURIComponent('zoe saldana')}`);
    expect(zoe.body.results.map((r: { node: { caption: string } }) => r.node.caption)).toEqual(['Zoë Saldaña']);
    const accented = await getJson(`${server.url}/api/search?q=${encodeURIComponent('SALDAÑA')}`);
    expect(accented.body.results[0].node.caption).toBe('Zoë Saldaña');

    const matrix = await getJson(`${server.url}/api/search?q=matrix&labels=Movie`);
    expect(matrix.body.results.map((r: { node: { caption: string } }) => r.node.caption)).toEqual(['The Matrix', 'The Matrix Reloaded']);
    const none = await getJson(`${server.url}/api/search?q=matrix&labels=Person`);
    expect(none.body.results).toEqual([]);
  });

  it('answers a node by its ~elementId with degree, and 404 for an unknown one', async () => {
    const { status, body } = await getJson(server.url + nodePath(ids['Keanu Reeves']!));
    expect(status).toBe(200);
    NodeDetailsSchema.parse(body);
    expect(body.node).toMatchObject({ id: ids['Keanu Reeves'], caption: 'Keanu Reeves', properties: { name: 'Keanu Reeves', born: 1964 } });
    expect(body.degree).toBe(3);
    expect(body.evidence).toEqual([]);
    expect(body.relationshipTypes).toEqual([{ type: 'ACTED_IN', direction: 'out', count: 3 }]);

    const unknown = await getJson(server.url + nodePath('~4:00000000-0000-0000-0000-000000000000:999999'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const noSuchId = await getJson(server.url + nodePath('person/nobody'));
    expect(noSuchId.status).toBe(404);
  });

  it('gives a foreign node with its own id property an element id, and keeps its id as a property', async () => {
    // A foreign `id` may repeat and has no constraint of ours: only an element id is found by a seek.
    const created = await db.write("CREATE (s:Studio {id: 42, name: 'Warner Bros.'}) RETURN '~' + elementId(s) AS id");
    const id = String(created.rows[0]!.id);
    try {
      const { status, body } = await getJson(server.url + nodePath(id));
      expect(status).toBe(200);
      expect(body.node).toMatchObject({ id, caption: 'Warner Bros.', labels: ['Studio'], properties: { id: 42, name: 'Warner Bros.' } });
      const byOwnId = await getJson(server.url + nodePath('42'));
      expect(byOwnId.status).toBe(404);
    } finally {
      await db.write('MATCH (s:Studio {id: 42}) DELETE s');
    }
  });

  it('pages neighbours with total, truncated and nextOffset, filtered by type and direction', async () => {
    const base = server.url + nodePath(ids['The Matrix']!) + '/neighbors';
    const first = await getJson(`${base}?limit=4`);
    expect(first.status).toBe(200);
    NeighborsSchema.parse(first.body);
    expect(first.body).toMatchObject({ total: 7, offset: 0, limit: 4, truncated: true, nextOffset: 4 });
    expect(first.body.edges).toHaveLength(4);
    expect(first.body.node.caption).toBe('The Matrix');
    const second = await getJson(`${base}?limit=4&offset=4`);
    expect(second.body).toMatchObject({ total: 7, truncated: false, nextOffset: null });
    expect(second.body.edges).toHaveLength(3);
    const all = new Set([...first.body.edges, ...second.body.edges].map((e: { id: string }) => e.id));
    expect(all.size).toBe(7);
    for (const edge of first.body.edges) expect(edge.target).toBe(ids['The Matrix']);

    const directed = await getJson(`${base}?types=DIRECTED`);
    expect(directed.body.total).toBe(2);
    expect(directed.body.nodes.map((n: { caption: string }) => n.caption).sort()).toEqual(['Lana Wachowski', 'Lilly Wachowski', 'The Matrix']);
    const out = await getJson(`${base}?direction=out`);
    expect(out.body.total).toBe(0);
    const inbound = await getJson(`${base}?direction=in&types=ACTED_IN,REVIEWS`);
    expect(inbound.body.total).toBe(5);
  });

  it('finds shortest paths between foreign nodes', async () => {
    const { status, body } = await getJson(`${server.url}/api/paths?from=${encodeURIComponent(ids['Carrie-Anne Moss']!)}&to=${encodeURIComponent(ids['Johnny Mnemonic']!)}`);
    expect(status).toBe(200);
    PathsSchema.parse(body);
    expect(body.paths).toHaveLength(1);
    expect(body.paths[0].length).toBe(3);
    expect(body.paths[0].nodes.map((n: { caption: string }) => n.caption)).toEqual(['Carrie-Anne Moss', 'The Matrix', 'Keanu Reeves', 'Johnny Mnemonic']);
    const tooShort = await getJson(`${server.url}/api/paths?from=${encodeURIComponent(ids['Carrie-Anne Moss']!)}&to=${encodeURIComponent(ids['Johnny Mnemonic']!)}&maxLength=2`);
    expect(tooShort.body.paths).toEqual([]);
    const onlyDirected = await getJson(`${server.url}/api/paths?from=${encodeURIComponent(ids['Carrie-Anne Moss']!)}&to=${encodeURIComponent(ids['Johnny Mnemonic']!)}&types=DIRECTED`);
    expect(onlyDirected.body.paths).toEqual([]);
  });

  it('runs console queries and renders nodes and relationships as wire shapes', async () => {
    const { status, body } = await postJson(`${server.url}/api/cypher`, {
      query: 'MATCH (p:Person)-[r:ACTED_IN]->(m:Movie {title: $title}) RETURN p, r, m.title AS title ORDER BY p.name',
      params: { title: 'The Matrix' },
    });
    expect(status).toBe(200);
    CypherResponseSchema.parse(body);
    expect(body.columns).toEqual(['p', 'r', 'title']);
    expect(body.rows).toHaveLength(4);
    expect(body.rows[0].p).toMatchObject({ id: ids['Carrie-Anne Moss'], caption: 'Carrie-Anne Moss', labels: ['Person'] });
    expect(body.rows[0].r).toMatchObject({ type: 'ACTED_IN', source: ids['Carrie-Anne Moss'], target: ids['The Matrix'] });
    expect(JSON.stringify(body.rows)).not.toContain('elementId');
    // The Movie was not returned, yet the edges need it: the graph fetches the endpoints.
    expect(body.graph.nodes.map((n: { caption: string }) => n.caption)).toContain('The Matrix');
    expect(body.graph.edges).toHaveLength(4);
    expect(body.summary).toMatchObject({ queryType: 'r', rowCount: 4, truncated: false });
  });

  it('exports foreign nodes as GraphML', async () => {
    const list = [ids['Keanu Reeves'], ids['The Matrix'], ids['Johnny Mnemonic']].map((id) => encodeURIComponent(id!)).join(',');
    const response = await fetch(`${server.url}/api/export?ids=${list}&format=graphml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="?civic-graph-export\.graphml"?$/);
    const xml = await response.text();
    expect(xml.match(/<node /g)).toHaveLength(3);
    expect(xml.match(/<edge /g)).toHaveLength(2);
    const json = await getJson(`${server.url}/api/export?ids=${list}`);
    ExportJsonSchema.parse(json.body);
  });

  it('dates people by their birth year (an integer named born), in date order', async () => {
    const { status, body } = await getJson(`${server.url}/api/timeline`);
    expect(status).toBe(200);
    expect(body.total).toBe(7);
    const captions = body.events.map((e: { caption: string }) => e.caption);
    // Carrie-Anne Moss and Lilly Wachowski share 1967: their order is the database's.
    expect([...captions.slice(0, 4), ...captions.slice(4, 6).sort(), captions[6]]).toEqual([
      'Hugo Weaving', 'Laurence Fishburne', 'Keanu Reeves', 'Lana Wachowski', 'Carrie-Anne Moss', 'Lilly Wachowski', 'Zoë Saldaña',
    ]);
    expect(body.events[0]).toMatchObject({ date: '1960-01-01', precision: 'year', type: 'Person', kind: 'node' });
    // Four films are too few to call their `released` integers years.
    const movies = await getJson(`${server.url}/api/timeline?types=Movie`);
    expect(movies.body).toEqual({ events: [], total: 0, truncated: false });
  });

  it('switches to full-text search once the offered index exists, and then forgives typos', async () => {
    const schema = await getJson(`${server.url}/api/schema`);
    await db.write(schema.body.search.createIndex);
    await db.read('CALL db.awaitIndexes(60)');
    // A new app: the catalog notices a new index within seconds, a new app at once.
    const fresh = await startServer(db);
    try {
      const { body } = await getJson(`${fresh.url}/api/search?q=${encodeURIComponent('Keanu Reevs')}`);
      expect(body.mode).toBe('fulltext');
      expect(body.createIndex).toBeUndefined();
      expect(body.results[0].node.caption).toBe('Keanu Reeves');
      const accent = await getJson(`${fresh.url}/api/search?q=${encodeURIComponent('Zoe')}`);
      expect(accent.body.results[0].node.caption).toBe('Zoë Saldaña');
    } finally {
      await fresh.close();
    }
  });
});
