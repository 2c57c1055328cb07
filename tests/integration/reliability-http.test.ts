// HTTP hardening: security headers and CSP, size limits, rate limits, closed CORS, request ids and
// structured logs, and no stack trace or internal path in any answer to hostile requests.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { LEAK_PATTERN, startCapturedApp, waitFor, type CapturedApp } from '../support/reliability.ts';
import { SecurityConfigError, securityOptionsFromEnv } from '../../server/config.ts';

/** Sends a request exactly as written (fetch would normalise the path and refuse some methods). */
function raw(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer) {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('HTTP hardening', () => {
  const db = testDatabase();
  let app: CapturedApp;

  beforeAll(async () => {
    await resetDatabase(db);
    await db.write(`CREATE (:Entity:Organization {id: 'org/probe', name: 'Probe', aliases: [], searchText: 'Probe'})`);
    app = await startCapturedApp(db);
  });
  afterAll(async () => {
    await app?.close();
    await resetDatabase(db);
    await db.close();
  });

  it('sends security headers and a CSP without inline script on pages, API answers and errors', async () => {
    for (const path of ['/', '/index.html', '/api/health', '/api/nowhere']) {
      const response = await fetch(app.url + path);
      const csp = response.headers.get('content-security-policy') ?? '';
      const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc.split(' ').sort(), path).toEqual(["'self'"]);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('x-powered-by')).toBeNull();
      if (path.startsWith('/api/')) expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('serves a built page with no inline script, so the CSP does not break it', async () => {
    const html = await (await fetch(app.url + '/')).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('refuses a query string over the limit with 414 query_too_long', async () => {
    const response = await fetch(`${app.url}/api/search?q=${'a'.repeat(13 * 1024)}`);
    expect(response.status).toBe(414);
    const body = await response.json();
    expect(body.error.code).toBe('query_too_long');
    expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('refuses a declared body over the limit with 413 before reading it', async () => {
    const response = await raw(app.url, 'POST', '/api/cypher', { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) }, '{"query":');
    expect(response.status).toBe(413);
    expect(JSON.parse(response.text).error.code).toBe('payload_too_large');
  });

  it('refuses a chunked JSON body that grows past the limit with 413', async () => {
    const big = JSON.stringify({ query: 'RETURN 1', params: { pad: 'x'.repeat(400 * 1024) } });
    const response = await raw(app.url, 'POST', '/api/cypher', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, big);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.text).error.code).toBe('payload_too_large');
  });

  it('answers 429 rate_limited with Retry-After once a client spends its search tokens, and other routes keep working', async () => {
    const limited = await startCapturedApp(db, { security: { rateLimits: { '/search': { burst: 5, perSecond: 0.01 }, '/cypher': { burst: 2, perSecond: 0.01 } } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await fetch(`${limited.url}/api/search?q=probe`)).status);
      expect(statuses.slice(0, 5)).not.toContain(429);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      const refused = await fetch(`${limited.url}/api/search?q=probe`);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = await refused.json();
      expect(body.error.code).toBe('rate_limited');
      // The console has its own bucket; health and nodes are not rationed.
      const cypher = [];
      for (let i = 0; i < 3; i++) {
        cypher.push((await fetch(`${limited.url}/api/cypher`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'RETURN 1' }) })).status);
      }
      expect(cypher[2]).toBe(429);
      expect(cypher.slice(0, 2)).not.toContain(429);
      for (let i = 0; i < 10; i++) expect((await fetch(`${limited.url}/api/health`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('keys rate limits on the forwarded client only behind a trusted proxy (TRUST_PROXY)', async () => {
    const rule = { rateLimits: { '/search': { burst: 2, perSecond: 0.01 }, '/cypher': { burst: 2, perSecond: 0.01 } } };
    const search = (url: string, client: string) => fetch(`${url}/api/search?q=probe`, { headers: { 'x-forwarded-for': client } }).then((r) => r.status);
    const direct = await startCapturedApp(db, { security: rule });
    const proxied = await startCapturedApp(db, { security: { ...rule, ...securityOptionsFromEnv([], { TRUST_PROXY: 'loopback' }) , rateLimits: rule.rateLimits } });
    try {
      // Not trusted: a forged header does not buy a fresh bucket.
      expect([await search(direct.url, '198.51.100.1'), await search(direct.url, '198.51.100.2'), await search(direct.url, '198.51.100.3')]).toEqual([200, 200, 429]);
      // Trusted (the proxy is on loopback): each forwarded client has its own bucket.
      expect([await search(proxied.url, '198.51.100.1'), await search(proxied.url, '198.51.100.1'), await search(proxied.url, '198.51.100.1')]).toEqual([200, 200, 429]);
      expect(await search(proxied.url, '198.51.100.2')).toBe(200);
    } finally {
      await direct.close();
      await proxied.close();
    }
    expect(securityOptionsFromEnv([], { TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(securityOptionsFromEnv([], { TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16']);
    expect(securityOptionsFromEnv([], { TRUST_PROXY: 'false' }).trustProxy).toBeUndefined();
    expect(() => securityOptionsFromEnv([], { TRUST_PROXY: 'my-proxy' })).toThrow(/^TRUST_PROXY: .*got 'my-proxy'/);
  });

  it('lets a client in again once its window has passed (BURST per BURST/PER_SECOND seconds)', async () => {
    // 2 requests, 2 a second: a window of one second.
    const quick = await startCapturedApp(db, { security: { rateLimits: { '/search': { burst: 2, perSecond: 2 }, '/cypher': { burst: 2, perSecond: 2 } } } });
    try {
      const search = () => fetch(`${quick.url}/api/search?q=probe`).then((r) => r.status);
      expect([await search(), await search(), await search()]).toEqual([200, 200, 429]);
      await waitFor(async () => (await search()) === 200, 10_000, 250);
    } finally {
      await quick.close();
    }
  });

  it('reads rate limits from the environment and names a bad variable', () => {
    expect(securityOptionsFromEnv([], { RATE_LIMIT: 'off' }).rateLimits).toBe(false);
    expect(securityOptionsFromEnv(['https://a.example'], { RATE_LIMIT_SEARCH: '30/2.5' })).toMatchObject({
      corsOrigins: ['https://a.example'],
      rateLimits: { '/search': { burst: 30, perSecond: 2.5 }, '/cypher': { burst: 60, perSecond: 5 } },
    });
    expect(() => securityOptionsFromEnv([], { RATE_LIMIT_CYPHER: 'lots' })).toThrow(SecurityConfigError);
    expect(() => securityOptionsFromEnv([], { RATE_LIMIT_CYPHER: 'lots' })).toThrow(/^RATE_LIMIT_CYPHER: /);
  });

  it('keeps CORS closed: no allow header for a foreign origin, preflight and writes refused', async () => {
    const evil = 'https://evil.example';
    const get = await fetch(`${app.url}/api/health`, { headers: { origin: evil } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${app.url}/api/cypher`, {
      method: 'OPTIONS',
      headers: { origin: evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight.json()).error.code).toBe('cors_forbidden');
    // A form on a foreign page can post text/plain without a preflight; it is refused too.
    const post = await fetch(`${app.url}/api/cypher`, { method: 'POST', headers: { origin: evil, 'content-type': 'text/plain' }, body: '{"query":"RETURN 1"}' });
    expect(post.status).toBe(403);
    // The page's own origin is not cross-origin.
    const own = await fetch(`${app.url}/api/health`, { headers: { origin: app.url } });
    expect(own.status).toBe(200);
  });

  it('opens CORS to configured origins only', async () => {
    const open = await startCapturedApp(db, { security: { corsOrigins: ['https://friend.example'] } });
    try {
      const friend = await fetch(`${open.url}/api/health`, { headers: { origin: 'https://friend.example' } });
      expect(friend.headers.get('access-control-allow-origin')).toBe('https://friend.example');
      expect(friend.headers.get('vary')).toMatch(/origin/i);
      const preflight = await fetch(`${open.url}/api/cypher`, {
        method: 'OPTIONS',
        headers: { origin: 'https://friend.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
      const stranger = await fetch(`${open.url}/api/health`, { headers: { origin: 'https://stranger.example' } });
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.close();
    }
  });

  it('gives every request an id, echoes a sane incoming one, and logs one structured line without the query string', async () => {
    const mine = await fetch(`${app.url}/api/health`, { headers: { 'x-request-id': 'trace-123' } });
    expect(mine.headers.get('x-request-id')).toBe('trace-123');
    const hostile = await fetch(`${app.url}/api/health`, { headers: { 'x-request-id': '<script>alert(1)</script>' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await fetch(`${app.url}/api/search?q=secret-name`);
    await new Promise((r) => setTimeout(r, 50));
    const line = app.logs.find((l) => l.fields.requestId === 'trace-123');
    expect(line?.message).toBe('request');
    expect(line?.fields).toMatchObject({ method: 'GET', path: '/api/health', status: 200 });
    expect(typeof line?.fields.ms).toBe('number');
    const search = app.logs.find((l) => l.fields.path === '/api/search');
    expect(search).toBeDefined();
    expect(JSON.stringify(app.logs)).not.toContain('secret-name');
  });

  it('answers hostile requests with a JSON error of one shape, never a stack trace or an internal path', async () => {
    const cases: Array<[string, string, Record<string, string>?, string?]> = [
      ['GET', '/api/nodes/%E0%A4%A'],
      ['GET', '/api/nodes/%'],
      ['GET', '/api/nodes/%00'],
      ['GET', '/api/nodes/..%2f..%2f..%2fetc%2fpasswd'],
      ['GET', '/api/../../../../etc/passwd'],
      ['GET', '/..%2f..%2f..%2fetc%2fpasswd'],
      ['GET', '/%2e%2e/%2e%2e/package.json'],
      ['GET', '/api/search?q=%E0%A4%A'],
      ['GET', '/api/search?q=%00%01%02'],
      ['GET', '/api/search?q[$gt]=1'],
      ['GET', '/api/search?q=a&q=b'],
      ['GET', '/api/search?q=' + encodeURIComponent('"\\'.repeat(90))],
      ['GET', '/api/search?q=' + encodeURIComponent('*:* OR name:/.*/ AND ~~~ ^^^ [a TO z}')],
      ['GET', '/api/search?limit=-1&q=x'],
      ['GET', '/api/search?limit=1e309&q=x'],
      ['GET', '/api/nodes/org%2Fprobe/neighbors?limit=99999999999999999999'],
      ['GET', '/api/nodes/' + encodeURIComponent("' OR 1=1 //")],
      ['GET', '/api/paths?from=org%2Fprobe&to=org%2Fprobe&maxLength=NaN'],
      ['GET', '/api/timeline?from=2023-02-30'],
      ['GET', '/api/timeline?from=99999-01-01'],
      ['GET', '/api/export?ids=&format=exe'],
      ['POST', '/api/cypher', { 'content-type': 'application/json' }, '{"query": '],
      ['POST', '/api/cypher', { 'content-type': 'application/json' }, '{"__proto__": {"admin": true}, "query": "RETURN 1"}'],
      ['POST', '/api/cypher', { 'content-type': 'application/json' }, '['.repeat(5000) + ']'.repeat(5000)],
      ['POST', '/api/cypher', { 'content-type': 'application/json' }, '"just a string"'],
      ['POST', '/api/cypher', { 'content-type': 'application/json' }, '{"query": 42}'],
      ['POST', '/api/cypher', { 'content-type': 'application/json' }, '{"query": "RETURN $x", "params": {"x": {"__proto__": 1}}}'],
      ['POST', '/api/cypher', { 'content-type': 'application/json' }, '{"query": "CALL dbms.listConfig() YIELD name, value RETURN name, value"}'],
      ['POST', '/api/cypher', { 'content-type': 'application/json' }, '{"query": "RETURN 1/0"}'],
      ['POST', '/api/cypher', { 'content-type': 'application/json' }, '{"query": "MATCH (n) RETURN n.x.y.z["}'],
      ['POST', '/api/cypher', { 'content-type': 'application/json; charset=latin1' }, '{"query": "RETURN 1"}'],
      ['POST', '/api/cypher', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, '{"query": "RETURN 1"}'],
      ['POST', '/api/cypher', { 'content-type': 'application/xml' }, '<query>RETURN 1</query>'],
      ['POST', '/api/cypher', { 'content-type': 'application/json' }, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('latin1')],
      ['PUT', '/api/nodes/org%2Fprobe'],
      ['DELETE', '/api/nodes/org%2Fprobe'],
      ['TRACE', '/api/health'],
      ['PATCH', '/api/cypher', { 'content-type': 'application/json' }, '{}'],
    ];
    const failures: string[] = [];
    for (const [method, path, headers, body] of cases) {
      const response = await raw(app.url, method, path, headers, body);
      const where = `${method} ${path.slice(0, 60)} -> ${response.status}`;
      if (response.status >= 500 && response.status !== 503) failures.push(`${where}: server error ${response.text.slice(0, 200)}`);
      if (LEAK_PATTERN.test(response.text)) failures.push(`${where}: leaks internals: ${response.text.slice(0, 300)}`);
      if (response.status >= 400 && path.startsWith('/api/') && !path.startsWith('/api/..') && method !== 'HEAD') {
        let parsed: { error?: { code?: unknown; message?: unknown } } | undefined;
        try {
          parsed = JSON.parse(response.text);
        } catch {
          failures.push(`${where}: not JSON: ${response.text.slice(0, 100)}`);
        }
        if (parsed && (typeof parsed.error?.code !== 'string' || typeof parsed.error?.message !== 'string')) failures.push(`${where}: not the error shape`);
      }
      if (response.status === 200 && /passwd|"name":\s*"civic-graph"/.test(response.text)) failures.push(`${where}: served a file outside the client`);
    }
    expect(failures).toEqual([]);
    // The log, unlike the answers, may hold detail; but no request went unlogged or crashed the app.
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });
});
