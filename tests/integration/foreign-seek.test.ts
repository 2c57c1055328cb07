// Every lookup a seek on a foreign graph of ~59k nodes: the plans of the id-lookup queries (EXPLAIN with real parameters) and the results of every endpoint that reads by id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanOperator } from '../../db/database.ts';
import { lookupParams } from '../../db/mapping.ts';
import { applySchema } from '../../ingest/schema.ts';
import { civicSpaceModel, RECORD_LABELS } from '../../model/index.ts';
import { buildForeignGraph, dropForeignConstraints, HUB_MEETING, HUB_PERSON } from '../../bench/synthetic/foreign-graph.ts';
import { ExportJsonSchema, NeighborsSchema, NodeDetailsSchema, PathsSchema, SourcesSchema } from '../../server/http/api-shapes.ts';
import { countNodesCypher } from '../../db/built-queries.ts';
import { namedQuery } from '../../db/named-queries.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { dropCivicGraphSchema, getJson, nodePath, postJson } from './api-support.ts';

/** Every operator of a plan, depth first. */
function operators(plan: PlanOperator): PlanOperator[] {
  return [plan, ...plan.children.flatMap(operators)];
}

/** The operators that read a whole label, index or store rather than seeking. */
function scans(plan: PlanOperator): { operator: string; details: string; rows: number }[] {
  return operators(plan)
    .filter((op) => /Scan$/.test(op.operatorType.replace(/@.*$/, '')))
    .map((op) => ({ operator: op.operatorType.replace(/@.*$/, ''), details: String(op.arguments.Details ?? ''), rows: Number(op.arguments.Rows ?? 0) }));
}

/** A public id's lookup runs a label scan only in the dataset-id branches (Entity, Source), which a '~' id never enters. */
const DATASET_ID_BRANCH = /^[a-z]+:(Entity|Source)$/;

describe('lookups on a foreign graph are seeks', () => {
  const db = testDatabase();
  let server: RunningServer;
  let person0: string;
  let meeting0: string;
  /** A 300-node view: the hub person and the people it knows, the hub meeting, and transfers. */
  let view: string[];

  const elementIdOf = async (label: string, uid: string) =>
    String((await db.read(`MATCH (n:${label} {uid: $uid}) RETURN elementId(n) AS id`, { uid })).rows[0]!.id);

  beforeAll(async () => {
    await resetDatabase(db);
    await dropCivicGraphSchema(db);
    await buildForeignGraph((cypher, params) => db.write(cypher, params));
    server = await startServer(db);
    person0 = '~' + (await elementIdOf('Person', HUB_PERSON.uid));
    meeting0 = '~' + (await elementIdOf('Meeting', HUB_MEETING.uid));
    const { rows } = await db.read(
      `CALL () { MATCH (p:Person) WHERE p.uid IN [i IN range(0, 150) | 'person-' + i] RETURN p AS n
                 UNION MATCH (m:Meeting {uid: $meeting}) RETURN m AS n
                 UNION MATCH (t:Transfer) WHERE t.uid IN [i IN range(0, 147) | 'transfer-' + i] RETURN t AS n }
       RETURN '~' + elementId(n) AS id`,
      { meeting: HUB_MEETING.uid },
    );
    view = rows.map((r) => String(r.id));
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await resetDatabase(db);
    await dropForeignConstraints((cypher, params) => db.write(cypher, params));
    await applySchema(db, civicSpaceModel());
    await db.close();
  });

  /** Every id-lookup statement the server ships, with real parameters. */
  const lookups = () => {
    const elementIds = view.map((id) => id.slice(1));
    const node = { ...lookupParams(person0), datasets: null, statuses: null };
    return [
      { name: 'node-resolve', cypher: namedQuery('node-resolve').cypher, params: node },
      { name: 'node-details', cypher: namedQuery('node-details').cypher, params: node },
      { name: 'neighbors', cypher: namedQuery('neighbors').cypher, params: { ...lookupParams(meeting0), types: null, direction: 'both', offset: 100, limit: 25, datasets: null, statuses: null } },
      { name: 'neighbors by type', cypher: namedQuery('neighbors').cypher, params: { ...lookupParams(meeting0), types: ['ATTENDED'], direction: 'in', offset: 0, limit: 25, datasets: null, statuses: null } },
      { name: 'nodes-resolve-many', cypher: namedQuery('nodes-resolve-many').cypher, params: { ids: [], elementIds, datasets: null, statuses: null } },
      { name: 'nodes-by-element-ids', cypher: namedQuery('nodes-by-element-ids').cypher, params: { elementIds, datasets: null, statuses: null } },
      { name: 'export-edges', cypher: namedQuery('export-edges').cypher, params: { elementIds, datasets: null, statuses: null } },
      { name: 'overview-edges', cypher: namedQuery('overview-edges').cypher, params: { elementIds, limit: 3000, datasets: null, statuses: null } },
      { name: 'overview-neighbourhoods', cypher: namedQuery('overview-neighbourhoods').cypher, params: { seeds: elementIds.slice(0, 5), perSeed: 25, limit: 300, recordLabels: RECORD_LABELS, datasets: null, statuses: null } },
      { name: 'count of nodes', cypher: countNodesCypher(), params: {} },
    ];
  };

  it('plans every id lookup as seeks: no label, node or index scan outside the dataset-id branches, which never run for an element id', async () => {
    for (const query of lookups()) {
      const explained = await db.read(`EXPLAIN ${query.cypher}`, query.params);
      const found = scans(explained.plan!);
      expect(found.filter((s) => !(s.operator === 'NodeByLabelScan' && DATASET_ID_BRANCH.test(s.details))), query.name).toEqual([]);
      expect(operators(explained.plan!).map((op) => op.operatorType.replace(/@.*$/, '')), query.name).not.toContain('CartesianProduct');
      // Run, the dataset-id branches produce nothing: a '~' id never reaches them.
      const profiled = await db.read(`PROFILE ${query.cypher}`, query.params);
      for (const scan of scans(profiled.plan!)) expect(scan.rows, `${query.name}: ${scan.details}`).toBe(0);
    }
    const seeks = operators((await db.read(`EXPLAIN ${namedQuery('node-resolve').cypher}`, lookupParams(person0))).plan!).map((op) => op.operatorType.replace(/@.*$/, ''));
    expect(seeks).toContain('NodeByElementIdSeek');
  });

  it('answers node details of the hub person in one query: degree, counts per type, element id', async () => {
    const { status, body } = await getJson(server.url + nodePath(person0));
    expect(status).toBe(200);
    NodeDetailsSchema.parse(body);
    expect(body.node).toMatchObject({ id: person0, labels: ['Person'], properties: { uid: HUB_PERSON.uid, firstName: HUB_PERSON.firstName, lastName: HUB_PERSON.lastName } });
    const degree = Number((await db.read('MATCH (n:Person {uid: $uid}) RETURN COUNT { (n)--() } AS d', { uid: HUB_PERSON.uid })).rows[0]!.d);
    expect(degree).toBe(177);
    expect(body.degree).toBe(degree);
    expect(body.relationshipTypes.reduce((sum: number, t: { count: number }) => sum + t.count, 0)).toBe(degree);
    expect(body.relationshipTypes).toContainEqual({ type: 'KNOWS', direction: 'out', count: 170 });
    expect(body.sources).toEqual([]);
    const unknown = await getJson(server.url + nodePath('person-0'));
    expect(unknown.status).toBe(404);
  });

  it('pages the 1204 neighbours of the hub meeting in a stable order with an exact total', async () => {
    const base = `${server.url}${nodePath(meeting0)}/neighbors`;
    const counts = (await db.read('MATCH (m:Meeting {uid: $uid}) RETURN COUNT { (m)--() } AS all, COUNT { (m)<-[:ATTENDED]-() } AS attended', { uid: HUB_MEETING.uid })).rows[0]!;
    expect(Number(counts.all)).toBe(1204);
    const seen: string[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page: { status: number; body: any } = await getJson(`${base}?limit=500&offset=${offset}`);
      expect(page.status).toBe(200);
      NeighborsSchema.parse(page.body);
      expect(page.body.total).toBe(1204);
      seen.push(...page.body.edges.map((e: { id: string }) => e.id));
      offset = page.body.nextOffset;
    }
    expect(seen).toHaveLength(1204);
    expect(new Set(seen).size).toBe(1204);
    // The same page twice is the same page, and pages of another size cut the same order.
    const again = await getJson(`${base}?limit=25&offset=500`);
    expect(again.body.edges.map((e: { id: string }) => e.id)).toEqual(seen.slice(500, 525));
    const attended = await getJson(`${base}?types=ATTENDED&direction=in&limit=10`);
    expect(attended.body).toMatchObject({ total: Number(counts.attended), truncated: true, nextOffset: 10 });
    expect(attended.body.edges.every((e: { type: string; target: string }) => e.type === 'ATTENDED' && e.target === meeting0)).toBe(true);
    const heldIn = await getJson(`${base}?types=HELD_IN`);
    expect(heldIn.body.total).toBe(1);
    expect(heldIn.body.nodes.map((n: { labels: string[] }) => n.labels[0]).sort()).toEqual(['City', 'Meeting']);
    const out = await getJson(`${base}?direction=out&limit=5`);
    expect(out.body.total).toBe(1);
  });

  it('exports a 300-node view with every relationship among its nodes (what a view restore asks)', async () => {
    expect(view).toHaveLength(300);
    const { status, body } = await postJson(`${server.url}/api/export`, { ids: view, format: 'json' });
    expect(status).toBe(200);
    ExportJsonSchema.parse(body);
    expect(body.missing).toEqual([]);
    expect(body.nodes).toHaveLength(300);
    const among = await db.read('MATCH (a)-[r]->(b) WHERE elementId(a) IN $ids AND elementId(b) IN $ids RETURN count(r) AS c', { ids: view.map((id) => id.slice(1)) });
    expect(body.edges).toHaveLength(Number(among.rows[0]!.c));
    expect(body.edges.length).toBeGreaterThan(300);
    const inView = new Set(view);
    for (const edge of body.edges) {
      expect(inView.has(edge.source) && inView.has(edge.target)).toBe(true);
      expect(edge.id.startsWith('~')).toBe(true);
    }
  });

  it('opens on connected neighbourhoods across labels, not a grid of isolated nodes', async () => {
    const { status, body } = await getJson(`${server.url}/api/graph`);
    expect(status).toBe(200);
    expect(body.truncated).toBe(true);
    expect(body.nodes.length).toBeGreaterThan(200);
    expect(body.nodes.length).toBeLessThanOrEqual(300);
    const labels = new Set(body.nodes.map((n: { labels: string[] }) => n.labels[0]));
    expect(labels.size).toBeGreaterThanOrEqual(10);
    const linked = new Set(body.edges.flatMap((e: { source: string; target: string }) => [e.source, e.target]));
    expect(body.nodes.filter((n: { id: string }) => !linked.has(n.id))).toEqual([]);
    const total = Number((await db.read('MATCH (n) RETURN count(n) AS c')).rows[0]!.c);
    expect(body.total).toBe(total);
  });

  it('finds paths between element ids, exports by GET, lists no sources, and reports healthy', async () => {
    // person-0 KNOWS person-1 directly; person-1 and person-2 both know person-0, so two hops apart.
    const [person1, person2] = (await Promise.all(['person-1', 'person-2'].map(async (uid) => '~' + (await elementIdOf('Person', uid))))) as [string, string];
    const direct = await getJson(`${server.url}/api/paths?from=${encodeURIComponent(person0)}&to=${encodeURIComponent(person1)}`);
    expect(direct.status).toBe(200);
    PathsSchema.parse(direct.body);
    expect(direct.body.paths.map((p: { length: number }) => p.length)).toEqual([1]);
    expect(direct.body.paths[0].edges[0]).toMatchObject({ type: 'KNOWS', source: person0, target: person1 });
    const twoHops = await getJson(`${server.url}/api/paths?from=${encodeURIComponent(person1)}&to=${encodeURIComponent(person2)}&types=KNOWS`);
    expect(twoHops.body.paths.length).toBeGreaterThan(0);
    expect(twoHops.body.paths.every((p: { length: number; nodes: { id: string }[] }) => p.length === 2 && p.nodes.some((n) => n.id === person0))).toBe(true);
    const unknown = await getJson(`${server.url}/api/paths?from=${encodeURIComponent(person0)}&to=person-1`);
    expect(unknown.status).toBe(404);

    const exported = await getJson(`${server.url}/api/export?ids=${encodeURIComponent([person0, person1].join(','))}&format=json`);
    expect(exported.status).toBe(200);
    expect(exported.body.nodes.map((n: { id: string }) => n.id).sort()).toEqual([person0, person1].sort());
    expect(exported.body.edges).toEqual([expect.objectContaining({ type: 'KNOWS', source: person0, target: person1 })]);

    const sources = await getJson(`${server.url}/api/sources`);
    expect(sources.status).toBe(200);
    SourcesSchema.parse(sources.body);
    expect(sources.body.sources).toEqual([]);
    expect((await getJson(`${server.url}/api/health`)).body.status).toMatch(/^(ok|warming)$/);
  });

  it('draws a console result with its relationships and the edges among its nodes', async () => {
    const { status, body } = await postJson(`${server.url}/api/cypher`, {
      query: 'MATCH (p:Person {uid: $uid})-[r:KNOWS]->(q:Person) RETURN r LIMIT 60',
      params: { uid: HUB_PERSON.uid },
    });
    expect(status).toBe(200);
    expect(body.graph.nodes).toHaveLength(61);
    expect(body.graph.edges).toHaveLength(60);
    // What the page asks next: the relationships among every drawn node.
    const among = await postJson(`${server.url}/api/export`, { ids: body.graph.nodes.map((n: { id: string }) => n.id), format: 'json' });
    expect(among.status).toBe(200);
    // The 60 KNOWS from the hub (the people it knows know nobody else among them).
    expect(among.body.edges.length).toBe(60);
    expect(among.body.missing).toEqual([]);
  });

  it('plans dataset-id lookups as unique index seeks once our constraints exist', async () => {
    await applySchema(db, civicSpaceModel());
    for (const [name, params] of [
      ['node-resolve', { ...lookupParams('org/aeem'), datasets: null, statuses: null }],
      ['node-details', { ...lookupParams('org/aeem'), datasets: null, statuses: null }],
      ['neighbors', { ...lookupParams('org/aeem'), types: null, direction: 'both', offset: 0, limit: 25, datasets: null, statuses: null }],
      ['nodes-resolve-many', { ids: ['org/aeem', 'src/x'], elementIds: [], datasets: null, statuses: null }],
      // A caller who reads only some datasets: the same seeks, the dataset checked on what they find.
      ['node-details', { ...lookupParams('org/aeem'), datasets: ['mali'], statuses: null }],
      ['neighbors', { ...lookupParams('org/aeem'), types: null, direction: 'both', offset: 0, limit: 25, datasets: ['mali'], statuses: null }],
      ['nodes-resolve-many', { ids: ['org/aeem', 'src/x'], elementIds: [], datasets: ['mali'], statuses: null }],
      // A request that shows only some fact statuses: the same seeks, the status checked on what they find.
      ['node-details', { ...lookupParams('org/aeem'), datasets: null, statuses: ['accepted'] }],
      ['neighbors', { ...lookupParams('org/aeem'), types: null, direction: 'both', offset: 0, limit: 25, datasets: ['mali'], statuses: ['accepted', 'proposed'] }],
    ] as const) {
      const plan = (await db.read(`EXPLAIN ${namedQuery(name).cypher}`, params)).plan!;
      expect(scans(plan), name).toEqual([]);
      expect(operators(plan).map((op) => op.operatorType.replace(/@.*$/, '')), name).toContain('NodeUniqueIndexSeek');
    }
  });
});
