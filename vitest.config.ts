// Vitest: one embedded Neo4j for the whole run (global setup); files run one at a time because
// they share that database, and each file resets the data it needs so any order works.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 240_000,
    reporters: ['default'],
  },
});
