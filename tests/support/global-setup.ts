// Starts one embedded Neo4j for the test run on a free port with a fresh temporary data directory.
// The `integration` and `e2e` projects both name this setup; they share the one database it starts.
import type { TestProject } from 'vitest/node';
import { startLocalNeo4j, type LocalNeo4j } from '../../bench/lib/neo4j.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}

let neo4j: Promise<LocalNeo4j> | undefined;
let users = 0;

export async function setup(project: TestProject): Promise<void> {
  // TEST_NEO4J_URI (with TEST_NEO4J_USERNAME, TEST_NEO4J_PASSWORD) points the tests at a Neo4j of your own; they delete everything in it.
  const external = process.env.TEST_NEO4J_URI;
  if (external) {
    project.provide('neo4jUri', external);
    return;
  }
  users += 1;
  neo4j ??= startLocalNeo4j({ log: (line) => console.error(line) });
  const started = await neo4j;
  project.provide('neo4jUri', started.uri);
  // The embedded Neo4j requires its password. Test workers inherit this process's environment:
  // TEST_NEO4J_* for the tests' own connections (tests/support/db.ts), NEO4J_* for the servers and
  // command-line tools that tests start as child processes against this database.
  process.env.TEST_NEO4J_USERNAME = process.env.NEO4J_USERNAME = started.neo4j.username;
  process.env.TEST_NEO4J_PASSWORD = process.env.NEO4J_PASSWORD = started.neo4j.password;
}

export async function teardown(): Promise<void> {
  users -= 1;
  if (users > 0 || !neo4j) return;
  const started = await neo4j;
  neo4j = undefined;
  await started.stop();
}
