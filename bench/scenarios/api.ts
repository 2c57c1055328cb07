// Scenario "api": p50/p95/p99 latency and requests/s of search, neighbours, paths and timeline through the
// real server (autocannon over HTTP) and of the same Cypher run directly through neo4j-driver, at
// concurrency 1 and 8; the ratio API/direct is what the server adds (HTTP, Express, mapping, JSON).
import autocannon from 'autocannon';
import { periodEnd, periodStart } from '../../server/services/timeline.ts';
import type { PlainValue } from '../../db/database.ts';
import { namedQuery } from '../../db/named-queries.ts';
import { fullTextCandidates } from '../../server/services/reads/search.ts';
import { timelineBySlices, type ReadRows } from '../../server/services/reads/timeline.ts';
import { luceneQuery, scanPattern } from '../../server/services/search-text.ts';
import { openDirect, type Direct } from '../lib/driver.ts';
import type { Neo4jTarget } from '../lib/neo4j.ts';
import { startServerProcess } from '../lib/server-process.ts';
import { closedLoop, ratio, summarize, type LatencySummary } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { lookupParams } from '../../db/mapping.ts';

export type Endpoint = 'search' | 'neighbors' | 'hub' | 'paths' | 'timeline';
/** 'hub' is the neighbours of the best-connected node alone: a random page of its relationships. */
export const ENDPOINTS: Endpoint[] = ['search', 'neighbors', 'hub', 'paths', 'timeline'];

/** Parameters drawn from the database itself: real ids, words of real names, connected pairs, dated years. */
export interface Workload {
  ids: string[];
  words: string[];
  pairs: [string, string][];
  windows: [string, string][];
  /** The node with the most relationships, and how many. */
  hub: { id: string; degree: number };
}

export interface Measurement extends LatencySummary {
  rps: number;
  errors: number;
}

export interface ApiCase {
  endpoint: Endpoint;
  concurrency: number;
  api: Measurement;
  direct: Measurement;
  ratio: { p50: number; p95: number };
}

export interface ApiResult {
  scale: string;
  nodes: number;
  relationships: number;
  durationSeconds: number;
  workload: { ids: number; words: number; pairs: number; windows: number };
  cases: ApiCase[];
}

/** Chooses one of `n` items: at random for a measurement, the first for a single reproducible request. */
export type Choose = (n: number) => number;
export const atRandom: Choose = (n) => Math.floor(Math.random() * n);
export const firstOne: Choose = () => 0;

const pick = <T>(items: readonly T[], choose: Choose = atRandom): T => items[choose(items.length)]!;

/** `datasets`: draw only from these (what a caller who reads them sees: the access scenario); null, the whole graph. */
export async function sampleWorkload(target: Neo4jTarget, datasets: string[] | null = null): Promise<Workload> {
  const db = target.db;
  const sampled = await db.read(
    `MATCH (n:Entity) WHERE n.id IS NOT NULL AND ($datasets IS NULL OR n.dataset IN $datasets) WITH n, rand() AS r ORDER BY r LIMIT 400
     WHERE EXISTS { (n)--() } RETURN n.id AS id, n.name AS name`,
    { datasets },
    { timeoutMs: 300_000 },
  );
  const ids = sampled.rows.map((r) => String(r.id));
  const words = new Set<string>();
  for (const row of sampled.rows) for (const w of String(row.name ?? '').split(/[\s'’(),.°/:-]+/)) if (w.length >= 4 && !/^\d+$/.test(w)) words.add(w);
  // Connected pairs two or three hops apart, by a short random walk from sampled nodes.
  const pairs: [string, string][] = [];
  for (const start of ids.slice(0, 60)) {
    let current = start;
    const hops = 2 + Math.floor(Math.random() * 2);
    for (let h = 0; h < hops; h++) {
      const { rows } = await db.read(
        'MATCH (a:Entity {id: $id})-[rel]-(m:Entity) WHERE $datasets IS NULL OR (rel.dataset IN $datasets AND m.dataset IN $datasets) WITH m, rand() AS r ORDER BY r LIMIT 1 RETURN m.id AS id',
        { id: current, datasets },
      );
      if (!rows[0]) break;
      current = String(rows[0].id);
    }
    if (current !== start) pairs.push([start, current]);
  }
  const years = await db.read('MATCH (n:Entity) WHERE n.date IS NOT NULL AND ($datasets IS NULL OR n.dataset IN $datasets) WITH n LIMIT 2000 RETURN DISTINCT n.date.year AS year ORDER BY year', { datasets });
  const windows: [string, string][] = years.rows.map((r) => [`${r.year}-01`, `${r.year}-06`]);
  const hub = await db.read(
    'MATCH (n:Entity) WHERE $datasets IS NULL OR n.dataset IN $datasets WITH n, COUNT { (n)--() } AS degree ORDER BY degree DESC LIMIT 1 RETURN n.id AS id, degree',
    { datasets },
    { timeoutMs: 300_000 },
  );
  return {
    ids,
    words: [...words].slice(0, 400),
    pairs,
    windows: windows.length ? windows : [['2023-01', '2023-06']],
    hub: { id: String(hub.rows[0]?.id ?? ids[0]), degree: Number(hub.rows[0]?.degree ?? 0) },
  };
}

/** The URL the route is called with for one request of `endpoint`, its parameters chosen from the workload. */
export function endpointPath(endpoint: Endpoint, w: Workload, choose: Choose = atRandom): string {
  switch (endpoint) {
    case 'search':
      return `/api/search?q=${encodeURIComponent(pick(w.words, choose))}`;
    case 'neighbors':
      return `/api/nodes/${encodeURIComponent(pick(w.ids, choose))}/neighbors`;
    case 'hub':
      return `/api/nodes/${encodeURIComponent(w.hub.id)}/neighbors?offset=${hubPage(w, choose)}`;
    case 'paths': {
      // Without a connected pair, two different sampled ids (a node with itself is a 400).
      const i = choose(w.ids.length);
      const [a, b] = w.pairs.length ? pick(w.pairs, choose) : [w.ids[i]!, w.ids[(i + 1) % w.ids.length]!];
      return `/api/paths?from=${encodeURIComponent(a)}&to=${encodeURIComponent(b)}`;
    }
    case 'timeline': {
      const [from, to] = pick(w.windows, choose);
      return `/api/timeline?from=${from}&to=${to}`;
    }
  }
}

/** A page (of the route's default 100) of the hub's relationships. */
function hubPage(w: Workload, choose: Choose = atRandom): number {
  return 100 * choose(Math.max(1, Math.ceil(w.hub.degree / 100)));
}

/** The same named queries each route runs, with the route's defaults, straight through the driver. */
async function directCall(direct: Direct, endpoint: Endpoint, w: Workload): Promise<void> {
  const resolve = async (id: string): Promise<string> => {
    const records = await direct.records(namedQuery('node-resolve').cypher, { id, elementId: null, datasets: null, statuses: null });
    const node = records[0]?.get('n') as { elementId: string } | undefined;
    if (!node) throw new Error(`no node ${id}`);
    return node.elementId;
  };
  switch (endpoint) {
    case 'search': {
      const q = pick(w.words);
      const params = { index: 'entity_search', labels: null, limit: 60, candidates: fullTextCandidates(null, 60), datasets: null, statuses: null };
      const all = await direct.records(namedQuery('search-fulltext').cypher, { ...params, query: luceneQuery(q, 'all') });
      if (all.length === 0) await direct.records(namedQuery('search-fulltext').cypher, { ...params, query: luceneQuery(q, 'any') });
      // The route also finds sources by title and publisher where the database holds any: the same Cypher here.
      await direct.records(namedQuery('search-sources').cypher, { pattern: scanPattern(q)!, limit: 20, datasets: null, statuses: null });
      return;
    }
    case 'neighbors':
    case 'hub': {
      // One query resolves the id and reads the page, as the route does.
      const id = endpoint === 'hub' ? w.hub.id : pick(w.ids);
      const offset = endpoint === 'hub' ? hubPage(w) : 0;
      await direct.records(namedQuery('neighbors').cypher, { ...lookupParams(id), types: null, direction: 'both', offset, limit: 100, datasets: null, statuses: null });
      return;
    }
    case 'paths': {
      const [a, b] = pick(w.pairs);
      const [from, to] = await Promise.all([resolve(a), resolve(b)]);
      await direct.records(namedQuery('paths').cypher, { from, to, types: null, maxLength: 4, limit: 10, datasets: null, statuses: null });
      return;
    }
    case 'timeline': {
      const [from, to] = pick(w.windows);
      // The route's own algorithm (slices merged, then the page's items), each query through the driver.
      const read: ReadRows = async (cypher, params) => (await direct.records(cypher, params)).map((r) => r.toObject() as Record<string, PlainValue>);
      await timelineBySlices(read, civicSpaceModel(), { from: periodStart(from), to: periodEnd(to), types: null, limit: 500, datasets: null, statuses: null });
      return;
    }
  }
}

async function measureApi(url: string, endpoint: Endpoint, w: Workload, connections: number, seconds: number): Promise<Measurement> {
  const latencies: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        timeout: 60,
        requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: endpointPath(endpoint, w) }) }],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 400) errors++;
      else latencies.push(responseTime);
    });
  });
  errors += result.errors + result.timeouts;
  return { ...summarize(latencies), rps: Math.round((latencies.length / seconds) * 10) / 10, errors };
}

function measureDirect(direct: Direct, endpoint: Endpoint, w: Workload, concurrency: number, seconds: number): Promise<Measurement> {
  return closedLoop(() => directCall(direct, endpoint, w), concurrency, seconds);
}

export interface ApiScenarioOptions {
  target: Neo4jTarget;
  scale: string;
  seconds: number;
  concurrencies?: number[];
  endpoints?: Endpoint[];
  log?: (line: string) => void;
}

export async function runApiScenario(options: ApiScenarioOptions): Promise<ApiResult> {
  const { target, seconds } = options;
  const log = options.log ?? (() => {});
  const workload = await sampleWorkload(target);
  if (!workload.ids.length || !workload.words.length || !workload.pairs.length) throw new Error('the database has too little connected data to benchmark the API');
  const counts = await target.db.read('CALL () { MATCH (n) WHERE n:Entity OR n:Source RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels');
  const server = await startServerProcess({ NEO4J_URI: target.uri, NEO4J_USERNAME: target.username ?? '', NEO4J_PASSWORD: target.password ?? '' });
  // The server plans its queries in the background after start (25-35 s on a fresh JVM); measuring
  // meanwhile would charge that Neo4j work to whichever endpoint comes first.
  await server.untilWarmed();
  const direct = openDirect(target.uri, target);
  const cases: ApiCase[] = [];
  try {
    for (const endpoint of options.endpoints ?? ENDPOINTS) {
      // Warm-up (the server's JIT, query plans, page cache) through both paths, not measured. A fresh
      // server process answered neighbours in 17, then 12, then 7 ms (p50) over three 15 s runs.
      await measureApi(server.url, endpoint, workload, 4, Math.min(5, seconds));
      await measureDirect(direct, endpoint, workload, 4, Math.min(2, seconds));
      for (const concurrency of options.concurrencies ?? [1, 8]) {
        log(`[${options.scale}] api ${endpoint} x${concurrency}...`);
        const api = await measureApi(server.url, endpoint, workload, concurrency, seconds);
        const directResult = await measureDirect(direct, endpoint, workload, concurrency, seconds);
        cases.push({ endpoint, concurrency, api, direct: directResult, ratio: { p50: ratio(api.p50, directResult.p50), p95: ratio(api.p95, directResult.p95) } });
      }
    }
  } finally {
    await direct.close();
    await server.stop();
  }
  return {
    scale: options.scale,
    nodes: Number(counts.rows[0]?.nodes ?? 0),
    relationships: Number(counts.rows[0]?.rels ?? 0),
    durationSeconds: seconds,
    workload: { ids: workload.ids.length, words: workload.words.length, pairs: workload.pairs.length, windows: workload.windows.length },
    cases,
  };
}

export function printApi(results: ApiResult[]): string {
  const rows = results.flatMap((r) =>
    r.cases.map((c) => [
      r.scale,
      c.endpoint,
      c.concurrency,
      c.api.p50,
      c.api.p95,
      c.api.p99,
      c.api.rps,
      c.direct.p50,
      c.direct.p95,
      c.direct.p99,
      c.direct.rps,
      c.ratio.p50,
      c.ratio.p95,
      c.api.errors + c.direct.errors,
    ]),
  );
  return printTable(
    'api: latency in ms (p50 / p95 / p99) and requests/s, through the server and directly through neo4j-driver',
    ['scale', 'endpoint', 'conc', 'API p50', 'API p95', 'API p99', 'API req/s', 'direct p50', 'direct p95', 'direct p99', 'direct req/s', 'ratio p50', 'ratio p95', 'errors'],
    rows,
  );
}
