// A server that knows its name and its callers: Host check (DNS rebinding), personal tokens in team mode, JSON for what Node refuses itself, no open server on the network.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenLocal } from '../../bench/lib/net.ts';
import { createApp, type AppOptions } from '../../server/app.ts';
import { jsonLogger } from '../../server/context.ts';
import { projectRoot } from '../../db/config.ts';
import { authConfigFromEnv, checkListenAddress, securityOptionsFromEnv, SecurityConfigError } from '../../server/config.ts';
import { Accounts } from '../../server/accounts/accounts.ts';
import type { AppContext } from '../../server/context.ts';
import { createHttpServer } from '../../server/http/raw-refusals.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';


interface Running {
  port: number;
  close(): Promise<void>;
}

/** The app behind the same HTTP server main.ts creates, so Node's own refusals are part of the test. */
async function serve(options: AppOptions, context: Partial<AppContext> = {}): Promise<Running> {
  const app = createApp({ db, log: jsonLogger(process.stderr, true), ...context }, { clientDir: path.join(projectRoot, 'dist/client'), ...options });
  const local = await listenLocal(createHttpServer(app));
  return { port: Number(new URL(local.url).port), close: local.close };
}

/** Writes `request` as raw bytes and reads the whole answer (the server closes or the answer is complete). */
function rawExchange(port: number, request: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body: rest.join('\r\n\r\n') });
    });
    socket.write(request, 'latin1');
    // Every request here asks for Connection: close or is refused with it; this only unblocks a server that waits.
    setTimeout(() => socket.end(), 10_000).unref();
  });
}

function errorCode(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

const db = testDatabase();

describe('Host check (DNS rebinding)', () => {
  let plain: Running;
  let deployed: Running;

  beforeAll(async () => {
    await resetDatabase(db);
    plain = await serve({});
    deployed = await serve({ security: securityOptionsFromEnv([], { PUBLIC_HOSTNAMES: 'graph.example.org' }) });
  });
  afterAll(async () => {
    await plain?.close();
    await deployed?.close();
  });

  const get = (port: number, host: string | undefined, target = '/api/health', version = '1.1') =>
    rawExchange(port, `GET ${target} HTTP/${version}\r\n${host === undefined ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`);

  it('answers the loopback names with any port', async () => {
    for (const host of ['localhost', `localhost:${plain.port}`, '127.0.0.1', `127.0.0.1:${plain.port}`, `[::1]:${plain.port}`, 'LOCALHOST', 'localhost.']) {
      const answer = await get(plain.port, host);
      expect(answer.status, `${host}: ${answer.body.slice(0, 200)}`).toBe(200);
    }
  });

  it('refuses any other Host, on the API and the page, in the one JSON error shape', async () => {
    const hostile = [
      'evil.example',
      `evil.example:${plain.port}`,
      'rebind.127.0.0.1.nip.io',
      'localhost.evil.example',
      '127.0.0.2',
      '0.0.0.0',
      '[::ffff:127.0.0.1]',
      'localhost:80:80',
      'user@localhost',
      '',
      'graph.example.org',
    ];
    for (const host of hostile) {
      for (const target of ['/api/health', '/api/cypher', '/']) {
        const answer = await get(plain.port, host, target);
        expect({ host, target, status: answer.status }).toEqual({ host, target, status: host === '' ? 400 : 421 });
        expect(errorCode(answer.body), `${host} ${target}`).toBe(host === '' ? 'missing_host' : 'unknown_host');
        expect(answer.headers).toMatch(/content-type: application\/json/i);
      }
    }
  });

  it('refuses a request without a Host header in JSON too (HTTP/1.0 and 1.1)', async () => {
    for (const version of ['1.0', '1.1']) {
      const answer = await get(plain.port, undefined, '/api/health', version);
      expect(answer.status, version).toBe(400);
      expect(errorCode(answer.body)).toBe('missing_host');
    }
  });

  it('answers PUBLIC_HOSTNAMES when deployed, and still nothing else', async () => {
    expect((await get(deployed.port, 'graph.example.org')).status).toBe(200);
    expect((await get(deployed.port, 'GRAPH.example.org:443')).status).toBe(200);
    expect((await get(deployed.port, 'localhost')).status).toBe(200);
    expect((await get(deployed.port, 'evil.example.org')).status).toBe(421);
    expect((await get(deployed.port, 'graph.example.org.evil.example')).status).toBe(421);
    expect(() => securityOptionsFromEnv([], { PUBLIC_HOSTNAMES: 'https://graph.example.org' })).toThrow(/^PUBLIC_HOSTNAMES: /);
  });
});

describe('personal tokens (team mode, which replaced API_TOKEN)', () => {
  let server: Running;
  let TOKEN = '';
  const url = () => `http://127.0.0.1:${server.port}`;
  const accounts = Accounts.open(':memory:', { sessionLifetimeMs: 60_000 });

  beforeAll(async () => {
    const owner = accounts.users.create({ username: 'script-owner', isAdmin: true });
    TOKEN = accounts.tokens.create(owner.id, 'tests', new Date(Date.now() + 3_600_000)).secret;
    server = await serve({ security: { rateLimits: false } }, { accounts, auth: { mode: 'accounts', sessionHours: 1, cookieSecure: 'auto', auditReads: [] } });
  });
  afterAll(async () => server?.close());

  it('refuses every API request but health without the bearer token, or with a wrong one, with 401', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: '' },
      { authorization: TOKEN },
      { authorization: `Basic ${Buffer.from(`neo4j:${TOKEN}`).toString('base64')}` },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN} ${TOKEN}` },
      { authorization: 'Bearer' },
      { 'x-api-token': TOKEN },
    ];
    for (const headers of attempts) {
      // A bearer that is presented but wrong is refused even on health: a script learns at once that its token is dead.
      const presented = /^Bearer[ \t]+\S+[ \t]*$/i.test(headers.authorization ?? '');
      for (const [method, target] of [['GET', '/api/health'], ['GET', '/api/schema'], ['POST', '/api/cypher'], ['GET', '/api/nowhere']] as const) {
        const response = await fetch(url() + target, {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          ...(method === 'POST' ? { body: JSON.stringify({ query: 'RETURN 1' }) } : {}),
        });
        if (target === '/api/health' && !presented) {
          expect({ headers, target, status: response.status }).toEqual({ headers, target, status: 200 });
          continue;
        }
        expect({ headers, target, status: response.status }).toEqual({ headers, target, status: 401 });
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(['unauthorized', 'invalid_token']).toContain((await response.json()).error.code);
      }
    }
  });

  it('lets the token in, whatever the case of "Bearer"', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const response = await fetch(`${url()}/api/schema`, { headers: { authorization: `${scheme} ${TOKEN}` } });
      expect(response.status, scheme).toBe(200);
    }
    const console_ = await fetch(`${url()}/api/cypher`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'RETURN 1 AS one' }),
    });
    expect(console_.status).toBe(200);
  });

  it('serves the page without the token, so that it can offer sign-in', async () => {
    const page = await fetch(`${url()}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<kg-app>');
  });

  it('refuses API_TOKEN at start, naming the move to personal tokens', () => {
    expect(() => authConfigFromEnv({ API_TOKEN: 'a-long-enough-old-shared-token' }, '/tmp')).toThrow(/^API_TOKEN: is replaced by personal tokens/);
    expect(() => authConfigFromEnv({ AUTH: 'teams' }, '/tmp')).toThrow(SecurityConfigError);
  });
});

describe("Node's own refusals, in the one JSON error shape", () => {
  let server: Running;
  beforeAll(async () => {
    server = await serve({});
  });
  afterAll(async () => server?.close());

  const cases: Array<[string, string, number, string]> = [
    ['oversized headers', `GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
    ['an oversized request line', `GET /api/search?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`, 431, 'headers_too_large'],
    ['a garbage request line', 'GARBAGE\r\n\r\n', 400, 'malformed_request'],
    ['an unknown HTTP version', 'GET /api/health HTTP/9.9\r\nHost: localhost\r\n\r\n', 400, 'malformed_request'],
    ['a control character in a header', 'GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Evil: a\u0001b\r\n\r\n', 400, 'malformed_request'],
    ['a header without a colon', 'GET /api/health HTTP/1.1\r\nHost: localhost\r\nNoColonHere\r\n\r\n', 400, 'malformed_request'],
    ['a bad Content-Length', 'POST /api/cypher HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n', 400, 'malformed_request'],
    ['two Content-Lengths and chunked', 'POST /api/cypher HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400, 'malformed_request'],
    ['a bad chunk size', 'POST /api/cypher HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n', 400, 'malformed_request'],
    ['an unmet Expect', 'GET /api/health HTTP/1.1\r\nHost: localhost\r\nExpect: the-impossible\r\n\r\n', 417, 'expectation_failed'],
  ];

  it.each(cases)('answers %s in JSON', async (_name, request, status, code) => {
    const answer = await rawExchange(server.port, request);
    expect(answer.status).toBe(status);
    expect(answer.headers).toMatch(/content-type: application\/json/i);
    expect(errorCode(answer.body)).toBe(code);
  });

  it('keeps serving afterwards', async () => {
    expect((await fetch(`http://127.0.0.1:${server.port}/api/health`)).status).toBe(200);
  });
});

describe('no open server on the network', () => {
  it('refuses a non-loopback HOST outside team mode', () => {
    for (const host of ['127.0.0.1', '127.0.0.5', 'localhost', '::1', '[::1]']) expect(() => checkListenAddress(host, 'owner')).not.toThrow();
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'graph.example.org']) {
      expect(() => checkListenAddress(host, 'owner'), host).toThrow(/^HOST: /);
      expect(() => checkListenAddress(host, 'accounts')).not.toThrow();
    }
  });

  it('the real server stops at start with a one-line error', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: projectRoot,
      env: { ...process.env, HOST: '0.0.0.0', PORT: '0', API_TOKEN: '', AUTH: '', NEO4J_URI: 'bolt://127.0.0.1:9' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toEqual([expect.stringMatching(/^error: HOST: 0\.0\.0\.0 is reachable from other machines; set AUTH=accounts/)]);
  });
});
