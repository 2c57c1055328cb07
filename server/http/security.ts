// HTTP hardening: security headers with a strict CSP, size limits, per-client rate limits, closed-by-default CORS.
import { isIP } from 'node:net';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../../db/errors.ts';
import { errorBody, PayloadTooLargeError, RateLimitedError } from './errors.ts';

/** A bucket refills `perSecond` tokens a second up to `burst`; each request takes one. */
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
}

/** The API paths whose work is expensive enough to ration (search while typing, the console). */
export const RATE_LIMITED_PATHS = ['/search', '/cypher'] as const;

export const DEFAULT_SECURITY: SecurityOptions = {
  corsOrigins: [],
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
  const statuses = [414];
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

/**
 * Reads the limits from the environment: RATE_LIMIT=off turns rate limits off (load tests);
 * RATE_LIMIT_SEARCH and RATE_LIMIT_CYPHER set BURST/PER_SECOND; CORS origins come from config.
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
  return { ...DEFAULT_SECURITY, corsOrigins, rateLimits, ...(trustProxy !== undefined ? { trustProxy } : {}) };
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

/**
 * Only the page's own bundled files may run: no inline script, no eval, no plugins, no framing.
 * Styles allow 'unsafe-inline' because Lit, Cytoscape and CodeMirror set element styles at run time;
 * a style cannot run code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'X-DNS-Prefetch-Control': 'off',
  'X-Permitted-Cross-Domain-Policies': 'none',
};

function sendError(res: Response, error: AppError, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.locals.errorCode = error.code;
  res.status(error.status).json(errorBody(error.code, error.message, res.locals.requestId as string | undefined));
}

const securityHeaders: RequestHandler = (req, res, next) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  // Answers about people at risk must not linger in shared caches or the browser's disk cache.
  if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
  next();
};

function sizeLimits(options: SecurityOptions): RequestHandler {
  return (req, res, next) => {
    const q = req.originalUrl.indexOf('?');
    if (q >= 0 && Buffer.byteLength(req.originalUrl) - q - 1 > options.maxQueryBytes) {
      sendError(res, new AppError(414, 'query_too_long', `the query string is longer than ${options.maxQueryBytes} bytes; send long id lists in a POST body`));
      return;
    }
    const length = Number(req.get('content-length') ?? 0);
    if (Number.isFinite(length) && length > options.maxBodyBytes) {
      // A huge body is cut off by closing the connection; a moderately large one is left for Node to
      // discard, so the client reads this answer instead of a connection reset while still sending.
      if (length > 8 * 2 ** 20) res.setHeader('Connection', 'close');
      sendError(res, new PayloadTooLargeError(`the request body is larger than ${options.maxBodyBytes} bytes`));
      return;
    }
    next();
  };
}

/** Token buckets per client address; memory stays bounded by sweeping full (idle) buckets. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly rule: BucketRule,
    private readonly now: () => number = () => performance.now(),
    private readonly maxClients = 10_000,
  ) {}

  /** Takes a token for `key`; answers how long to wait (seconds) when there is none. */
  take(key: string): { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.rule.burst, at: now };
    bucket.tokens = Math.min(this.rule.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rule.perSecond);
    bucket.at = now;
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= this.maxClients) this.sweep(now);
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true, remaining: Math.floor(bucket.tokens) };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.rule.perSecond)) };
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    const refillMs = (this.rule.burst / this.rule.perSecond) * 1000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= refillMs) this.buckets.delete(key);
    // Everyone active at once: forget the oldest rather than grow without bound.
    if (this.buckets.size >= this.maxClients) {
      const oldest = [...this.buckets].sort((a, b) => a[1].at - b[1].at).slice(0, Math.ceil(this.maxClients / 10));
      for (const [key] of oldest) this.buckets.delete(key);
    }
  }
}

/** The client's address: the socket's, or, behind a trusted proxy (TRUST_PROXY), the one it forwards. */
function clientKey(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

function rateLimits(options: SecurityOptions): RequestHandler {
  const rules = options.rateLimits;
  if (!rules) return (_req, _res, next) => next();
  const buckets = Object.entries(rules).map(([prefix, rule]) => ({ prefix: `/api${prefix}`, buckets: new TokenBuckets(rule) }));
  return (req, res, next) => {
    const path = req.path;
    const entry = buckets.find((b) => path === b.prefix || path.startsWith(b.prefix + '/'));
    if (!entry || req.method === 'OPTIONS') {
      next();
      return;
    }
    const taken = entry.buckets.take(clientKey(req));
    res.setHeader('RateLimit-Policy', `${entry.buckets.rule.burst};w=${Math.ceil(entry.buckets.rule.burst / entry.buckets.rule.perSecond)}`);
    if (!taken.ok) {
      sendError(res, new RateLimitedError(`too many requests to ${path}; wait ${taken.retryAfterSeconds} s and try again`), {
        'Retry-After': String(taken.retryAfterSeconds),
      });
      return;
    }
    res.setHeader('RateLimit-Remaining', String(taken.remaining));
    next();
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
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Request-Id');
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
    sendError(res, new AppError(403, 'cors_forbidden', 'cross-origin requests are not allowed from this origin; set CORS_ORIGINS to allow it'));
  };
}

/** The hardening middleware, in order: headers first so that even refusals carry them. */
export function hardening(overrides: Partial<SecurityOptions> = {}): RequestHandler[] {
  const options: SecurityOptions = { ...DEFAULT_SECURITY, ...overrides };
  return [securityHeaders, sizeLimits(options), cors(options), rateLimits(options)];
}
