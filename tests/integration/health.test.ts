// The foundation: the app answers health from a real Neo4j, and errors are JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/db.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { Database } from '../../db/database.ts';
import { createApp } from '../../server/app.ts';
import { jsonLogger, Readiness } from '../../server/context.ts';

describe('health and errors', () => {
  const db = testDatabase();
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer(db);
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it('reports the Neo4j version and edition', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe('ok');
    expect(body.neo4j.version).toMatch(/^5\.26\./);
    expect(body.neo4j.edition).toBe('community');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fetch(`${server.url}/api/nowhere`);
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body.error.code).toBe('not_found');
  });

  it('answers malformed JSON with a 400, not a stack trace', async () => {
    const response = await fetch(`${server.url}/api/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text).error.code).toBe('invalid_json');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('says 503 when Neo4j is unreachable', async () => {
    const unreachable = new Database({ uri: 'bolt://127.0.0.1:9' });
    const app = createApp({ db: unreachable, log: jsonLogger(process.stderr, true) });
    const s = app.listen(0, '127.0.0.1');
    await new Promise((r) => s.once('listening', r));
    const port = (s.address() as { port: number }).port;
    const response = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe('neo4j_unavailable');
    s.close();
    await unreachable.close();
  });

  it("says 'warming' with the reason until the server is warm, then 'ok'", async () => {
    const readiness = new Readiness();
    readiness.warming('planning the named queries');
    const app = createApp({ db, log: jsonLogger(process.stderr, true), readiness });
    const s = app.listen(0, '127.0.0.1');
    await new Promise((r) => s.once('listening', r));
    const url = `http://127.0.0.1:${(s.address() as { port: number }).port}/api/health`;
    const warming = await fetch(url);
    expect(warming.status).toBe(200);
    expect(await warming.json()).toMatchObject({ status: 'warming', reason: 'planning the named queries', neo4j: { edition: 'community' } });
    readiness.ready();
    const ready = await (await fetch(url)).json();
    expect(ready.status).toBe('ok');
    expect(ready.reason).toBeUndefined();
    s.close();
  });
});
