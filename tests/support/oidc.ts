// OpenID Connect test support: a real provider's configuration (oidc-provider, its development sign-in pages), enough
// of a browser (cookies by host and path, redirects followed) and the steps of a sign-in driven with fetch.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Configuration } from 'oidc-provider';
import { expect } from 'vitest';

// ---------------------------------------------------------------------------------------------------------------
// A browser, enough of one: a cookie jar (by host and path, not port, as browsers do) and redirects followed.

interface Cookie {
  name: string;
  value: string;
  host: string;
  path: string;
}

export class Browser {
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

export const CLIENT_ID = 'civic-graph';
export const CLIENT_SECRET = 'a-client-secret-for-the-test-provider-only';

/** The provider's configuration: one client (our server, called back at `redirectUri`) and `people` by subject, with their claims. */
export function providerConfiguration(redirectUri: string, people: Record<string, Record<string, unknown>>): Configuration {
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
      const person = people[sub];
      if (!person) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...person }) };
    },
  };
}

export function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, make: (h: RequestListener) => Server = (h) => createServer(h)): Promise<{ server: Server; port: number }> {
  const server = make(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

export function close(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Signs `login` in at the provider, from /api/auth/oidc/start on `startAt` (the app at `appOrigin` or another process), up to the moment the provider sends the browser back. */
export async function toCallback(browser: Browser, login: string, appOrigin: string, startAt = appOrigin): Promise<URL> {
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
export async function visitCallback(browser: Browser, callback: URL, origin: string): Promise<URL> {
  const at = new URL(callback.pathname + callback.search, origin);
  const response = await browser.request(at);
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '', at);
}

