// Starts one embedded Neo4j for the test run on a free port with a fresh temporary data directory.
// The `integration` and `e2e` projects both name this setup; they share the one database it starts.
import type { TestProject } from 'vitest/node';
import { startLocalNeo4j, type LocalNeo4j } from '../../bench/lib/neo4j.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUsername: string;
    neo4jPassword: string;
  }
}

/**
 * The one Neo4j and how many projects use it, kept on globalThis: Vitest loads this file once per project
 * that names it, so module variables would start one database per project, and a project's workers could
 * be handed the other's password.
 */
const shared = globalThis as typeof globalThis & { civicGraphTestNeo4j?: { neo4j?: Promise<LocalNeo4j>; users: number } };
const state = shared.civicGraphTestNeo4j ?? { users: 0 };
shared.civicGraphTestNeo4j = state;

export async function setup(project: TestProject): Promise<void> {
  // TEST_NEO4J_URI (with TEST_NEO4J_USERNAME, TEST_NEO4J_PASSWORD) points the tests at a Neo4j of your own; they delete everything in it.
  const external = process.env.TEST_NEO4J_URI;
  if (external) {
    project.provide('neo4jUri', external);
    project.provide('neo4jUsername', process.env.TEST_NEO4J_USERNAME ?? '');
    project.provide('neo4jPassword', process.env.TEST_NEO4J_PASSWORD ?? '');
    return;
  }
  state.users += 1;
  state.neo4j ??= startLocalNeo4j({ log: (line) => console.error(line) });
  const started = await state.neo4j;
  project.provide('neo4jUri', started.uri);
  // The embedded Neo4j requires its password. It is provided, not left in this process's environment:
  // a worker may have been started (for the unit project) before this setup ran, and would not inherit
  // it. tests/support/neo4j-env.ts puts it into each worker's environment.
  project.provide('neo4jUsername', started.neo4j.username);
  project.provide('neo4jPassword', started.neo4j.password);
}

export async function teardown(): Promise<void> {
  state.users -= 1;
  if (state.users > 0 || !state.neo4j) return;
  const started = await state.neo4j;
  state.neo4j = undefined;
  await started.stop();
}
