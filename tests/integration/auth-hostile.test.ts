// A hostile table for team mode: session fixation, cross-site requests, secrets in logs, expired and revoked
// sessions and tokens, other users' ids, oversized and malformed sign-in bodies, brute force. Each is refused
// in the JSON error shape, and afterwards the graph is unchanged and the audit trail consistent and secret-free.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenLocal, type LocalServer } from '../../bench/lib/net.ts';
import { Accounts } from '../../server/accounts/accounts.ts';
import { hashPassword } from '../../server/accounts/passwords.ts';
import type { User } from '../../server/accounts/users.ts';
import { createApp } from '../../server/app.ts';
import type { Logger } from '../../server/context.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { DEFAULT_DATASET, loadDatasetFile } from '../../ingest/dataset/loader.ts';

const db = testDatabase();
const dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-hostile-'));
const accounts = Accounts.open(path.join(dir, 'accounts.sqlite'), { sessionLifetimeMs: 3_600_000 });
const logged: string[] = [];
const log: Logger = { info: (m, f) => logged.push(JSON.stringify({ m, ...f })), error: (m, f) => logged.push(JSON.stringify({ m, ...f })) };
let server: LocalServer;
const PASSWORD = 'a long and correct password';
const users: Record<'admin' | 'alice' | 'bob' | 'carol', User> = {} as never;
/** Every secret the test hands out; none may appear in a log line or the audit trail. */
const secrets: string[] = [PASSWORD];
let fingerprintBefore = '';

async function fingerprint(): Promise<string> {
  const { rows } = await db.read('MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels, collect(DISTINCT n.id)[0..50] AS ids');
  return JSON.stringify(rows);
}

/** Signs in through the API from `address` (X-Forwarded-For, trusted from loopback) and answers the cookie and CSRF token. */
async function signIn(username: string, address: string): Promise<{ cookie: string; csrf: string }> {
  const res = await post('/api/auth/sign-in', { username, password: PASSWORD }, { 'x-forwarded-for': address });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = /cg_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const body = (await res.json()) as { csrfToken: string };
  secrets.push(cookie, body.csrfToken);
  return { cookie: `cg_session=${cookie}`, csrf: body.csrfToken };
}

function post(target: string, body: unknown, headers: Record<string, string> = {}, method = 'POST'): Promise<Response> {
  return fetch(server.url + target, { method, headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

function get(target: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(server.url + target, { headers });
}

function token(user: User, days = 1): string {
  const { secret } = accounts.tokens.create(user.id, 'hostile', new Date(Date.now() + days * 86_400_000));
  secrets.push(secret);
  return secret;
}

beforeAll(async () => {
  await resetDatabase(db);
  await loadDatasetFile(db, DEFAULT_DATASET);
  const hash = await hashPassword(PASSWORD);
  users.admin = accounts.users.create({ username: 'admin', passwordHash: hash, isAdmin: true });
  users.alice = accounts.users.create({ username: 'alice', passwordHash: hash });
  users.bob = accounts.users.create({ username: 'bob', passwordHash: hash });
  users.carol = accounts.users.create({ username: 'carol', passwordHash: hash });
  accounts.grants.grant('a', 'user', users.alice.id, 'admin', 'test');
  accounts.grants.grant('a', 'user', users.bob.id, 'editor', 'test');
  server = await listenLocal(
    createApp({ db, log, accounts, auth: { mode: 'accounts', sessionHours: 1, cookieSecure: 'auto', auditReads: [] } }, { security: { rateLimits: false, trustProxy: ['loopback'] } }),
  );
  fingerprintBefore = await fingerprint();
}, 120_000);

afterAll(async () => {
  await server?.close();
  accounts.close();
  rmSync(dir, { recursive: true, force: true });
  await db.close();
});

/** A cross-site request is refused by CORS (Origin not allowed) or, where CORS lets it by, by the session guard. */
const CROSS_SITE = /^(cross_site|cors_forbidden)$/;

interface Case {
  name: string;
  send: () => Promise<Response>;
  status: number;
  code: string | RegExp;
}

/** The table is filled in a beforeAll (it needs live sessions and tokens) and checked row by row. */
const cases: Case[] = [];
/** Refusals the session guard gives (and audits); CORS refuses earlier, before anyone is known. */
let guardRefusals = 0;
const refusedBefore = () => accounts.audit.read({ limit: 500 }).filter((e) => e.outcome !== 'ok').length;
let refusalsAtStart = 0;

describe('the hostile table', () => {
  beforeAll(async () => {
    refusalsAtStart = refusedBefore();
    const bob = await signIn('bob', '10.9.0.1');
    const carol = await signIn('carol', '10.9.0.2');
    const ended = await signIn('carol', '10.9.0.3');
    await post('/api/auth/sign-out', {}, { cookie: ended.cookie, 'x-csrf-token': ended.csrf });
    const revoked = await signIn('bob', '10.9.0.4');
    accounts.sessions.revokeHandle([...accounts.sessions.live(users.bob.id)].pop()!.handle);
    const expired = await signIn('carol', '10.9.0.5');
    accounts.store.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE expires_at = (SELECT max(expires_at) FROM sessions WHERE user_id = ?)").run(users.carol.id);
    const disabledUser = accounts.users.create({ username: 'dora', passwordHash: await hashPassword(PASSWORD) });
    const dora = await signIn('dora', '10.9.0.6');
    const doraToken = token(disabledUser);
    accounts.users.setDisabled(disabledUser.id, true);
    const bobToken = token(users.bob);
    const aliceToken = token(users.alice);
    const expiredToken = accounts.tokens.create(users.bob.id, 'old', new Date(Date.now() - 1000)).secret;
    const revoked_ = accounts.tokens.create(users.bob.id, 'to revoke', new Date(Date.now() + 86_400_000));
    const revokedToken = revoked_.secret;
    accounts.tokens.revoke(revoked_.token.id);
    const adminTokenInfo = accounts.tokens.create(users.admin.id, 'admin', new Date(Date.now() + 86_400_000));
    secrets.push(adminTokenInfo.secret, expiredToken);
    const auth = (t: string) => ({ authorization: `Bearer ${t}` });
    const withBob = (extra: Record<string, string> = {}) => ({ cookie: bob.cookie, 'x-csrf-token': bob.csrf, ...extra });
    const cypher = { query: 'RETURN 1 AS one' };

    cases.push(
      // Cross-site requests with the session cookie.
      { name: 'console from another origin', send: () => post('/api/cypher', cypher, withBob({ origin: 'https://evil.example' })), status: 403, code: CROSS_SITE },
      { name: 'console, Sec-Fetch-Site cross-site', send: () => post('/api/cypher', cypher, withBob({ 'sec-fetch-site': 'cross-site' })), status: 403, code: CROSS_SITE },
      { name: 'console, Sec-Fetch-Site same-site', send: () => post('/api/cypher', cypher, withBob({ 'sec-fetch-site': 'same-site' })), status: 403, code: CROSS_SITE },
      { name: 'console, Origin null', send: () => post('/api/cypher', cypher, withBob({ origin: 'null' })), status: 403, code: CROSS_SITE },
      { name: 'console, origin on another port', send: () => post('/api/cypher', cypher, withBob({ origin: 'http://127.0.0.1:1' })), status: 403, code: CROSS_SITE },
      { name: 'console without the CSRF token', send: () => post('/api/cypher', cypher, { cookie: bob.cookie }), status: 403, code: 'csrf' },
      { name: 'console with a wrong CSRF token', send: () => post('/api/cypher', cypher, { cookie: bob.cookie, 'x-csrf-token': 'x'.repeat(43) }), status: 403, code: 'csrf' },
      { name: "console with another session's CSRF token", send: () => post('/api/cypher', cypher, { cookie: bob.cookie, 'x-csrf-token': carol.csrf }), status: 403, code: 'csrf' },
      { name: 'subgraph without the CSRF token', send: () => post('/api/subgraph', { ids: ['org/aeem'] }, { cookie: bob.cookie }), status: 403, code: 'csrf' },
      { name: 'export POST without the CSRF token', send: () => post('/api/export', { ids: ['org/aeem'] }, { cookie: bob.cookie }), status: 403, code: 'csrf' },
      { name: 'sign-out without the CSRF token', send: () => post('/api/auth/sign-out', {}, { cookie: bob.cookie }), status: 403, code: 'csrf' },
      { name: 'token creation without the CSRF token', send: () => post('/api/auth/tokens', { name: 'x' }, { cookie: bob.cookie }), status: 403, code: 'csrf' },
      { name: 'password change from another origin', send: () => post('/api/auth/password', { current: PASSWORD, next: 'x'.repeat(20) }, withBob({ origin: 'https://evil.example' })), status: 403, code: CROSS_SITE },
      { name: 'sign-in posted from another origin (login CSRF)', send: () => post('/api/auth/sign-in', { username: 'bob', password: PASSWORD }, { origin: 'https://evil.example' }), status: 403, code: CROSS_SITE },
      { name: 'grant from another origin', send: () => post('/api/admin/grants', { dataset: 'a', kind: 'user', principal: users.bob.id, role: 'admin' }, withBob({ origin: 'https://evil.example' }), 'PUT'), status: 403, code: CROSS_SITE },
      { name: 'token revocation from another site', send: () => post(`/api/auth/tokens/${accounts.tokens.list(users.bob.id)[0]?.id}`, {}, withBob({ 'sec-fetch-site': 'cross-site' }), 'DELETE'), status: 403, code: CROSS_SITE },
      // Sessions that ended.
      { name: 'a signed-out session', send: () => get('/api/schema', { cookie: ended.cookie }), status: 401, code: 'unauthorized' },
      { name: 'a session revoked by an admin', send: () => get('/api/schema', { cookie: revoked.cookie }), status: 401, code: 'unauthorized' },
      { name: 'an expired session', send: () => get('/api/schema', { cookie: expired.cookie }), status: 401, code: 'unauthorized' },
      { name: "a disabled user's session", send: () => get('/api/schema', { cookie: dora.cookie }), status: 401, code: 'unauthorized' },
      { name: 'a made-up session id', send: () => get('/api/schema', { cookie: `cg_session=${'A'.repeat(43)}` }), status: 401, code: 'unauthorized' },
      { name: 'a session id of the wrong shape', send: () => get('/api/schema', { cookie: "cg_session=' OR 1=1 --" }), status: 401, code: 'unauthorized' },
      { name: 'a session id one character off', send: () => get('/api/schema', { cookie: bob.cookie.slice(0, -1) + (bob.cookie.endsWith('A') ? 'B' : 'A') }), status: 401, code: 'unauthorized' },
      { name: 'no credential at all', send: () => get('/api/schema'), status: 401, code: 'unauthorized' },
      { name: 'no credential, console', send: () => post('/api/cypher', cypher), status: 401, code: 'unauthorized' },
      { name: 'no credential, a node by id', send: () => get('/api/nodes/org%2Faeem'), status: 401, code: 'unauthorized' },
      { name: 'no credential, sources', send: () => get('/api/sources'), status: 401, code: 'unauthorized' },
      { name: 'no credential, export', send: () => get('/api/export?ids=org%2Faeem&format=csv'), status: 401, code: 'unauthorized' },
      { name: 'no credential, admin users', send: () => get('/api/admin/users'), status: 401, code: 'unauthorized' },
      { name: 'no credential, audit trail', send: () => get('/api/admin/audit.jsonl'), status: 401, code: 'unauthorized' },
      // Tokens that do not hold.
      { name: 'an expired token', send: () => get('/api/schema', auth(expiredToken)), status: 401, code: 'invalid_token' },
      { name: 'a revoked token', send: () => get('/api/schema', auth(revokedToken)), status: 401, code: 'invalid_token' },
      { name: "a disabled user's token", send: () => get('/api/schema', auth(doraToken)), status: 401, code: 'invalid_token' },
      { name: 'a token one character off', send: () => get('/api/schema', auth(bobToken.slice(0, -1) + (bobToken.endsWith('A') ? 'B' : 'A'))), status: 401, code: 'invalid_token' },
      { name: 'a token without its prefix', send: () => get('/api/schema', auth(bobToken.slice(4))), status: 401, code: 'invalid_token' },
      { name: 'a session id sent as a token', send: () => get('/api/schema', auth(bob.cookie.slice('cg_session='.length))), status: 401, code: 'invalid_token' },
      { name: 'a token in the query string', send: () => get(`/api/schema?access_token=${bobToken}`), status: 401, code: 'unauthorized' },
      { name: 'a token as the session cookie', send: () => get('/api/schema', { cookie: `cg_session=${bobToken}` }), status: 401, code: 'unauthorized' },
      { name: 'a wrong token even on health', send: () => get('/api/health', auth('cgt_' + 'z'.repeat(43))), status: 401, code: 'invalid_token' },
      { name: 'a token that mints tokens', send: () => post('/api/auth/tokens', { name: 'child' }, auth(bobToken)), status: 403, code: 'token_cannot_mint' },
      // Other users' things.
      { name: "revoking another user's token", send: () => post(`/api/auth/tokens/${adminTokenInfo.token.id}`, {}, auth(bobToken), 'DELETE'), status: 404, code: 'not_found' },
      { name: 'a non-admin lists users', send: () => get('/api/admin/users', auth(bobToken)), status: 403, code: 'forbidden' },
      { name: 'a non-admin creates a user', send: () => post('/api/admin/users', { username: 'mallory', isAdmin: true }, auth(bobToken)), status: 403, code: 'forbidden' },
      { name: 'a non-admin disables the admin', send: () => post(`/api/admin/users/${users.admin.id}`, { disabled: true }, auth(bobToken), 'PATCH'), status: 403, code: 'forbidden' },
      { name: 'a non-admin lists sessions', send: () => get('/api/admin/sessions', auth(bobToken)), status: 403, code: 'forbidden' },
      { name: "a non-admin ends another's session", send: () => post(`/api/admin/sessions/${accounts.sessions.live(users.carol.id)[0]?.handle ?? '0'.repeat(12)}`, {}, auth(bobToken), 'DELETE'), status: 403, code: 'forbidden' },
      { name: 'a non-admin reads the audit trail', send: () => get('/api/admin/audit', auth(bobToken)), status: 403, code: 'forbidden' },
      { name: 'a non-admin exports the audit trail', send: () => get('/api/admin/audit.jsonl', auth(bobToken)), status: 403, code: 'forbidden' },
      { name: 'an editor grants on their own dataset', send: () => post('/api/admin/grants', { dataset: 'a', kind: 'user', principal: users.bob.id, role: 'admin' }, auth(bobToken), 'PUT'), status: 403, code: 'forbidden' },
      { name: "a dataset admin grants on another dataset", send: () => post('/api/admin/grants', { dataset: 'b', kind: 'user', principal: users.alice.id, role: 'admin' }, auth(aliceToken), 'PUT'), status: 403, code: 'forbidden' },
      { name: 'a dataset admin grants everyone on another dataset', send: () => post('/api/admin/grants', { dataset: 'b', kind: 'everyone', principal: '*', role: 'viewer' }, auth(aliceToken), 'PUT'), status: 403, code: 'forbidden' },
      { name: "a user names the owner's name", send: () => post('/api/auth/owner', { name: 'Mallory' }, auth(bobToken), 'PUT'), status: 403, code: 'forbidden' },
      { name: 'a wrong current password', send: () => post('/api/auth/password', { current: 'not it', next: 'y'.repeat(20) }, withBob()), status: 403, code: 'wrong_password' },
      // Oversized and malformed sign-in bodies.
      { name: 'a sign-in body over the size cap', send: () => post('/api/auth/sign-in', { username: 'bob', password: 'x'.repeat(300_000) }), status: 413, code: 'payload_too_large' },
      { name: 'a password over 1024 characters', send: () => post('/api/auth/sign-in', { username: 'bob', password: 'x'.repeat(1025) }), status: 400, code: 'invalid_parameter' },
      { name: 'a username over 200 characters', send: () => post('/api/auth/sign-in', { username: 'b'.repeat(201), password: PASSWORD }), status: 400, code: 'invalid_parameter' },
      { name: 'invalid JSON', send: () => post('/api/auth/sign-in', '{"username": "bob", '), status: 400, code: /invalid_json|bad_request/ },
      { name: 'a JSON array', send: () => post('/api/auth/sign-in', [PASSWORD]), status: 400, code: 'invalid_parameter' },
      { name: 'a JSON string', send: () => post('/api/auth/sign-in', '"bob"'), status: 400, code: /invalid_parameter|invalid_json|bad_request/ },
      { name: 'JSON null', send: () => post('/api/auth/sign-in', 'null'), status: 400, code: /invalid_parameter|invalid_json|bad_request/ },
      { name: 'an extra field', send: () => post('/api/auth/sign-in', { username: 'bob', password: PASSWORD, isAdmin: true }), status: 400, code: 'invalid_parameter' },
      { name: 'no password', send: () => post('/api/auth/sign-in', { username: 'bob' }), status: 400, code: 'invalid_parameter' },
      { name: 'a number for a username', send: () => post('/api/auth/sign-in', { username: 42, password: PASSWORD }), status: 400, code: 'invalid_parameter' },
      { name: 'an object for a password', send: () => post('/api/auth/sign-in', { username: 'bob', password: { $ne: '' } }), status: 400, code: 'invalid_parameter' },
      { name: 'a form-encoded body', send: () => fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `username=bob&password=${encodeURIComponent(PASSWORD)}` }), status: 400, code: 'invalid_parameter' },
      { name: 'SQL in the username', send: () => post('/api/auth/sign-in', { username: "bob' OR '1'='1", password: 'x' }, { 'x-forwarded-for': '10.8.0.1' }), status: 401, code: 'sign_in_failed' },
      { name: 'a NUL in the username', send: () => post('/api/auth/sign-in', { username: 'bob\u0000', password: PASSWORD }, { 'x-forwarded-for': '10.8.0.2' }), status: 401, code: 'sign_in_failed' },
      { name: 'the right password for a disabled user', send: () => post('/api/auth/sign-in', { username: 'dora', password: PASSWORD }, { 'x-forwarded-for': '10.8.0.3' }), status: 401, code: 'sign_in_failed' },
    );
  });

  it('holds at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it('refuses each with its status and code, in the JSON error shape', async () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const res = await c.send();
      const text = await res.text();
      let body: { error?: { code?: unknown; message?: unknown } } = {};
      try {
        body = JSON.parse(text);
      } catch {
        wrong.push(`${c.name}: not JSON (${res.status}) ${text.slice(0, 80)}`);
        continue;
      }
      const code = String(body.error?.code);
      if ((res.status === 401 || res.status === 403) && code !== 'cors_forbidden') guardRefusals += 1;
      const codeOk = typeof c.code === 'string' ? code === c.code : c.code.test(code);
      if (res.status !== c.status || !codeOk || typeof body.error?.message !== 'string') wrong.push(`${c.name}: ${res.status} ${code} (wanted ${c.status} ${c.code})`);
    }
    expect(wrong).toEqual([]);
  });

  it('audits the refusals', () => {
    // Every 401/403 the session guard or a route gives is audited; the rest (400, 404, 413) are answers, not refusals.
    expect(guardRefusals).toBeGreaterThan(40);
    expect(refusedBefore() - refusalsAtStart).toBeGreaterThanOrEqual(guardRefusals);
  });
});

describe('session fixation', () => {
  it('a session id planted before sign-in is never the one after it, and stops working', async () => {
    const planted = accounts.sessions.create(users.carol.id, [], 'attacker').id;
    // The page asks for the session first and sends its CSRF token with the sign-in, as a victim's browser would.
    const { csrfToken } = (await (await get('/api/auth/session', { cookie: `cg_session=${planted}` })).json()) as { csrfToken: string };
    const res = await post('/api/auth/sign-in', { username: 'carol', password: PASSWORD }, { cookie: `cg_session=${planted}`, 'x-csrf-token': csrfToken, 'x-forwarded-for': '10.7.0.1' });
    expect(res.status).toBe(200);
    const issued = /cg_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);
    expect((await get('/api/schema', { cookie: `cg_session=${planted}` })).status).toBe(401);
    expect((await get('/api/schema', { cookie: `cg_session=${issued}` })).status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
  });

  it('marks the cookie Secure when the request came over HTTPS through the trusted proxy', async () => {
    const res = await post('/api/auth/sign-in', { username: 'carol', password: PASSWORD }, { 'x-forwarded-for': '10.7.0.2', 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });
});

describe('brute force', () => {
  it('answers an unknown user and a wrong password alike', async () => {
    const a = await post('/api/auth/sign-in', { username: 'nobody-at-all', password: 'guess' }, { 'x-forwarded-for': '10.6.0.1' });
    const b = await post('/api/auth/sign-in', { username: 'alice', password: 'guess' }, { 'x-forwarded-for': '10.6.0.2' });
    const strip = async (r: Response) => ({ status: r.status, body: { ...((await r.json()) as { error: object }).error, requestId: undefined } });
    expect(await strip(a)).toEqual(await strip(b));
  });

  it('backs off per account: after repeated failures even the right password waits, with Retry-After', async () => {
    for (let i = 0; i < 4; i++) await post('/api/auth/sign-in', { username: 'alice', password: `guess ${i}` }, { 'x-forwarded-for': `10.5.0.${i + 10}` });
    const res = await post('/api/auth/sign-in', { username: 'alice', password: PASSWORD }, { 'x-forwarded-for': '10.5.1.1' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });

  it('backs off per address: one address guessing many accounts waits too', async () => {
    for (let i = 0; i < 5; i++) await post('/api/auth/sign-in', { username: `guess-${i}`, password: 'x' }, { 'x-forwarded-for': '10.4.0.1' });
    const res = await post('/api/auth/sign-in', { username: 'bob', password: PASSWORD }, { 'x-forwarded-for': '10.4.0.1' });
    expect(res.status).toBe(429);
    expect(accounts.audit.read({ limit: 1, action: 'sign-in' })[0]).toMatchObject({ outcome: 'refused', detail: { reason: 'throttled' } });
  });
});

describe('afterwards', () => {
  it('the graph is unchanged', async () => {
    expect(await fingerprint()).toBe(fingerprintBefore);
  });

  it('no secret is in the request log or the audit trail, and the trail only grows', () => {
    const trail = [...accounts.audit.all()];
    const text = logged.join('\n') + '\n' + JSON.stringify(trail);
    const leaked = secrets.filter((s) => s && text.includes(s));
    expect(leaked).toEqual([]);
    const seqs = trail.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(() => accounts.store.exec('DELETE FROM audit')).toThrow(/append-only/);
  });
});
