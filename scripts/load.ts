// `npm run load`: 50 concurrent clients for 60 s on a mixed workload (search, neighbours, paths, timeline,
// console) against the real server process, at seed scale and at 100k scale; prints p99 and errors.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { projectRoot } from '../db/config.ts';
import { Database } from '../db/database.ts';
import { startLocalNeo4j } from '../bench/lib/neo4j.ts';
import { startServerProcess, type ServerProcess } from '../bench/lib/server-process.ts';
import { prepareDatabase } from '../server/prepare.ts';
import { growDatabase } from '../bench/synthetic/generate.ts';

const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.LOAD_DURATION ?? 60);
const SCALES = (process.env.LOAD_SCALES ?? 'seed,100k').split(',').map((s) => s.trim()).filter(Boolean);
const BULK_NODES = Number(process.env.LOAD_BULK_NODES ?? 100_000);
// LOAD_DATA_DIR=dir keeps the databases between runs; LOAD_SCALES=seed or 100k runs one scale.

/** What the workload picks its parameters from: real ids, words of real names, connected pairs, years. */
interface Sample {
  ids: string[];
  words: string[];
  pairs: Array<[string, string]>;
  years: number[];
}

async function sampleGraph(db: Database): Promise<Sample> {
  const ids = await db.read('MATCH (n:Entity) WHERE n.id IS NOT NULL AND EXISTS { (n)--() } RETURN n.id AS id, n.name AS name ORDER BY rand() LIMIT 2000');
  const words = new Set<string>();
  for (const row of ids.rows) for (const w of String(row.name ?? '').split(/[\s'’(),.-]+/)) if (w.length >= 4) words.add(w);
  // Pairs two steps apart (one neighbour of a neighbour each, found lazily: hubs would make a
  // variable-length match explode); the workload mixes them with random pairs.
  const pairs = await db.read(
    `MATCH (a:Entity) WHERE a.id IS NOT NULL AND EXISTS { (a)--() } WITH a ORDER BY rand() LIMIT 200
     CALL (a) { MATCH (a)--()--(b:Entity) WHERE b <> a AND b.id IS NOT NULL RETURN b LIMIT 1 }
     RETURN a.id AS a, b.id AS b`,
    {},
    { timeoutMs: 60_000 },
  );
  const years = await db.read(
    'MATCH (n:Entity) WHERE n.date IS NOT NULL RETURN DISTINCT n.date.year AS year ORDER BY year',
  );
  return {
    ids: ids.rows.map((r) => String(r.id)),
    words: [...words].slice(0, 500),
    pairs: pairs.rows.map((r) => [String(r.a), String(r.b)]),
    years: years.rows.map((r) => Number(r.year)),
  };
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

const CONSOLE_QUERIES: Array<(s: Sample) => { query: string; params: Record<string, unknown> }> = [
  (s) => ({ query: 'MATCH (n:Entity) WHERE n.name STARTS WITH $prefix RETURN n.id AS id, n.name AS name LIMIT 25', params: { prefix: pick(s.words).slice(0, 3) } }),
  (s) => ({ query: 'MATCH (n:Entity {id: $id})-[r]-(m) RETURN n, r, m LIMIT 50', params: { id: pick(s.ids) } }),
  () => ({ query: 'MATCH (n:Entity) RETURN labels(n) AS labels, count(*) AS count ORDER BY count DESC', params: {} }),
  () => ({ query: 'MATCH (a)-[r]->(b) WHERE r.date >= date($from) RETURN type(r) AS type, count(*) AS count', params: { from: '2023-06-01' } }),
];

type Kind = 'search' | 'neighbors' | 'paths' | 'timeline' | 'console';
const ALL_KINDS: readonly Kind[] = ['search', 'neighbors', 'paths', 'timeline', 'console'];
// LOAD_KINDS=search,neighbors narrows the mix (to find which kind saturates the machine).
const KINDS: readonly Kind[] = process.env.LOAD_KINDS ? ALL_KINDS.filter((k) => process.env.LOAD_KINDS!.split(',').includes(k)) : ALL_KINDS;

function nextRequest(kind: Kind, s: Sample): { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> } {
  switch (kind) {
    case 'search':
      return { method: 'GET', path: `/api/search?q=${encodeURIComponent(pick(s.words))}` };
    case 'neighbors':
      return { method: 'GET', path: `/api/nodes/${encodeURIComponent(pick(s.ids))}/neighbors?limit=100` };
    case 'paths': {
      const from = pick(s.ids);
      // Half the time a pair two steps apart, else a random one (never a node with itself, which is a 400).
      const [a, b] = s.pairs.length && Math.random() < 0.5 ? pick(s.pairs) : [from, s.ids[(s.ids.indexOf(from) + 1 + Math.floor(Math.random() * (s.ids.length - 1))) % s.ids.length]!];
      return { method: 'GET', path: `/api/paths?from=${encodeURIComponent(a)}&to=${encodeURIComponent(b)}` };
    }
    case 'timeline': {
      const year = s.years.length ? pick(s.years) : 2023;
      return { method: 'GET', path: `/api/timeline?from=${year}-01&to=${year}-06` };
    }
    case 'console':
      return { method: 'POST', path: '/api/cypher', body: JSON.stringify(pick(CONSOLE_QUERIES)(s)), headers: { 'content-type': 'application/json' } };
  }
}

function kindOf(p: string, method: string): string {
  if (p === '/api/search') return 'search';
  if (/^\/api\/nodes\/.+\/neighbors$/.test(p)) return 'neighbors';
  if (p === '/api/paths') return 'paths';
  if (p === '/api/timeline') return 'timeline';
  if (p === '/api/cypher' && method === 'POST') return 'console';
  return 'other';
}

interface LoadServer extends ServerProcess {
  /** Server-side durations per workload kind, from the server's own structured request log. */
  durations: Map<string, number[]>;
  statuses: Map<string, Map<number, number>>;
}

/** The real server, its request log read line by line into durations and statuses per kind. */
async function startLoadServer(neo4jUri: string, credentials: { username: string; password: string }): Promise<LoadServer> {
  const durations = new Map<string, number[]>();
  const statuses = new Map<string, Map<number, number>>();
  const onLine = (line: string) => {
    if (!line.startsWith('{')) return;
    try {
      const entry = JSON.parse(line) as { message: string; path: string; method: string; ms: number; status: number | null };
      if (entry.message !== 'request') return;
      const kind = kindOf(entry.path, entry.method);
      durations.set(kind, [...(durations.get(kind) ?? []), entry.ms]);
      const byStatus = statuses.get(kind) ?? new Map<number, number>();
      byStatus.set(entry.status ?? 0, (byStatus.get(entry.status ?? 0) ?? 0) + 1);
      statuses.set(kind, byStatus);
    } catch {
      // not a log line
    }
  };
  const server = await startServerProcess({ NEO4J_URI: neo4jUri, NEO4J_USERNAME: credentials.username, NEO4J_PASSWORD: credentials.password }, { onLine });
  return Object.assign(server, { durations, statuses });
}

function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface ScaleResult {
  scale: string;
  nodes: number;
  relationships: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  perKind: Record<string, { count: number; p50: number; p99: number; statuses: Record<string, number> }>;
}

async function runScale(scale: string): Promise<ScaleResult> {
  // LOAD_DATA_DIR keeps each scale's database between runs (the 100k import takes minutes).
  const keep = process.env.LOAD_DATA_DIR ? path.resolve(process.env.LOAD_DATA_DIR, scale) : undefined;
  if (keep) mkdirSync(keep, { recursive: true });
  const log = (line: string) => console.error(`[${scale}] ${line}`);
  const neo4j = await startLocalNeo4j({ dataDir: keep, heap: '2g', pageCache: '512m', txMemoryGlobal: '1g', txTimeoutSeconds: 60 });
  const db = new Database({ uri: neo4j.uri, username: neo4j.neo4j.username, password: neo4j.neo4j.password });
  let server: LoadServer | undefined;
  try {
    // The 100k database holds synthetic data alone: invented facts never share a database with the real seed.
    await prepareDatabase(db, { seedWhenEmpty: scale === 'seed', log });
    const nodes = Number((await db.read('RETURN COUNT { (n) } AS n')).rows[0]?.n ?? 0);
    if (scale === '100k' && nodes < BULK_NODES) {
      log(`filling the database with ${BULK_NODES} synthetic nodes from the bulk generator (ingest/bulk)...`);
      await growDatabase(db, { nodes: BULK_NODES, log });
    }
    const counts = await db.read('MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships');
    const sample = await sampleGraph(db);
    log(`${counts.rows[0]?.nodes} nodes, ${counts.rows[0]?.relationships} relationships; ${sample.ids.length} ids, ${sample.words.length} words, ${sample.pairs.length} pairs sampled`);
    server = await startLoadServer(neo4j.uri, neo4j.neo4j);
    // The measured minute is the steady state: first the server plans its queries (half a minute on
    // a cold JVM), then a few requests of each kind bring the store into Neo4j's page cache.
    const warming = performance.now();
    await server.untilWarmed(180_000);
    for (let i = 0; i < 5; i++) {
      for (const kind of KINDS) {
        const r = nextRequest(kind, sample);
        await fetch(server.url + r.path, { method: r.method, body: r.body, headers: r.headers }).then((res) => res.arrayBuffer());
      }
    }
    server.durations.clear();
    server.statuses.clear();
    log(`warmed up in ${((performance.now() - warming) / 1000).toFixed(1)} s (query plans, then ${5 * KINDS.length} requests, not counted)`);
    log(`server at ${server.url}; ${CONNECTIONS} clients for ${DURATION_S} s...`);
    const result = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: DURATION_S,
      timeout: 30,
      // Each client cycles through the five kinds; parameters are drawn afresh for every request.
      requests: KINDS.map((kind) => ({
        setupRequest: (request: autocannon.Request) => ({ ...request, ...nextRequest(kind, sample) }),
      })),
    });
    const perKind: ScaleResult['perKind'] = {};
    for (const [kind, values] of server.durations) {
      perKind[kind] = {
        count: values.length,
        p50: percentile(values, 50),
        p99: percentile(values, 99),
        statuses: Object.fromEntries(server.statuses.get(kind) ?? []),
      };
    }
    const non2xx = result.non2xx;
    return {
      scale,
      nodes: Number(counts.rows[0]?.nodes ?? 0),
      relationships: Number(counts.rows[0]?.relationships ?? 0),
      requests: result.requests.total,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx,
      perKind,
    };
  } finally {
    const code = await server?.stop();
    if (server && code !== 0) console.error(`[${scale}] server exited with ${code}`);
    await db.close();
    await neo4j.stop();
  }
}

async function main(): Promise<void> {
  const results: ScaleResult[] = [];
  console.log(`load: ${CONNECTIONS} concurrent clients, ${DURATION_S} s per scale, mixed search/neighbours/paths/timeline/console`);
  let crashed = false;
  for (const scale of SCALES) {
    let r: ScaleResult;
    try {
      r = await runScale(scale);
    } catch (error) {
      crashed = true;
      console.log(`\n${scale}: the run failed: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    results.push(r);
    console.log(
      `\n${r.scale}: ${r.nodes} nodes, ${r.relationships} relationships; ${r.requests} requests (${r.rps.toFixed(0)}/s); latency p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms; errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}`,
    );
    for (const [kind, k] of Object.entries(r.perKind)) {
      console.log(`  ${kind.padEnd(10)} ${String(k.count).padStart(7)} requests  server p50 ${k.p50} ms  p99 ${k.p99} ms  statuses ${JSON.stringify(k.statuses)}`);
    }
  }
  const outDir = path.join(projectRoot, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `load-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ connections: CONNECTIONS, durationSeconds: DURATION_S, results }, null, 2));
  console.log(`\nload: results in ${path.relative(projectRoot, file)}`);
  const failed = crashed || results.some((r) => r.errors > 0 || r.timeouts > 0 || r.non2xx > 0);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
