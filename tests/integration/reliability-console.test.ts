// The console under a runaway query: a cartesian product over the largest labels is stopped cleanly
// by the transaction timeout or the per-transaction memory cap, while other requests keep being served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { LEAK_PATTERN, startCapturedApp, type CapturedApp } from '../support/reliability.ts';

const PEOPLE = 3000;
const ORGANIZATIONS = 3000;

describe('console runaway queries', () => {
  const db = testDatabase();
  let app: CapturedApp;

  beforeAll(async () => {
    await resetDatabase(db);
    await db.write(
      `UNWIND range(1, $people) AS i
       CREATE (:Entity:Person {id: 'person/' + i, name: 'Person ' + i, aliases: [], searchText: 'Person ' + i})`,
      { people: PEOPLE },
    );
    await db.write(
      `UNWIND range(1, $orgs) AS i
       CREATE (:Entity:Organization {id: 'org/' + i, name: 'Organisation ' + i, aliases: [], searchText: 'Organisation ' + i})`,
      { orgs: ORGANIZATIONS },
    );
    app = await startCapturedApp(db, { security: { rateLimits: false } });
    // Warm the schema catalog the routes share, so the probes below measure serving, not a first scan.
    for (const path of ['/api/schema', '/api/search?q=person', '/api/nodes/person%2F42']) expect((await fetch(app.url + path)).status).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await resetDatabase(db);
    await db.close();
  });

  function console_(query: string, extra: Record<string, unknown> = {}) {
    return fetch(`${app.url}/api/cypher`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, ...extra }) });
  }

  /** Runs `runaway` and, until it answers, keeps other requests going; answers both outcomes. */
  async function whileRunning(runaway: Promise<Response>) {
    let finished = false;
    const answered = runaway.then(async (response) => {
      finished = true;
      return { status: response.status, text: await response.text() };
    });
    const others: Array<{ path: string; status: number; ms: number }> = [];
    const probes = ['/api/health', '/api/search?q=person', '/api/nodes/person%2F42', 'console'];
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; !finished; i++) {
      const path = probes[i % probes.length]!;
      const started = Date.now();
      const response = path === 'console' ? await console_('MATCH (n:Person {id: $id}) RETURN n.name AS name', { params: { id: 'person/7' } }) : await fetch(app.url + path);
      await response.arrayBuffer();
      if (!finished) others.push({ path, status: response.status, ms: Date.now() - started });
    }
    return { runaway: await answered, others };
  }

  it('stops a cartesian product at the time limit with 408 timeout, serving others meanwhile', { timeout: 60_000 }, async () => {
    const started = Date.now();
    const { runaway, others } = await whileRunning(
      // The WHERE defeats the count-store shortcut, so Neo4j really walks PEOPLE² × ORGANIZATIONS rows.
      console_(`MATCH (a:Person), (b:Organization), (c:Person) WHERE a.name + b.name + c.name = 'never' RETURN count(*) AS n`),
    );
    const tookMs = Date.now() - started;
    console.log(
      `[figures] runaway cartesian product (${PEOPLE}x${ORGANIZATIONS}x${PEOPLE}): ${runaway.status} after ${tookMs} ms; ${others.length} other requests served meanwhile, slowest ${Math.max(...others.map((o) => o.ms))} ms`,
    );
    expect(runaway.status).toBe(408);
    expect(JSON.parse(runaway.text).error.code).toBe('timeout');
    expect(runaway.text).not.toMatch(LEAK_PATTERN);
    expect(others.filter((o) => o.status !== 200)).toEqual([]);
  });

  it('stops a cartesian product that needs more memory than a transaction may use with 422 memory_limit', { timeout: 90_000 }, async () => {
    // Producing the rows takes seconds; a console allowed 25 s shows the memory cap, not the clock, stopping it.
    const previous = process.env.CYPHER_TIMEOUT_MS;
    process.env.CYPHER_TIMEOUT_MS = '25000';
    const patient = await startCapturedApp(db, { security: { rateLimits: false } });
    if (previous === undefined) delete process.env.CYPHER_TIMEOUT_MS;
    else process.env.CYPHER_TIMEOUT_MS = previous;
    try {
      const started = Date.now();
      // Sorting materialises all PEOPLE x ORGANIZATIONS rows (two nodes each) before the first one can be sent.
      const { runaway, others } = await whileRunning(
        fetch(`${patient.url}/api/cypher`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'MATCH (a:Person), (b:Organization) RETURN a, b ORDER BY a.name + b.name' }),
        }),
      );
      const tookMs = Date.now() - started;
      console.log(`[figures] runaway sort over ${PEOPLE * ORGANIZATIONS} rows: ${runaway.status} after ${tookMs} ms; ${others.length} other requests served meanwhile`);
      expect(runaway.status).toBe(422);
      expect(JSON.parse(runaway.text).error.code).toBe('memory_limit');
      expect(runaway.text).not.toMatch(LEAK_PATTERN);
      expect(others.filter((o) => o.status !== 200)).toEqual([]);
    } finally {
      await patient.close();
    }
  });

  it('lets several runaways at once be stopped while health still answers, and Neo4j is fine afterwards', { timeout: 90_000 }, async () => {
    const runaways = Array.from({ length: 3 }, () =>
      console_(`MATCH (a:Person), (b:Organization), (c:Person) WHERE a.name + b.name + c.name = 'never' RETURN count(*) AS n`, { timeoutMs: 3000 }),
    );
    const { runaway, others } = await whileRunning(Promise.all(runaways).then((all) => all[all.length - 1]!));
    const statuses = await Promise.all(runaways.map(async (r) => (await r).status));
    expect(statuses).toEqual([408, 408, 408]);
    expect(runaway.status).toBe(408);
    expect(others.filter((o) => o.status !== 200)).toEqual([]);
    const after = await console_('MATCH (n:Entity) RETURN count(n) AS n');
    expect(after.status).toBe(200);
    expect((await after.json()).rows[0].n).toBe(PEOPLE + ORGANIZATIONS);
  });
});
