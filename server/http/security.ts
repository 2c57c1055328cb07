// HTTP hardening: the Host check, the API token, security headers (helmet) with a strict CSP, size limits, rate limits (express-rate-limit), closed CORS, JSON for Node's own refusals.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, STATUS_CODES, type RequestListener, type Server } from 'node:http';
import { isIP, type Socket } from 'node:net';
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { ForbiddenError, InvalidError, RateLimitedError, TooLargeError, UnauthenticatedError } from '../../model/index.ts';
import { errorBody, HttpRefusal, sendError } from './errors.ts';

/**
 * BURST requests, then PER_SECOND on average: express-rate-limit counts BURST requests in a window
 * of BURST / PER_SECOND seconds (a fixed window, so at a window's edge up to twice BURST may pass).
 */
export interface BucketRule {
  burst: number;
  perSecond: number;
}

export interface SecurityOptions {
  /** Origins allowed to call the API from a browser; empty keeps CORS closed. '*' allows any. */
  corsOrigins: readonly string[];
  /** Largest request body accepted, in bytes (JSON bodies are also capped by the parser). */
  maxBodyBytes: number;
  /** Largest query string accepted, in bytes (the part after '?'). */
  maxQueryBytes: number;
  /** Rate limits per client address, by API path prefix (under /api); false turns them off. */
  rateLimits: Readonly<Record<string, BucketRule>> | false;
  /**
   * Which proxies in front may name the client in X-Forwarded-For (Express' 'trust proxy': a hop
   * count, or addresses, subnets and 'loopback' / 'linklocal' / 'uniquelocal'). Off by default: a
   * client could otherwise forge the header to dodge its rate limit.
   */
  trustProxy?: number | string[];
  /**
   * Host names the server answers for besides the loopback names (localhost, 127.0.0.1, [::1]),
   * lower case, any port (PUBLIC_HOSTNAMES). A request naming another Host is refused, which is
   * what stops a DNS-rebinding page from talking to a server on loopback.
   */
  publicHostnames: readonly string[];
  /** When set, every /api request must carry `Authorization: Bearer <apiToken>` (API_TOKEN). */
  apiToken?: string;
}

/** The API paths whose work is expensive enough to ration (search while typing, the console). */
export const RATE_LIMITED_PATHS = ['/search', '/cypher'] as const;

export const DEFAULT_SECURITY: SecurityOptions = {
  corsOrigins: [],
  publicHostnames: [],
  maxBodyBytes: 256 * 1024,
  // Below Node's 16 KiB header cap, so an over-long query gets this JSON answer rather than a bare 431.
  maxQueryBytes: 12 * 1024,
  rateLimits: {
    // Search-as-you-type sends a request per keystroke; a person never sustains 10 a second.
    '/search': { burst: 120, perSecond: 10 },
    // Console queries can hold Neo4j for seconds each; a burst allows a quick edit-run loop.
    '/cypher': { burst: 60, perSecond: 5 },
  },
};

/** The error statuses every API endpoint may answer because of this module, for the OpenAPI document. */
export function hardeningStatuses(apiPath: string, method: string): number[] {
  // 421: a Host the server does not answer for; 401: no or a wrong token (when API_TOKEN is set).
  const statuses = [401, 414, 421];
  if (method.toLowerCase() === 'post') statuses.push(413);
  if ((RATE_LIMITED_PATHS as readonly string[]).includes(apiPath)) statuses.push(429);
  return statuses;
}

/** A limit could not be read from the environment; the message names the variable. */
export class SecurityConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecurityConfigError';
  }
}

function parseRule(name: string, raw: string): BucketRule {
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(raw.trim());
  if (!match || Number(match[1]) < 1 || Number(match[2]) <= 0) {
    throw new SecurityConfigError(`${name}: must be BURST/PER_SECOND such as 120/10, or 'off'; got '${raw}'`);
  }
  return { burst: Number(match[1]), perSecond: Number(match[2]) };
}

/** The shortest API_TOKEN accepted: a guessable token is no lock. */
export const MIN_TOKEN_LENGTH = 16;

function parseHostnames(raw: string | undefined): string[] {
  const names = (raw ?? '').split(',').map((name) => name.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean);
  const bad = names.find((name) => !/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/.test(name) && !isIP(name.replace(/^\[|\]$/g, '')));
  if (bad !== undefined) throw new SecurityConfigError(`PUBLIC_HOSTNAMES: must be host names without scheme or port, such as graph.example.org; got '${bad}'`);
  return names.map((name) => (isIP(name) === 6 && !name.startsWith('[') ? `[${name}]` : name));
}

function parseToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < MIN_TOKEN_LENGTH || /[\s\u0000-\u001f\u007f]/.test(raw)) {
    throw new SecurityConfigError(`API_TOKEN: must be at least ${MIN_TOKEN_LENGTH} characters without spaces or control characters (e.g. openssl rand -hex 32)`);
  }
  return raw;
}

/**
 * Reads the limits from the environment: RATE_LIMIT=off turns rate limits off (load tests);
 * RATE_LIMIT_SEARCH and RATE_LIMIT_CYPHER set BURST/PER_SECOND; PUBLIC_HOSTNAMES and API_TOKEN;
 * CORS origins come from config.
 */
export function securityOptionsFromEnv(corsOrigins: readonly string[], env: NodeJS.ProcessEnv = process.env): SecurityOptions {
  let rateLimits: SecurityOptions['rateLimits'] = DEFAULT_SECURITY.rateLimits;
  if (env.RATE_LIMIT === 'off') {
    rateLimits = false;
  } else if (rateLimits) {
    rateLimits = {
      '/search': env.RATE_LIMIT_SEARCH ? parseRule('RATE_LIMIT_SEARCH', env.RATE_LIMIT_SEARCH) : rateLimits['/search']!,
      '/cypher': env.RATE_LIMIT_CYPHER ? parseRule('RATE_LIMIT_CYPHER', env.RATE_LIMIT_CYPHER) : rateLimits['/cypher']!,
    };
  }
  const trustProxy = env.TRUST_PROXY ? parseTrustProxy(env.TRUST_PROXY) : undefined;
  const apiToken = parseToken(env.API_TOKEN);
  return {
    ...DEFAULT_SECURITY,
    corsOrigins,
    rateLimits,
    publicHostnames: parseHostnames(env.PUBLIC_HOSTNAMES),
    ...(apiToken !== undefined ? { apiToken } : {}),
    ...(trustProxy !== undefined ? { trustProxy } : {}),
  };
}

/** TRUST_PROXY: 'false', a hop count (1 = the one proxy in front), or a comma-separated list of addresses, subnets and Express' names. */
function parseTrustProxy(raw: string): number | string[] | undefined {
  const value = raw.trim();
  if (value === '' || value === 'false' || value === '0') return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  const bad = items.find((item) => {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return false;
    const [address, bits, ...rest] = item.split('/');
    return rest.length > 0 || !isIP(address ?? '') || (bits !== undefined && !/^\d{1,3}$/.test(bits));
  });
  if (bad !== undefined || !items.length) {
    throw new SecurityConfigError(`TRUST_PROXY: must be a hop count such as 1, or addresses and subnets such as 10.0.0.1,10.1.0.0/16 or loopback; got '${bad ?? raw}'`);
  }
  return items;
}

/** Names of this machine's loopback interface, as a Host header may carry them. */
const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Is this listening address (HOST) one that only this machine can reach? */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || (isIP(name) === 4 && name.startsWith('127.'));
}

/**
 * Listening where other machines can connect, without a token, is refused unless the operator
 * says ALLOW_ANONYMOUS=true: the graph and its console would be open to the whole network.
 */
export function checkListenAddress(host: string, options: Pick<SecurityOptions, 'apiToken'>, env: NodeJS.ProcessEnv = process.env): void {
  if (isLoopbackHost(host) || options.apiToken !== undefined || env.ALLOW_ANONYMOUS === 'true') return;
  throw new SecurityConfigError(
    `HOST: ${host} is reachable from other machines; set API_TOKEN (and PUBLIC_HOSTNAMES), or ALLOW_ANONYMOUS=true to serve everyone without a token`,
  );
}

/** The host name of a Host header (lower case, without port or trailing dot), or undefined when it is not a valid one. */
export function hostnameOf(header: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!match) return undefined;
  return match[1]!.toLowerCase().replace(/\.$/, '');
}

/**
 * Only the page's own bundled files may run: no inline script, no eval, no plugins, no framing.
 * Styles allow 'unsafe-inline' because Lit, Cytoscape and CodeMirror set element styles at run time;
 * a style cannot run code.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');

/** helmet's headers with our CSP (no upgrade-insecure-requests: the server itself speaks plain HTTP behind its proxy). */
const helmetHeaders: RequestHandler = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES as Record<string, string[]> },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  frameguard: { action: 'deny' },
  // TLS ends at the proxy in front, which is the one to send HSTS for the public name.
  strictTransportSecurity: false,
  xDnsPrefetchControl: { allow: false },
  xPermittedCrossDomainPolicies: { permittedPolicies: 'none' },
});

const securityHeaders: RequestHandler = (req, res, next) => {
  // The one header helmet does not set.
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
  // Answers about people at risk must not linger in shared caches or the browser's disk cache.
  if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
  helmetHeaders(req, res, next);
};

/** Refuses a request whose Host is neither a loopback name nor one of PUBLIC_HOSTNAMES (DNS rebinding). */
function hostCheck(options: SecurityOptions): RequestHandler {
  const allowed = new Set([...LOOPBACK_HOSTNAMES, ...options.publicHostnames]);
  return (req, res, next) => {
    // The raw header, never req.hostname: behind 'trust proxy' that would read X-Forwarded-Host, which any client can send.
    const header = req.headers.host;
    if (!header) {
      sendError(res, new InvalidError('the request has no Host header', 'missing_host'));
      return;
    }
    const name = hostnameOf(header);
    if (name === undefined || !allowed.has(name)) {
      // 421 Misdirected Request: the connection reached a server that does not answer for that name.
      sendError(res, new HttpRefusal(421, 'unknown_host', 'this server does not answer for that host name; an operator can add it to PUBLIC_HOSTNAMES'));
      return;
    }
    next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** With API_TOKEN set, every /api request must carry it as a bearer token; compared in constant time. */
function tokenCheck(options: SecurityOptions): RequestHandler {
  const token = options.apiToken;
  if (token === undefined) return (_req, _res, next) => next();
  // Equal-length digests let timingSafeEqual compare without revealing the token's length or a matching prefix.
  const expected = digest(token);
  return (req, res, next) => {
    if (!(req.path === '/api' || req.path.startsWith('/api/')) || req.method === 'OPTIONS') {
      next();
      return;
    }
    const presented = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.get('authorization') ?? '')?.[1];
    if (presented !== undefined && timingSafeEqual(digest(presented), expected)) {
      next();
      return;
    }
    sendError(
      res,
      new UnauthenticatedError(presented === undefined ? 'this server needs an access token: send Authorization: Bearer <API_TOKEN>' : 'the access token is not the one this server accepts'),
      { 'WWW-Authenticate': 'Bearer realm="civic-graph"' },
    );
  };
}

function sizeLimits(options: SecurityOptions): RequestHandler {
  return (req, res, next) => {
    const q = req.originalUrl.indexOf('?');
    if (q >= 0 && Buffer.byteLength(req.originalUrl) - q - 1 > options.maxQueryBytes) {
      // 414 URI Too Long: the limit is on the request target, which only HTTP has.
      sendError(res, new HttpRefusal(414, 'query_too_long', `the query string is longer than ${options.maxQueryBytes} bytes; send long id lists in a POST body`));
      return;
    }
    const length = Number(req.get('content-length') ?? 0);
    if (Number.isFinite(length) && length > options.maxBodyBytes) {
      // A huge body is cut off by closing the connection; a moderately large one is left for Node to
      // discard, so the client reads this answer instead of a connection reset while still sending.
      if (length > 8 * 2 ** 20) res.setHeader('Connection', 'close');
      sendError(res, new TooLargeError(`the request body is larger than ${options.maxBodyBytes} bytes`));
      return;
    }
    next();
  };
}

/**
 * One express-rate-limit limiter per rationed path, keyed on the client address (req.ip: the
 * socket's, or behind TRUST_PROXY the forwarded one; IPv6 clients by /56 subnet, so one host
 * cannot dodge the limit by rotating addresses within its own network).
 */
function rateLimits(options: SecurityOptions): RequestHandler {
  const rules = options.rateLimits;
  if (!rules) return (_req, _res, next) => next();
  const limiters = Object.entries(rules).map(([prefix, rule]) => {
    const path = `/api${prefix}`;
    const windowMs = Math.max(1000, Math.round((rule.burst / rule.perSecond) * 1000));
    return {
      path,
      limiter: rateLimit({
        windowMs,
        limit: rule.burst,
        standardHeaders: 'draft-6',
        legacyHeaders: false,
        skip: (req) => req.method === 'OPTIONS',
        handler: (req, res, _next, used) => {
          const retryAfter = res.getHeader('Retry-After') ?? Math.ceil(used.windowMs / 1000);
          sendError(res, new RateLimitedError(`too many requests to ${req.path}; wait ${String(retryAfter)} s and try again`));
        },
        // Without TRUST_PROXY an X-Forwarded-For is ignored on purpose; no need to warn about it.
        validate: { xForwardedForHeader: false },
      }),
    };
  });
  return (req, res, next) => {
    const entry = limiters.find((l) => req.path === l.path || req.path.startsWith(l.path + '/'));
    if (!entry) {
      next();
      return;
    }
    void entry.limiter(req, res, next);
  };
}

function sameOrigin(req: Request, origin: string): boolean {
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

/**
 * CORS is closed unless origins are configured: a foreign page gets no Access-Control-* header
 * (so its script cannot read answers), its preflights are refused, and so are its non-GET requests,
 * which a browser would otherwise send (e.g. a form posting text/plain) before checking CORS.
 */
function cors(options: SecurityOptions): RequestHandler {
  const anyOrigin = options.corsOrigins.includes('*');
  const allowed = new Set(options.corsOrigins.map((o) => o.replace(/\/$/, '')));
  return (req, res, next) => {
    const origin = req.get('origin');
    if (!origin || sameOrigin(req, origin)) {
      next();
      return;
    }
    res.vary('Origin');
    if (anyOrigin || allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After, Content-Disposition');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Request-Id, Authorization');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
      next();
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    sendError(res, new ForbiddenError('cross-origin requests are not allowed from this origin; set CORS_ORIGINS to allow it', 'cors_forbidden'));
  };
}

/** Node's parser errors, as the status a client should see. */
function clientErrorStatus(error: NodeJS.ErrnoException): number {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return 431;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408;
    default:
      return 400;
  }
}

function clientErrorCode(status: number): string {
  return status === 431 ? 'headers_too_large' : status === 408 ? 'request_timeout' : 'malformed_request';
}

/** A complete HTTP/1.1 answer in the one JSON error shape, for the moments before Express has a request. */
function rawJsonError(status: number, code: string, message: string, extra: Record<string, string> = {}): string {
  const body = JSON.stringify(errorBody(code, message));
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    Connection: 'close',
    ...extra,
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * The HTTP server for the app, answering in the one JSON error shape what Node would otherwise
 * answer bare before Express sees a request: oversized headers (431), malformed request lines and
 * headers (400), header timeouts (408), unmet Expect headers (417). Requests without a Host header
 * reach Express (requireHostHeader off), whose Host check refuses them in JSON too.
 */
export function createHttpServer(app: RequestListener): Server {
  const server = createServer({ requireHostHeader: false }, app);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // A reset: nobody is left to read an answer. An answer already under way on this connection
    // (keep-alive) cannot be followed by another status line.
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const status = clientErrorStatus(error);
    const message =
      status === 431
        ? 'the request headers are larger than the server accepts; send long id lists in a POST body'
        : status === 408
          ? 'the request headers did not arrive in time'
          : 'the request is not well-formed HTTP';
    socket.end(rawJsonError(status, clientErrorCode(status), message));
  });
  server.on('checkExpectation', (_req, res) => {
    const body = JSON.stringify(errorBody('expectation_failed', 'the server meets no Expect header but 100-continue'));
    res.writeHead(417, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'Cache-Control': 'no-store',
      Connection: 'close',
    });
    res.end(body);
  });
  return server;
}

/**
 * The hardening middleware, in order: headers first so that even refusals carry them; the Host
 * check before anything reads the request; the token before any rationed or expensive work.
 */
export function hardening(overrides: Partial<SecurityOptions> = {}): RequestHandler[] {
  const options: SecurityOptions = { ...DEFAULT_SECURITY, ...overrides };
  return [securityHeaders, hostCheck(options), sizeLimits(options), cors(options), tokenCheck(options), rateLimits(options)];
}
