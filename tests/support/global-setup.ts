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
  // TEST_NEO4J_URI points the tests at a Neo4j of your own; they delete everything in it.
  const external = process.env.TEST_NEO4J_URI;
  if (external) {
    project.provide('neo4jUri', external);
    return;
  }
  neo4j = await startLocalNeo4j({ log: (line) => console.error(line) });
  project.provide('neo4jUri', neo4j.uri);
}

export async function teardown(): Promise<void> {
  await neo4j?.stop();
}
