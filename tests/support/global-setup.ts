// Starts one embedded Neo4j for the test run on a free port with a fresh temporary data directory.
import type { TestProject } from 'vitest/node';
import { startLocalNeo4j, type LocalNeo4j } from '../../bench/lib/neo4j.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}

let neo4j: LocalNeo4j | undefined;

export async function setup(project: TestProject): Promise<void> {
  // TEST_NEO4J_URI (with TEST_NEO4J_USERNAME, TEST_NEO4J_PASSWORD) points the tests at a Neo4j of your own; they delete everything in it.
  const external = process.env.TEST_NEO4J_URI;
  if (external) {
    project.provide('neo4jUri', external);
    return;
  }
  neo4j = await startLocalNeo4j({ log: (line) => console.error(line) });
  project.provide('neo4jUri', neo4j.uri);
  // The embedded Neo4j requires its password. Test workers inherit this process's environment:
  // TEST_NEO4J_* for the tests' own connections (tests/support/db.ts), NEO4J_* for the servers and
  // command-line tools that tests start as child processes against this database.
  process.env.TEST_NEO4J_USERNAME = process.env.NEO4J_USERNAME = neo4j.neo4j.username;
  process.env.TEST_NEO4J_PASSWORD = process.env.NEO4J_PASSWORD = neo4j.neo4j.password;
}

export async function teardown(): Promise<void> {
  await neo4j?.stop();
}
