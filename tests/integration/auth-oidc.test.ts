// OpenID Connect sign-in against a real provider (oidc-provider on loopback, its development sign-in pages driven
// with fetch, following redirects and keeping cookies as a browser does): a new user with the provider's groups,
// roles from grants to those groups (by the page or by OIDC_GROUP_ROLES), and the refusals: a tampered state,
// a replayed callback, a callback in another browser, an expired sign-in, all audited. The sign-in under way is
// kept in the accounts store, so one started on one server process finishes on another.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import Provider, { type Configuration } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../server/accounts/accounts.ts';
import { createApp } from '../../server/app.ts';
import { authConfigFromEnv, type AuthConfig } from '../../server/config.ts';
import { jsonLogger } from '../../server/context.ts';
import { createHttpServer } from '../../server/http/raw-refusals.ts';
import { testDatabase } from '../support/db.ts';

// ---------------------------------------------------------------------------------------------------------------
// A browser, enough of one: a cookie jar (by host and path, not port, as browsers do) and redirects followed.

interface Cookie {
  name: string;
  value: string;
  host: string;
  path: string;
}

class Browser {
  private cookies: Cookie[] = [];

  cookieFor(url: URL): string {
    return this.cookies
      .filter((c) => c.host === url.hostname && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  has(name: string): boolean {
    return this.cookies.some((c) => c.name === name);
  }

  private keep(url: URL, headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const attr = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const cookiePath = attr('path') ?? '/';
      const expires = attr('expires');
      const gone = attr('max-age') === '0' || (expires !== undefined && Date.parse(expires) <= Date.now()) || value === '';
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.host === url.hostname && c.path === cookiePath));
      if (!gone) this.cookies.push({ name, value, host: url.hostname, path: cookiePath });
    }
  }

  /** One request, no redirect followed; cookies sent and kept. */
  async request(url: URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers = new Headers();
    const cookie = this.cookieFor(url);
    if (cookie) headers.set('cookie', cookie);
    let body: string | undefined;
    if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    this.keep(url, response.headers);
    return response;
  }

  /**
   * Follows redirects from `url` until `stop` says so (the URL is answered, not fetched), or a page that is not
   * a redirect comes. Answers that URL or page, and every URL visited.
   */
  async follow(url: URL, stop: (next: URL) => boolean, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ url: URL; page?: Response; visited: URL[] }> {
    const visited: URL[] = [];
    let current = url;
    let response = await this.request(current, init);
    visited.push(current);
    for (let hops = 0; hops < 20; hops++) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, page: response, visited };
      await response.body?.cancel();
      current = new URL(location, current);
      if (stop(current)) return { url: current, visited };
      response = await this.request(current);
      visited.push(current);
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The provider: oidc-provider with its development sign-in pages, one client (this server), and people with groups.

const PEOPLE: Record<string, Record<string, unknown>> = {
  alice: { preferred_username: 'alice', email: 'alice@example.org', name: 'Alice Example', groups: ['team-b', 'staff'] },
  // A groups claim that is not an array of strings: no groups at all.
  bob: { preferred_username: 'bob', email: 'bob@example.org', name: 'Bob Example', groups: 'team-b' },
  // A username already taken locally: the new account gets another.
  carol: { preferred_username: 'alice', email: 'carol@example.org', name: 'Carol Example', groups: ['editors'] },
};

const CLIENT_ID = 'civic-graph';
const CLIENT_SECRET = 'a-client-secret-for-the-test-provider-only';

function providerConfiguration(redirectUri: string): Configuration {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [{ ...key, kid: 'test', use: 'sig', alg: 'RS256' }] as never },
    cookies: { keys: ['cookie-key-for-the-test-provider'] },
    // Profile claims and groups are released under scopes, and (conformIdTokenClaims, the default) only from
    // UserInfo when an access token is issued: the strict reading of the spec, which the client must handle.
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    findAccount: async (_ctx, sub) => {
      const person = PEOPLE[sub];
      if (!person) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...person }) };
    },
  };
}

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, make: (h: RequestListener) => Server = (h) => createServer(h)): Promise<{ server: Server; port: number }> {
  const server = make(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

function close(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

// ---------------------------------------------------------------------------------------------------------------

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

/** Signs `login` in at the provider, from /api/auth/oidc/start on `startAt`, up to the moment the provider sends the browser back. */
async function toCallback(browser: Browser, login: string, startAt = appOrigin): Promise<URL> {
  const atApp = (url: URL) => url.origin === appOrigin || url.origin === startAt;
  let step = await browser.follow(new URL('/api/auth/oidc/start', startAt), atApp);
  // The provider's development pages: a login form, then a consent form, each POSTed to the interaction URL.
  for (let pages = 0; step.page && pages < 4; pages++) {
    const html = await step.page.text();
    expect(step.page.status, html).toBe(200);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt: prompt ?? 'consent' };
    step = await browser.follow(step.url, atApp, { method: 'POST', form });
  }
  expect(step.url.pathname).toBe('/api/auth/oidc/callback');
  return step.url;
}

/** Visits the callback URL (on `origin`, when another process answers it) and answers where our server sent the browser. */
async function visitCallback(browser: Browser, callback: URL, origin = appOrigin): Promise<URL> {
  const at = new URL(callback.pathname + callback.search, origin);
  const response = await browser.request(at);
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '', at);
}

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

  const oidcProvider = new Provider(issuer, providerConfiguration(`${appOrigin}/api/auth/oidc/callback`));
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
    aliceCallback = await toCallback(alice, 'alice');
    expect(alice.has('cg_oidc')).toBe(true);
    expect(aliceCallback.searchParams.get('code')).toBeTruthy();
    const landed = await visitCallback(alice, aliceCallback);
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
    const again = await visitCallback(alice, aliceCallback);
    expect(again.pathname).toBe('/');
    expect(again.searchParams.get('signin_error')).toBe('invalid_state');
    expect(failures(one.accounts, 'invalid_state')).toHaveLength(1);
    const trail = JSON.stringify([...one.accounts.audit.all()]);
    expect(trail).not.toContain(aliceCallback.searchParams.get('code'));
    expect(trail).not.toContain(aliceCallback.searchParams.get('state'));
  });

  it('refuses a tampered state and audits it; the genuine one still works once', async () => {
    const browser = new Browser();
    const callback = await toCallback(browser, 'alice');
    const tampered = new URL(callback);
    const state = callback.searchParams.get('state')!;
    tampered.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
    const refused = await visitCallback(browser, tampered);
    expect(refused.searchParams.get('signin_error')).toBe('invalid_state');
    expect(failures(one.accounts, 'invalid_state')).toHaveLength(2);
    expect(browser.has('cg_session')).toBe(false);
    expect((await visitCallback(browser, callback)).href).toBe(`${appOrigin}/`);
    expect(await session(browser)).toMatchObject({ signedIn: true, user: { username: 'alice-2' } });
  });

  it("refuses a callback in another browser than the one that started (a callback URL handed to someone else)", async () => {
    const attacker = new Browser();
    const callback = await toCallback(attacker, 'alice');
    const victim = new Browser();
    const refused = await visitCallback(victim, callback);
    expect(refused.searchParams.get('signin_error')).toBe('browser_mismatch');
    expect(victim.has('cg_session')).toBe(false);
    expect(failures(one.accounts, 'browser_mismatch')).toHaveLength(1);
  });

  it('refuses a sign-in older than 10 minutes', async () => {
    const browser = new Browser();
    const callback = await toCallback(browser, 'alice');
    one.accounts.store.prepare('UPDATE oidc_transactions SET expires_at = ?').run(Date.now() - 1);
    const refused = await visitCallback(browser, callback);
    expect(refused.searchParams.get('signin_error')).toBe('expired');
    expect(failures(one.accounts, 'expired')).toHaveLength(1);
  });

  it("passes on the provider's refusal", async () => {
    const browser = new Browser();
    const start = await browser.follow(new URL('/api/auth/oidc/start', appOrigin), (url) => url.origin === appOrigin);
    // The development pages' "cancel": the provider answers access_denied.
    const abort = new URL(`${start.url.pathname}/abort`, start.url);
    const back = await browser.follow(abort, (url) => url.origin === appOrigin);
    const refused = await visitCallback(browser, back.url);
    expect(refused.searchParams.get('signin_error')).toBe('provider_error');
    expect(failures(one.accounts, 'provider_error').at(0)?.detail).toMatchObject({ method: 'oidc', error: 'access_denied' });
  });

  it('finishes on another server process a sign-in started on this one; a groups claim that is no array gives no groups', async () => {
    const bob = new Browser();
    const callback = await toCallback(bob, 'bob');
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
    await visitCallback(carol, await toCallback(carol, 'carol'));
    const first = await session(carol);
    expect(first).toMatchObject({ signedIn: true, user: { username: 'alice-3' }, roles: { a: 'editor' } });
    const again = new Browser();
    await visitCallback(again, await toCallback(again, 'carol'));
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
