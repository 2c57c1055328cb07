// HTTP hardening, composed: the options every guard reads, their defaults, and the guards in order (each in its own module).
import type { RequestHandler } from 'express';
import { cors } from './cors.ts';
import { hostCheck } from './host-check.ts';
import { rateLimits, sizeLimits, type BucketRule } from './limits.ts';
import { securityHeaders } from './security-headers.ts';

export type { BucketRule };

/** What the guards are told; read from the environment once, at start (server/config.ts), or given by a test. */
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

/** The error statuses every API endpoint may answer because of these guards, for the OpenAPI document. */
export function hardeningStatuses(apiPath: string, method: string): number[] {
  // 421: a Host the server does not answer for; 401: not signed in (team mode), 403: no right or no CSRF token.
  const statuses = [401, 403, 414, 421];
  if (method.toLowerCase() !== 'get') statuses.push(413);
  if ((RATE_LIMITED_PATHS as readonly string[]).includes(apiPath)) statuses.push(429);
  return statuses;
}

/**
 * The hardening middleware, in order: headers first so that even refusals carry them; the Host
 * check before anything reads the request. Who is asking (http/authenticate.ts) comes next, in app.ts.
 */
export function hardening(overrides: Partial<SecurityOptions> = {}): RequestHandler[] {
  const options: SecurityOptions = { ...DEFAULT_SECURITY, ...overrides };
  return [securityHeaders, hostCheck(options.publicHostnames), sizeLimits(options), cors(options.corsOrigins), rateLimits(options.rateLimits)];
}
