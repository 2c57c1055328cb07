// Helpers for the reliability tests: an app with a captured log, a second Neo4j, waiting for a condition, a database fingerprint.
import path from 'node:path';
import { createApp, type AppOptions } from '../../server/app.ts';
import { projectRoot } from '../../db/config.ts';
import type { Logger } from '../../server/context.ts';
import type { Database } from '../../db/database.ts';
import type { EmbeddedNeo4j } from '../../db/embedded-neo4j.ts';
import { startLocalNeo4j } from '../../bench/lib/neo4j.ts';
import { listenLocal } from '../../bench/lib/net.ts';

export interface LogEntry {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

export interface CapturedApp {
  url: string;
  logs: LogEntry[];
  close(): Promise<void>;
}

/** The real app on a free port, with its log lines kept in memory for assertions. */
export async function startCapturedApp(db: Database, options: AppOptions = {}): Promise<CapturedApp> {
  const logs: LogEntry[] = [];
  const log: Logger = {
    info: (message, fields = {}) => void logs.push({ level: 'info', message, fields }),
    error: (message, fields = {}) => void logs.push({ level: 'error', message, fields }),
  };
  const app = createApp({ db, log }, { clientDir: path.join(projectRoot, 'dist/client'), ...options });
  return { ...(await listenLocal(app)), logs };
}

export interface ScratchNeo4j {
  neo4j: EmbeddedNeo4j;
  uri: string;
  port: number;
  dataDir: string;
  /** Starts it again on the same port and data directory (after a kill or stop). */
  restart(): Promise<void>;
  /** Kills the JVM with SIGKILL: no clean shutdown, like a crash or the OOM killer. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** A second, private Neo4j that a test may kill and restart without disturbing the shared one. */
export async function startScratchNeo4j(options: { port?: number; dataDir?: string } = {}): Promise<ScratchNeo4j> {
  // Generous transaction timeout: on a loaded 2-core machine the setup writes alone can take tens of seconds.
  const settings = { heap: '512m', pageCache: '64m', txMemory: '128m', txMemoryGlobal: '256m', txTimeoutSeconds: 120 };
  let local = await startLocalNeo4j({ ...settings, ...options });
  const scratch: ScratchNeo4j = {
    neo4j: local.neo4j,
    uri: local.uri,
    port: local.port,
    dataDir: local.dataDir,
    async restart() {
      local = await startLocalNeo4j({ ...settings, port: scratch.port, dataDir: scratch.dataDir });
      scratch.neo4j = local.neo4j;
    },
    async kill() {
      const child = scratch.neo4j.process;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      await local.stop({ keepData: Boolean(options.dataDir) });
    },
  };
  return scratch;
}

/** Polls until `check` passes; answers how long it took. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 200): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Text that would leak internals: stack frames, file paths of this machine, driver class names. */
export const LEAK_PATTERN = new RegExp(
  [
    String.raw`\bat [\w.<>]+ \(`,
    String.raw`\.(ts|js|mjs|java):\d+`,
    projectRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    'node_modules',
    '/tmp/',
    'Neo4jError',
    'org\\.neo4j',
  ].join('|'),
);

export interface Fingerprint {
  nodes: number;
  relationships: number;
  /** sha256 over every node's labels and properties and every relationship's type, ends and properties, in a stable order. */
  checksum: string;
}

/** Counts and a checksum of everything in the database, to prove that nothing changed. */
export async function fingerprint(db: Database): Promise<Fingerprint> {
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  const stable = (value: unknown): string =>
    JSON.stringify(value, (_key, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
  const nodes = await db.read('MATCH (n) RETURN labels(n) AS labels, properties(n) AS props');
  const nodeLines = nodes.rows.map((r) => stable([[...(r.labels as string[])].sort(), r.props])).sort();
  for (const line of nodeLines) hash.update(line + '\n');
  const rels = await db.read(
    'MATCH (a)-[r]->(b) RETURN type(r) AS type, coalesce(a.id, elementId(a)) AS a, coalesce(b.id, elementId(b)) AS b, properties(r) AS props',
  );
  const relLines = rels.rows.map((r) => stable([r.type, r.a, r.b, r.props])).sort();
  for (const line of relLines) hash.update(line + '\n');
  return { nodes: nodeLines.length, relationships: relLines.length, checksum: hash.digest('hex') };
}
