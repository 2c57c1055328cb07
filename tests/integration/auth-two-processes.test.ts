// Two real server processes on one database and one accounts store, as a team scales out behind a proxy:
// a session made on one works on the other, survives a restart, and a revocation on one ends it on both.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../bench/lib/server-process.ts';
import { Accounts } from '../../server/accounts/accounts.ts';
import { hashPassword } from '../../server/accounts/passwords.ts';

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
  accounts.users.create({ username: 'erin', passwordHash: await hashPassword(PASSWORD) });
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
