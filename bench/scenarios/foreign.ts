// Scenario "foreign": the explorer on a database it did not build (bench/synthetic/foreign-graph.ts, ~59k nodes and
// ~103k relationships in eleven labels, no ids of ours): id lookup, a 300-node view restore, the expansion of the
// 177-relationship person hub and of the 1204-relationship meeting hub, and the overview, p50/p95 through the server
// and through the same Cypher sent directly (bench/lib/driver.ts, as a user's own script would send it).
import type { Record as Neo4jRecord } from 'neo4j-driver';
import { lookupParams } from '../../db/mapping.ts';
import { RECORD_LABELS } from '../../model/index.ts';
import { countNodesCypher, overviewSeedsCypher } from '../../db/built-queries.ts';
import { namedQuery, type ReadName } from '../../db/named-queries.ts';
import { buildForeignGraph, foreignGraphCounts, HUB_MEETING, HUB_PERSON } from '../synthetic/foreign-graph.ts';
import { openDirect, type Direct } from '../lib/driver.ts';
import type { Neo4jTarget } from '../lib/neo4j.ts';
import { startServerProcess } from '../lib/server-process.ts';
import { closedLoop, ratio, round, type LatencySummary } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';

/** What the scenario draws its requests from: element ids found in the graph itself. */
export interface ForeignWorkload {
  people: string[];
  view: string[];
  personHub: string;
  meetingHub: string;
  meetingHubDegree: number;
  labels: string[];
}

/** One timed operation: the HTTP request the page makes, and the direct path's equivalent (absent where none). */
export interface ForeignCase {
  name: string;
  api: () => Promise<void>;
  direct?: (direct: Direct) => Promise<void>;
}

export interface ForeignMeasured {
  name: string;
  concurrency: number;
  api: LatencySummary & { errors: number };
  direct?: LatencySummary & { errors: number };
  ratio: { p50: number; p95: number };
}

export interface ForeignResult {
  nodes: number;
  relationships: number;
  buildSeconds: number;
  secondsPerCase: number;
  cases: ForeignMeasured[];
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

async function sampleForeign(target: Neo4jTarget): Promise<ForeignWorkload> {
  const db = target.db;
  const one = async (cypher: string, params: Record<string, unknown> = {}) => (await db.read(cypher, params)).rows[0]!;
  const people = (await db.read("MATCH (p:Person) WITH p, rand() AS r ORDER BY r LIMIT 300 RETURN '~' + elementId(p) AS id")).rows.map((r) => String(r.id));
  // A view as a shared link names it: 300 nodes of several labels around the hubs (what a reload restores).
  const view = (
    await db.read(
      `CALL () { MATCH (p:Person) WHERE p.uid IN [i IN range(0, 150) | 'person-' + i] RETURN p AS n
                 UNION MATCH (m:Meeting {uid: $meeting}) RETURN m AS n
                 UNION MATCH (t:Transfer) WHERE t.uid IN [i IN range(0, 147) | 'transfer-' + i] RETURN t AS n }
       RETURN '~' + elementId(n) AS id`,
      { meeting: HUB_MEETING.uid },
    )
  ).rows.map((r) => String(r.id));
  const person = await one("MATCH (p:Person {uid: $uid}) RETURN '~' + elementId(p) AS id", { uid: HUB_PERSON.uid });
  const meeting = await one("MATCH (m:Meeting {uid: $uid}) RETURN '~' + elementId(m) AS id, COUNT { (m)--() } AS degree", { uid: HUB_MEETING.uid });
  const labels = (await db.read('CALL db.labels() YIELD label RETURN label ORDER BY label')).rows.map((r) => String(r.label));
  return { people, view, personHub: String(person.id), meetingHub: String(meeting.id), meetingHubDegree: Number(meeting.degree), labels };
}

async function getOk(url: string): Promise<void> {
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
}

async function postOk(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
}

/** The cases: each route's request, and the same named queries with the route's defaults through the driver. */
export function foreignCases(url: string, w: ForeignWorkload): ForeignCase[] {
  const node = (id: string) => `${url}/api/nodes/${encodeURIComponent(id)}`;
  const records = (direct: Direct, name: ReadName, params: Record<string, unknown>): Promise<Neo4jRecord[]> => direct.records(namedQuery(name).cypher, params);
  const neighbours = (direct: Direct, id: string, offset: number, limit: number) =>
    records(direct, 'neighbors', { ...lookupParams(id), types: null, direction: 'both', offset, limit, datasets: null, statuses: null });
  const meetingPage = () => 100 * Math.floor(Math.random() * Math.ceil(w.meetingHubDegree / 100));
  return [
    {
      name: 'id lookup (node details)',
      api: () => getOk(node(pick(w.people))),
      direct: async (d) => void (await records(d, 'node-details', lookupParams(pick(w.people)))),
    },
    {
      name: 'view restore (300 nodes, POST /api/export)',
      api: () => postOk(`${url}/api/export`, { ids: w.view, format: 'json' }),
      direct: async (d) => {
        const found = await records(d, 'nodes-resolve-many', { ids: [], elementIds: w.view.map((id) => id.slice(1)) });
        await records(d, 'export-edges', { elementIds: found.map((r) => (r.get('n') as { elementId: string }).elementId) });
      },
    },
    {
      name: `expand ${HUB_PERSON.uid} (177 rels, first page of 100)`,
      api: () => getOk(`${node(w.personHub)}/neighbors?limit=100`),
      direct: async (d) => void (await neighbours(d, w.personHub, 0, 100)),
    },
    {
      name: `expand ${HUB_MEETING.uid} (${w.meetingHubDegree} rels, a random page of 100)`,
      api: () => getOk(`${node(w.meetingHub)}/neighbors?limit=100&offset=${meetingPage()}`),
      direct: async (d) => void (await neighbours(d, w.meetingHub, meetingPage(), 100)),
    },
    {
      name: 'overview (GET /api/graph, sampled)',
      api: () => getOk(`${url}/api/graph`),
      direct: async (d) => {
        const [seeds] = await Promise.all([d.records(overviewSeedsCypher(w.labels), { sample: 200, seedsPerLabel: 3 }), d.records(countNodesCypher(), {})]);
        const nodes = await records(d, 'overview-neighbourhoods', { seeds: seeds.map((r) => r.get('seed')), perSeed: 26, limit: 300, recordLabels: RECORD_LABELS });
        await records(d, 'overview-edges', { elementIds: nodes.map((r) => (r.get('n') as { elementId: string }).elementId), limit: 3000 });
      },
    },
    // Search with and without the opt-in full-text index belongs here (another change adds those cases).
  ];
}

export interface ForeignScenarioOptions {
  /** An empty database: the scenario builds the foreign graph in it. */
  target: Neo4jTarget;
  seconds: number;
  concurrencies?: number[];
  /** More cases on the same server and graph (e.g. search with and without the index). */
  extraCases?: (url: string, w: ForeignWorkload) => ForeignCase[];
  log?: (line: string) => void;
}

export async function runForeignScenario(options: ForeignScenarioOptions): Promise<ForeignResult> {
  const { target, seconds } = options;
  const log = options.log ?? (() => {});
  const built = performance.now();
  log(`foreign: building ~${Object.values(foreignGraphCounts()).reduce((a, b) => a + b, 0)} nodes...`);
  await buildForeignGraph((cypher, params) => target.db.write(cypher, params));
  const buildSeconds = round((performance.now() - built) / 1000, 1);
  const counts = await target.db.read('CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels');
  const workload = await sampleForeign(target);
  const server = await startServerProcess({ NEO4J_URI: target.uri, NEO4J_USERNAME: target.username ?? '', NEO4J_PASSWORD: target.password ?? '' });
  await server.untilWarmed();
  const direct = openDirect(target.uri, target);
  const cases: ForeignMeasured[] = [];
  try {
    for (const c of [...foreignCases(server.url, workload), ...(options.extraCases?.(server.url, workload) ?? [])]) {
      // Warm-up through both paths (plans, JIT, page cache), not measured.
      await closedLoop(c.api, 2, Math.min(3, seconds));
      if (c.direct) await closedLoop(() => c.direct!(direct), 2, Math.min(2, seconds));
      for (const concurrency of options.concurrencies ?? [1, 8]) {
        log(`foreign: ${c.name} x${concurrency}...`);
        const api = await closedLoop(c.api, concurrency, seconds);
        const directResult = c.direct ? await closedLoop(() => c.direct!(direct), concurrency, seconds) : undefined;
        cases.push({
          name: c.name,
          concurrency,
          api,
          ...(directResult ? { direct: directResult } : {}),
          ratio: { p50: directResult ? ratio(api.p50, directResult.p50) : NaN, p95: directResult ? ratio(api.p95, directResult.p95) : NaN },
        });
      }
    }
  } finally {
    await direct.close();
    await server.stop();
  }
  return { nodes: Number(counts.rows[0]?.nodes ?? 0), relationships: Number(counts.rows[0]?.rels ?? 0), buildSeconds, secondsPerCase: seconds, cases };
}

export function printForeign(result: ForeignResult): string {
  const rows = result.cases.map((c) => [c.name, c.concurrency, c.api.p50, c.api.p95, c.direct?.p50 ?? '-', c.direct?.p95 ?? '-', c.ratio.p50, c.ratio.p95, c.api.errors + (c.direct?.errors ?? 0)]);
  return printTable(
    `foreign: a database the explorer did not build (${result.nodes} nodes, ${result.relationships} relationships, built in ${result.buildSeconds} s); latency in ms through the server and directly`,
    ['case', 'conc', 'API p50', 'API p95', 'direct p50', 'direct p95', 'ratio p50', 'ratio p95', 'errors'],
    rows,
  );
}
