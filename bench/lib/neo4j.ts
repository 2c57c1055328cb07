// Neo4j instances for the benchmarks: a private embedded one per use (fresh data directory, free port),
// or, for the smoke test, the test run's shared database wiped between uses.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../db/database.ts';
import { startEmbeddedNeo4j } from '../../db/embedded-neo4j.ts';

export interface Neo4jTarget {
  uri: string;
  db: Database;
  /** Set for an embedded instance: its data directory and JVM. */
  dataDir?: string;
  jvmPid?: number;
  /** Stops the instance (keeping its data directory when asked, for the start scenario). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export type Neo4jFactory = (purpose: string) => Promise<Neo4jTarget>;

export interface EmbeddedSettings {
  heap: string;
  pageCache: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts an embedded Neo4j on an existing or new data directory. */
export async function startBenchNeo4j(settings: EmbeddedSettings, dataDir?: string): Promise<Neo4jTarget> {
  const dir = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'civic-graph-bench-'));
  const neo4j = await startEmbeddedNeo4j({
    boltHost: '127.0.0.1',
    boltPort: await freePort(),
    dataDir: dir,
    heap: settings.heap,
    pageCache: settings.pageCache,
    txMemory: '1g',
    txMemoryGlobal: settings.heap,
    txTimeoutSeconds: 3600,
    readyTimeoutMs: 600_000,
  });
  const db = new Database({ uri: neo4j.uri });
  return {
    uri: neo4j.uri,
    db,
    dataDir: dir,
    jvmPid: neo4j.process.pid,
    async stop(options = {}) {
      await db.close();
      await neo4j.stop();
      if (!options.keepData) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function embeddedFactory(settings: EmbeddedSettings): Neo4jFactory {
  return () => startBenchNeo4j(settings);
}

/** The smoke test's factory: one database, emptied for each use (schema kept). */
export function sharedFactory(uri: string, credentials: { username?: string; password?: string } = {}): Neo4jFactory {
  return async () => {
    const db = new Database({ uri, ...credentials });
    // Smoke-test databases are small: one transaction empties them.
    await db.write('MATCH (n) DETACH DELETE n');
    return { uri, db, stop: () => db.close() };
  };
}
