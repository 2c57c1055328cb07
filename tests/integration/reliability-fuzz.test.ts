// The short fuzz run of CI: schemathesis (installed on first use) against /api/openapi.json on the seed
// data; no 5xx and no answer that breaks its own schema. `npm run fuzz` is the long run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalServer } from '../../bench/lib/net.ts';
import { prepareDatabase } from '../../server/prepare.ts';
import { ensureSchemathesis, listenForFuzz, requestCounter, runSchemathesis } from '../../scripts/fuzz.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';

describe('fuzzing the API from its OpenAPI document (short run)', () => {
  const db = testDatabase();
  const counter = requestCounter();
  let server: LocalServer | undefined;
  let url: string;
  let st: string;

  beforeAll(async () => {
    st = ensureSchemathesis((line) => console.error(line));
    await resetDatabase(db);
    await prepareDatabase(db, { seedWhenEmpty: true });
    server = await listenForFuzz(db, counter.log);
    url = server.url;
  }, 240_000);
  afterAll(async () => {
    await server?.close();
    await resetDatabase(db);
    await db.close();
  });

  it('finds no server error and no schema violation in a few hundred generated requests', { timeout: 300_000 }, async () => {
    // One worker: with two, schemathesis's hypothesis describes lambdas through ast.parse in two threads at once, which
    // CPython 3.11 can fail ("SystemError: AST constructor recursion depth mismatch"; seen once in CI, exit 1, no 5xx).
    const run = await runSchemathesis(st, url, { maxExamples: 3, seed: 7, workers: 1 });
    const statuses = Object.fromEntries(counter.byStatus);
    console.log(`[figures] CI fuzz: ${counter.requests} requests, statuses ${JSON.stringify(statuses)}, 5xx ${counter.serverErrors.length}, schemathesis exit ${run.exitCode}`);
    if (run.exitCode !== 0) console.log(run.output.slice(-6000));
    expect(counter.serverErrors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(counter.requests).toBeGreaterThan(150);
  });
});
