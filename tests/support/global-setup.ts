// Starts one embedded Neo4j for the test run on a free port with a fresh temporary data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../db/embedded-neo4j.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
  }
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

let neo4j: EmbeddedNeo4j | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  // TEST_NEO4J_URI points the tests at a Neo4j of your own; they delete everything in it.
  const external = process.env.TEST_NEO4J_URI;
  if (external) {
    project.provide('neo4jUri', external);
    return;
  }
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-test-'));
  neo4j = await startEmbeddedNeo4j({
    boltHost: '127.0.0.1',
    boltPort: await freePort(),
    dataDir,
    heap: '1g',
    pageCache: '256m',
    txMemory: '256m',
    txMemoryGlobal: '768m',
    txTimeoutSeconds: 30,
    log: (line) => console.error(line),
  });
  project.provide('neo4jUri', neo4j.uri);
}

export async function teardown(): Promise<void> {
  await neo4j?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
