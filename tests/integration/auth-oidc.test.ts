// OpenID Connect sign-in against a real provider (oidc-provider on loopback, its development sign-in pages driven
// with fetch, following redirects and keeping cookies as a browser does): a new user with the provider's groups,
// roles from grants to those groups (by the page or by OIDC_GROUP_ROLES), and the refusals: a tampered state,
// a replayed callback, a callback in another browser, an expired sign-in, all audited. The sign-in under way is
// kept in the accounts store, so one started on one server process finishes on another.
import { mkdtempSync, rmSync } from 'node:fs';
import type { RequestListener, Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../server/accounts/accounts.ts';
import { createApp } from '../../server/app.ts';
import { authConfigFromEnv, type AuthConfig } from '../../server/config.ts';
import { jsonLogger } from '../../server/context.ts';
import { createHttpServer } from '../../server/http/raw-refusals.ts';
import { testDatabase } from '../support/db.ts';
import { Browser, CLIENT_ID, CLIENT_SECRET, close, listen, providerConfiguration, toCallback, visitCallback } from '../support/oidc.ts';

// The provider's people.
const PEOPLE: Record<string, Record<string, unknown>> = {
  alice: { preferred_username: 'alice', email: 'alice@example.org', name: 'Alice Example', groups: ['team-b', 'staff'] },
  // A groups claim that is not an array of strings: no groups at all.
  bob: { preferred_username: 'bob', email: 'bob@example.org', name: 'Bob Example', groups: 'team-b' },
  // A username already taken locally: the new account gets another.
  carol: { preferred_username: 'alice', email: 'carol@example.org', name: 'Carol Example', groups: ['editors'] },
};

const db = testDatabase();
const dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-oidc-'));
const storeFile = path.join(dir, 'accounts.sqlite');
const log = jsonLogger(process.stderr, true);

let provider: { server: Server; port: number };
// Two server processes on one accounts store (two handles on the file): `one` is where the provider sends
// browsers back; `two` stands for another process behind the same address, or this one after a restart.
let one: { server: Server; port: number; accounts: Accounts };
let two: { server: Server; port: number; accounts: Accounts };
let auth: AuthConfig;
let issuer: string;
let appOrigin: string;

async function session(browser: Browser, origin = appOrigin) {
  const url = new URL('/api/auth/session', origin);
  const response = await fetch(url, { headers: { cookie: browser.cookieFor(url) } });
  expect(response.status).toBe(200);
  return (await response.json()) as { signedIn: boolean; user?: { id: string; username: string; displayName: string }; roles: Record<string, string> | 'all' };
}

function failures(accounts: Accounts, reason: string) {
  return accounts.audit.read({ limit: 100, action: 'sign-in' }).filter((e) => e.outcome === 'failed' && e.detail?.reason === reason);
}

beforeAll(async () => {
  // Both ports first: the provider's client names our callback, and our configuration names the provider.
  let providerHandler: RequestListener = (_req, res) => res.end();
  let oneHandler: RequestListener = (_req, res) => res.end();
  let twoHandler: RequestListener = (_req, res) => res.end();
  provider = await listen((req, res) => providerHandler(req, res));
  const oneServer = await listen((req, res) => oneHandler(req, res), createHttpServer);
  const twoServer = await listen((req, res) => twoHandler(req, res), createHttpServer);
  issuer = `http://127.0.0.1:${provider.port}`;
  appOrigin = `http://127.0.0.1:${oneServer.port}`;

  const oidcProvider = new Provider(issuer, providerConfiguration(`${appOrigin}/api/auth/oidc/callback`, PEOPLE));
  providerHandler = oidcProvider.callback() as RequestListener;

  // The configuration as the server reads it from its environment.
  auth = authConfigFromEnv(
    {
      AUTH: 'accounts',
      ACCOUNTS_DB: storeFile,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URI: `${appOrigin}/api/auth/oidc/callback`,
      OIDC_SCOPES: 'openid profile email groups',
      OIDC_NAME: 'Test provider',
      OIDC_GROUP_ROLES: 'editors:a:editor,staff:c:viewer',
    },
    dir,
  );
  const open = () => Accounts.open(auth.storeFile, { sessionLifetimeMs: auth.sessionHours * 3_600_000 });
  const accountsOne = open();
  const accountsTwo = open();
  // A local account holds the name 'alice' before Carol's provider account calls itself that.
  accountsOne.users.create({ username: 'alice', displayName: 'Local Alice' });
  oneHandler = createApp({ db, log, accounts: accountsOne, auth }) as unknown as RequestListener;
  twoHandler = createApp({ db, log, accounts: accountsTwo, auth }) as unknown as RequestListener;
  one = { ...oneServer, accounts: accountsOne };
  two = { ...twoServer, accounts: accountsTwo };
});

afterAll(async () => {
  await close(one?.server);
  await close(two?.server);
  await close(provider?.server);
  one?.accounts.close();
  two?.accounts.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('OpenID Connect sign-in against a real provider', () => {
  let alice: Browser;
  let aliceCallback: URL;

  it('signs a new user in with the groups the provider names, and sends the browser to the page', async () => {
    alice = new Browser();
    aliceCallback = await toCallback(alice, 'alice', appOrigin);
    expect(alice.has('cg_oidc')).toBe(true);
    expect(aliceCallback.searchParams.get('code')).toBeTruthy();
    const landed = await visitCallback(alice, aliceCallback, appOrigin);
    expect(landed.href).toBe(`${appOrigin}/`);
    expect(alice.has('cg_session')).toBe(true);

    const signedIn = await session(alice);
    // 'alice' was taken by a local account before: the provider's alice is a user of her own.
    expect(signedIn).toMatchObject({ signedIn: true, user: { username: 'alice-2', displayName: 'Alice Example' } });
    const user = one.accounts.users.byId(signedIn.user!.id)!;
    expect(user.oidc).toEqual({ issuer, subject: 'alice' });
    const principal = one.accounts.fromSession(alice.cookieFor(new URL(appOrigin)).match(/cg_session=([\w-]+)/)![1]!);
    expect(principal).toMatchObject({ kind: 'user', groups: ['team-b', 'staff'] });
    // OIDC_GROUP_ROLES granted staff viewer on c at start.
    expect(signedIn.roles).toEqual({ c: 'viewer' });
    expect(one.accounts.audit.read({ limit: 5, action: 'sign-in' })[0]).toMatchObject({ actor: user.id, outcome: 'ok', detail: { method: 'oidc', groups: ['team-b', 'staff'] } });
  });

  it("gives the provider's groups the roles granted to them", async () => {
    one.accounts.grants.grant('b', 'group', 'team-b', 'viewer', 'test');
    const signedIn = await session(alice);
    expect(signedIn.roles).toEqual({ b: 'viewer', c: 'viewer' });
  });

  it('refuses a replayed callback, and audits it without the code', async () => {
    const again = await visitCallback(alice, aliceCallback, appOrigin);
    expect(again.pathname).toBe('/');
    expect(again.searchParams.get('signin_error')).toBe('invalid_state');
    expect(failures(one.accounts, 'invalid_state')).toHaveLength(1);
    const trail = JSON.stringify([...one.accounts.audit.all()]);
    expect(trail).not.toContain(aliceCallback.searchParams.get('code'));
    expect(trail).not.toContain(aliceCallback.searchParams.get('state'));
  });

  it('refuses a tampered state and audits it; the genuine one still works once', async () => {
    const browser = new Browser();
    const callback = await toCallback(browser, 'alice', appOrigin);
    const tampered = new URL(callback);
    const state = callback.searchParams.get('state')!;
    tampered.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
    const refused = await visitCallback(browser, tampered, appOrigin);
    expect(refused.searchParams.get('signin_error')).toBe('invalid_state');
    expect(failures(one.accounts, 'invalid_state')).toHaveLength(2);
    expect(browser.has('cg_session')).toBe(false);
    expect((await visitCallback(browser, callback, appOrigin)).href).toBe(`${appOrigin}/`);
    expect(await session(browser)).toMatchObject({ signedIn: true, user: { username: 'alice-2' } });
  });

  it("refuses a callback in another browser than the one that started (a callback URL handed to someone else)", async () => {
    const attacker = new Browser();
    const callback = await toCallback(attacker, 'alice', appOrigin);
    const victim = new Browser();
    const refused = await visitCallback(victim, callback, appOrigin);
    expect(refused.searchParams.get('signin_error')).toBe('browser_mismatch');
    expect(victim.has('cg_session')).toBe(false);
    expect(failures(one.accounts, 'browser_mismatch')).toHaveLength(1);
  });

  it('refuses a sign-in older than 10 minutes', async () => {
    const browser = new Browser();
    const callback = await toCallback(browser, 'alice', appOrigin);
    one.accounts.store.prepare('UPDATE oidc_transactions SET expires_at = ?').run(Date.now() - 1);
    const refused = await visitCallback(browser, callback, appOrigin);
    expect(refused.searchParams.get('signin_error')).toBe('expired');
    expect(failures(one.accounts, 'expired')).toHaveLength(1);
  });

  it("passes on the provider's refusal", async () => {
    const browser = new Browser();
    const start = await browser.follow(new URL('/api/auth/oidc/start', appOrigin), (url) => url.origin === appOrigin);
    // The development pages' "cancel": the provider answers access_denied.
    const abort = new URL(`${start.url.pathname}/abort`, start.url);
    const back = await browser.follow(abort, (url) => url.origin === appOrigin);
    const refused = await visitCallback(browser, back.url, appOrigin);
    expect(refused.searchParams.get('signin_error')).toBe('provider_error');
    expect(failures(one.accounts, 'provider_error').at(0)?.detail).toMatchObject({ method: 'oidc', error: 'access_denied' });
  });

  it('finishes on another server process a sign-in started on this one; a groups claim that is no array gives no groups', async () => {
    const bob = new Browser();
    const callback = await toCallback(bob, 'bob', appOrigin);
    // The provider sends the browser to the public address; the other process answers it.
    const landed = await visitCallback(bob, callback, `http://127.0.0.1:${two.port}`);
    expect(landed.pathname).toBe('/');
    expect(landed.search).toBe('');
    const signedIn = await session(bob, `http://127.0.0.1:${two.port}`);
    expect(signedIn).toMatchObject({ signedIn: true, user: { username: 'bob' }, roles: {} });
    // And the session works on the first process too.
    expect(await session(bob)).toMatchObject({ signedIn: true, user: { username: 'bob' } });
  });

  it('signs a returning user in as the same user, and grants OIDC_GROUP_ROLES to the groups', async () => {
    const carol = new Browser();
    await visitCallback(carol, await toCallback(carol, 'carol', appOrigin), appOrigin);
    const first = await session(carol);
    expect(first).toMatchObject({ signedIn: true, user: { username: 'alice-3' }, roles: { a: 'editor' } });
    const again = new Browser();
    await visitCallback(again, await toCallback(again, 'carol', appOrigin), appOrigin);
    expect((await session(again)).user?.id).toBe(first.user?.id);
    expect(one.accounts.grants.list('a')).toEqual([expect.objectContaining({ kind: 'group', principal: 'editors', role: 'editor', grantedBy: 'configuration' })]);
  });

  it('lists both endpoints in a valid OpenAPI document, as redirects', async () => {
    const doc = (await (await fetch(`${appOrigin}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(doc.paths['/api/auth/oidc/start']!.get!.responses)).toContain('302');
    expect(Object.keys(doc.paths['/api/auth/oidc/callback']!.get!.responses)).toContain('302');
    const result = await new Validator().validate(structuredClone(doc) as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
  });
});

describe('without OpenID Connect configured', () => {
  it('answers 404 oidc_not_configured', async () => {
    const accounts = Accounts.open(':memory:', { sessionLifetimeMs: 60_000 });
    const app = await listen(createApp({ db, log, accounts, auth: { mode: 'accounts', sessionHours: 1, cookieSecure: 'auto', auditReads: [] } }) as unknown as RequestListener, createHttpServer);
    try {
      const response = await fetch(`http://127.0.0.1:${app.port}/api/auth/oidc/start`, { redirect: 'manual' });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('oidc_not_configured');
    } finally {
      await close(app.server);
      accounts.close();
    }
  });
});
