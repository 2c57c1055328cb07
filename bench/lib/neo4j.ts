// Neo4j instances for the benchmarks: a private embedded one per use (fresh data directory, free port),
// or, for the smoke test, the test run's shared database wiped between uses.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../db/database.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j, type StartOptions } from '../../db/embedded-neo4j.ts';
import { freePort } from './net.ts';

export interface Neo4jTarget {
  uri: string;
  /** Bolt credentials (the embedded Neo4j's own password), for a server process or a direct driver. */
  username?: string;
  password?: string;
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

export interface LocalNeo4jOptions extends Partial<Omit<StartOptions, 'boltHost' | 'boltPort' | 'dataDir'>> {
  /** Bolt port (default: a free one). */
  port?: number;
  /** A data directory to use and keep (default: a fresh temporary one, which stop() removes). */
  dataDir?: string;
}

export interface LocalNeo4j {
  neo4j: EmbeddedNeo4j;
  uri: string;
  port: number;
  dataDir: string;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** Sizes that suit tests and scripts on a small shared machine; callers raise them where they load more. */
const SMALL: Omit<StartOptions, 'boltHost' | 'boltPort' | 'dataDir'> = { heap: '1g', pageCache: '256m', txMemory: '256m', txMemoryGlobal: '768m', txTimeoutSeconds: 30 };

/** The one way tests, scripts and benchmarks start their own embedded Neo4j: on 127.0.0.1, a free port unless given. */
export async function startLocalNeo4j(options: LocalNeo4jOptions = {}): Promise<LocalNeo4j> {
  const { port: wantedPort, dataDir: givenDir, ...settings } = options;
  const port = wantedPort ?? (await freePort());
  const dataDir = givenDir ?? mkdtempSync(path.join(os.tmpdir(), 'civic-graph-neo4j-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  let neo4j: EmbeddedNeo4j;
  try {
    neo4j = await startEmbeddedNeo4j({ ...SMALL, ...settings, boltHost: '127.0.0.1', boltPort: port, dataDir });
  } catch (error) {
    if (!givenDir) removeDir();
    throw error;
  }
  return {
    neo4j,
    uri: neo4j.uri,
    port,
    dataDir,
    async stop({ keepData = Boolean(givenDir) } = {}) {
      await neo4j.stop();
      if (!keepData) removeDir();
    },
  };
}

/** Starts an embedded Neo4j on an existing or new data directory. */
export async function startBenchNeo4j(settings: EmbeddedSettings, dataDir?: string): Promise<Neo4jTarget> {
  const local = await startLocalNeo4j({
    dataDir,
    heap: settings.heap,
    pageCache: settings.pageCache,
    txMemory: '1g',
    txMemoryGlobal: settings.heap,
    txTimeoutSeconds: 3600,
    readyTimeoutMs: 600_000,
  });
  const db = new Database({ uri: local.uri, username: local.neo4j.username, password: local.neo4j.password });
  return {
    uri: local.uri,
    username: local.neo4j.username,
    password: local.neo4j.password,
    db,
    dataDir: local.dataDir,
    jvmPid: local.neo4j.process.pid,
    async stop(options = {}) {
      await db.close();
      await local.stop({ keepData: options.keepData ?? false });
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
    return { uri, ...credentials, db, stop: () => db.close() };
  };
}
