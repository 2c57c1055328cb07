// Scenario "start": time from starting the server (tsx server/main.ts with its embedded Neo4j on an
// existing data directory) to its ready line, and the resident memory of the server and of the JVM at
// rest and under load.
import autocannon from 'autocannon';
import { loadConfig } from '../../server/config.ts';
import { Database } from '../../db/database.ts';
import { EMBEDDED_USERNAME, readEmbeddedPassword } from '../../db/embedded-neo4j.ts';
import type { Neo4jTarget } from '../lib/neo4j.ts';
import { freePort } from '../lib/net.ts';
import { findDescendant, rssMiB, sampler } from '../lib/processes.ts';
import { startServerProcess } from '../lib/server-process.ts';
import { round } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';
import { ENDPOINTS, endpointPath, firstOne, sampleWorkload, type Endpoint, type Workload } from './api.ts';

export interface StartResult {
  scale: string;
  /** Spawn to "Civic Graph is ready". */
  readyMs: number;
  /** Spawn to "embedded Neo4j ready" (the JVM's share of the start). */
  neo4jReadyMs: number | null;
  /** Spawn to the first /api/health that says 'ok' rather than 'warming' (query plans warm). */
  warmedMs: number;
  /** After warm: the first request of each kind, in ms (issue #14: none should take more than a few seconds). */
  firstRequests: Record<string, number>;
  /** The HTTP status of each first request that did not succeed (a figure to report, not a reason to stop the run). */
  firstFailures: Record<string, number>;
  /** The launcher's bounds (NEO4J_HEAP and NEO4J_PAGECACHE, or their defaults). */
  jvmBounds: { heap: string; pageCache: string };
  rest: { serverMiB: number; jvmMiB: number };
  load: { serverMiB: number; jvmMiB: number; requests: number; errors: number; seconds: number; connections: number; p99Ms: number; maxMs: number };
}

/** The first screen's requests, then one of each endpoint the API scenario measures, then the whole timeline: in a fixed order, one at a time. */
function firstPaths(w: Workload | null): Record<string, string> {
  const paths: Record<string, string> = { schema: '/api/schema', overview: '/api/graph?limit=300' };
  if (!usable(w)) return paths;
  for (const endpoint of ENDPOINTS) paths[endpoint] = endpointPath(endpoint, w, firstOne);
  return { ...paths, 'whole timeline': '/api/timeline' };
}

/** What the load mixes, in turn: the endpoints a researcher uses most (the hub has its own figures in the API scenario). */
const MIXED: Endpoint[] = ['search', 'neighbors', 'paths', 'timeline'];

function mixedPath(w: Workload | null, i: number): string {
  if (!usable(w)) return ['/api/health', '/api/schema', '/api/search?q=mali', '/api/graph?limit=50'][i % 4]!;
  return endpointPath(MIXED[i % MIXED.length]!, w);
}

const usable = (w: Workload | null): w is Workload => !!w && w.ids.length > 0 && w.words.length > 0;

export interface StartScenarioOptions {
  scale: string;
  dataDir: string;
  loadSeconds: number;
  connections?: number;
  restSeconds?: number;
  log?: (line: string) => void;
}

export async function runStartScenario(options: StartScenarioOptions): Promise<StartResult> {
  const log = options.log ?? (() => {});
  const boltPort = await freePort();
  const config = loadConfig({ ...process.env, NEO4J_URI: '' });
  log(`[${options.scale}] starting the server on ${options.dataDir}...`);
  const server = await startServerProcess(
    { NEO4J_URI: '', NEO4J_DATA_DIR: options.dataDir, NEO4J_BOLT_PORT: String(boltPort) },
    { timeoutMs: 900_000, watch: { neo4j: /embedded Neo4j ready/ } },
  );
  // The server started the embedded Neo4j on this data directory; its launcher keeps the password there.
  const db = new Database({ uri: `bolt://127.0.0.1:${boltPort}`, username: EMBEDDED_USERNAME, password: readEmbeddedPassword(options.dataDir) });
  try {
    const jvm = findDescendant(server.child.pid!, /java/);
    const serverPid = server.child.pid!;
    const restSampler = sampler(() => rssMiB(serverPid), 250);
    const jvmRest = sampler(() => (jvm ? rssMiB(jvm) : NaN), 250);
    const warmedMs = await server.untilWarmed();
    await new Promise((r) => setTimeout(r, (options.restSeconds ?? 5) * 1000));
    const restServer = restSampler.stop();
    const restJvm = jvmRest.stop();
    let workload: Workload | null = null;
    try {
      workload = await sampleWorkload({ uri: `bolt://127.0.0.1:${boltPort}`, db, stop: async () => {} } as Neo4jTarget);
    } catch {
      workload = null;
    }
    // The first request of each kind after "warm": the issue's bound is a few seconds each.
    const firstRequests: Record<string, number> = {};
    const firstFailures: Record<string, number> = {};
    for (const [name, requestPath] of Object.entries(firstPaths(workload))) {
      const t0 = performance.now();
      const response = await fetch(server.url + requestPath);
      await response.arrayBuffer();
      firstRequests[name] = round(performance.now() - t0);
      if (!response.ok) firstFailures[name] = response.status;
    }
    log(`[${options.scale}] first requests after warm (ms): ${Object.entries(firstRequests).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const connections = options.connections ?? 8;
    const loadServer = sampler(() => rssMiB(serverPid), 250);
    const loadJvm = sampler(() => (jvm ? rssMiB(jvm) : NaN), 250);
    let counter = 0;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(
        {
          url: server.url,
          connections,
          duration: options.loadSeconds,
          timeout: 60,
          requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: mixedPath(workload, counter++) }) }],
        },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
    });
    const underLoadServer = loadServer.stop();
    const underLoadJvm = loadJvm.stop();
    const average = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length), 1);
    return {
      scale: options.scale,
      readyMs: round(server.readyMs),
      neo4jReadyMs: server.marks.neo4j !== undefined ? round(server.marks.neo4j) : null,
      warmedMs: round(warmedMs),
      firstRequests,
      firstFailures,
      jvmBounds: { heap: config.embedded.heap, pageCache: config.embedded.pageCache },
      rest: { serverMiB: average(restServer), jvmMiB: average(restJvm) },
      load: {
        serverMiB: round(Math.max(...underLoadServer, 0), 1),
        jvmMiB: round(Math.max(...underLoadJvm, 0), 1),
        requests: result.requests.total,
        errors: result.errors + result.timeouts + result.non2xx,
        seconds: options.loadSeconds,
        connections,
        p99Ms: result.latency.p99,
        maxMs: result.latency.max,
      },
    };
  } finally {
    await db.close();
    await server.stop();
  }
}

function slowest(first: Record<string, number>): string {
  const [name, ms] = Object.entries(first ?? {}).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return name ? `${name} ${ms} ms` : '';
}

export function printStart(results: StartResult[]): string {
  return printTable(
    'start: seconds from `tsx server/main.ts` to ready (embedded Neo4j included), resident memory in MiB',
    ['scale', 'ready s', 'of which Neo4j s', 'warm s', 'slowest first request after warm', 'first requests failing (HTTP status)', 'server at rest', 'JVM at rest', 'server under load (peak)', 'JVM under load (peak)', 'JVM bounds (heap + page cache)', 'load requests', 'load p99 / max ms', 'errors'],
    results.map((r) => [
      r.scale,
      r.readyMs / 1000,
      r.neo4jReadyMs === null ? null : r.neo4jReadyMs / 1000,
      r.warmedMs / 1000,
      slowest(r.firstRequests),
      Object.entries(r.firstFailures ?? {}).map(([name, status]) => `${name} ${status}`).join(', ') || 'none',
      r.rest.serverMiB,
      r.rest.jvmMiB,
      r.load.serverMiB,
      r.load.jvmMiB,
      `${r.jvmBounds.heap} + ${r.jvmBounds.pageCache}`,
      r.load.requests,
      `${r.load.p99Ms} / ${r.load.maxMs}`,
      r.load.errors,
    ]),
  );
}
