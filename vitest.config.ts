// Vitest projects: `unit` (parallel, no Neo4j, no Java) runs first; then `integration` and `e2e`,
// which share one embedded Neo4j (global setup) and run their files one at a time because they
// share that database (each file resets the data it needs, so any order works).
import { defineConfig } from 'vitest/config';

const withNeo4j = {
  globalSetup: ['tests/support/global-setup.ts'],
  setupFiles: ['tests/support/neo4j-env.ts'],
  fileParallelism: false,
  testTimeout: 30_000,
  hookTimeout: 240_000,
};

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      { test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], sequence: { groupOrder: 1 }, ...withNeo4j } },
      { test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], sequence: { groupOrder: 2 }, ...withNeo4j } },
    ],
  },
});
