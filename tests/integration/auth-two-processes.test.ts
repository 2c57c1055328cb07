// Two real server processes on one database and one accounts store, as a team scales out behind a proxy:
// a session made on one works on the other, survives a restart, reads its own write through the other (the
// write's bookmarks kept in the session row), and a revocation on one ends it on both.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../bench/lib/server-process.ts';
import { Accounts } from '../../server/accounts/accounts.ts';
import { hashPassword } from '../../server/accounts/passwords.ts';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { FIXTURE_TEXT, fixtureDataset } from '../support/fixture-dataset.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-two-'));
const storeFile = path.join(dir, 'accounts.sqlite');
const PASSWORD = 'two processes, one store';
let adminToken = '';
const env = () => ({ NEO4J_URI: inject('neo4jUri'), AUTH: 'accounts', ACCOUNTS_DB: storeFile, SEED_WHEN_EMPTY: 'false' });
let one: ServerProcess;
let two: ServerProcess;

beforeAll(async () => {
  const accounts = Accounts.open(storeFile, { sessionLifetimeMs: 3_600_000 });
  const admin = accounts.users.create({ username: 'admin', isAdmin: true });
  const erin = accounts.users.create({ username: 'erin', passwordHash: await hashPassword(PASSWORD) });
  // A dataset erin may write to, for the read-your-own-write test.
  accounts.grants.grant('test/two', 'user', erin.id, 'editor', admin.id);
  const db = testDatabase();
  await resetDatabase(db);
  writeFileSync(path.join(dir, 'text.txt'), FIXTURE_TEXT);
  writeFileSync(path.join(dir, 'two.yaml'), stringify(fixtureDataset('test/two', 'Two processes', { entities: [{ id: 'org/aeem', type: 'Organization', name: 'AEEM', evidence: [{ source: 'src/text', quote: 'Association des Élèves' }] }], relations: [] })));
  await loadDatasetFile(db, path.join(dir, 'two.yaml'));
  await db.close();
  adminToken = accounts.tokens.create(admin.id, 'test', new Date(Date.now() + 3_600_000)).secret;
  accounts.close();
  [one, two] = await Promise.all([startServerProcess(env(), { timeoutMs: 120_000 }), startServerProcess(env(), { timeoutMs: 120_000 })]);
}, 180_000);

afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

async function session(server: ServerProcess, cookie: string): Promise<{ status: number; signedIn?: boolean; user?: { username: string } }> {
  const res = await fetch(`${server.url}/api/auth/session`, { headers: { cookie } });
  return { status: res.status, ...((await res.json()) as object) };
}

describe('two server processes on one store', () => {
  let cookie = '';

  it('accept each other’s sessions', async () => {
    const res = await fetch(`${one.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'erin', password: PASSWORD }) });
    expect(res.status).toBe(200);
    cookie = `cg_session=${/cg_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1]}`;
    expect(await session(two, cookie)).toMatchObject({ status: 200, signedIn: true, user: { username: 'erin' } });
    expect((await fetch(`${two.url}/api/schema`, { headers: { cookie } })).status).toBe(200);
  });

  it('keep a session across a restart', { timeout: 120_000 }, async () => {
    await one.stop();
    one = await startServerProcess(env(), { timeoutMs: 120_000 });
    expect(await session(one, cookie)).toMatchObject({ signedIn: true, user: { username: 'erin' } });
  });

  it('read a write made through one at once through the other: its bookmarks are kept in the session row and passed', async () => {
    const { csrfToken } = (await (await fetch(`${one.url}/api/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string };
    const bookmarksOfSession = () => {
      const store = new DatabaseSync(storeFile);
      try {
        return (store.prepare('SELECT bookmarks FROM sessions WHERE revoked_at IS NULL').all() as { bookmarks: string | null }[]).map((r) => r.bookmarks);
      } finally {
        store.close();
      }
    };
    expect(bookmarksOfSession()).toEqual([null]);
    const added = await fetch(`${one.url}/api/datasets/${encodeURIComponent('test/two')}/sources`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Written through one', text: 'Words written through process one.' }),
    });
    expect(added.status).toBe(201);
    const { source } = (await added.json()) as { source: { id: string } };
    const [kept] = bookmarksOfSession();
    const bookmarks = JSON.parse(kept ?? '[]') as string[];
    expect(bookmarks.length).toBeGreaterThan(0);
    const read = await fetch(`${two.url}/api/sources/${encodeURIComponent(source.id)}`, { headers: { cookie } });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ source: { id: source.id, text: 'Words written through process one.' } });
    // Process two opens its Neo4j session from the row: a bookmark Neo4j cannot read fails the read; the real one serves it.
    const store = new DatabaseSync(storeFile);
    try {
      store.prepare('UPDATE sessions SET bookmarks = ?').run(JSON.stringify(['not-a-bookmark']));
      expect((await fetch(`${two.url}/api/sources/${encodeURIComponent(source.id)}`, { headers: { cookie } })).status).toBeGreaterThanOrEqual(400);
      store.prepare('UPDATE sessions SET bookmarks = ?').run(kept ?? null);
      expect((await fetch(`${two.url}/api/sources/${encodeURIComponent(source.id)}`, { headers: { cookie } })).status).toBe(200);
    } finally {
      store.close();
    }
  });

  it('end a session on both at once when one revokes it', async () => {
    const bearer = { authorization: `Bearer ${adminToken}` };
    const { sessions } = (await (await fetch(`${two.url}/api/admin/sessions`, { headers: bearer })).json()) as { sessions: { handle: string }[] };
    expect(sessions).toHaveLength(1);
    const revoke = await fetch(`${two.url}/api/admin/sessions/${sessions[0]!.handle}`, { method: 'DELETE', headers: bearer });
    expect(revoke.status).toBe(200);
    expect((await fetch(`${one.url}/api/schema`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${two.url}/api/schema`, { headers: { cookie } })).status).toBe(401);
    expect(await session(one, cookie)).toMatchObject({ signedIn: false });
  });
});
