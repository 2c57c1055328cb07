// Size limits (query string, declared body) and rate limits per client address (express-rate-limit).
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { RateLimitedError, TooLargeError } from '../../model/index.ts';
import { HttpRefusal, sendError } from './errors.ts';

/**
 * BURST requests, then PER_SECOND on average: express-rate-limit counts BURST requests in a window
 * of BURST / PER_SECOND seconds (a fixed window, so at a window's edge up to twice BURST may pass).
 */
export interface BucketRule {
  burst: number;
  perSecond: number;
}

export interface SizeLimits {
  /** Largest request body accepted, in bytes (JSON bodies are also capped by the parser). */
  maxBodyBytes: number;
  /** Largest query string accepted, in bytes (the part after '?'). */
  maxQueryBytes: number;
}

/** Refuses an over-long query string, and a body whose declared length is over the limit before reading it. */
export function sizeLimits({ maxBodyBytes, maxQueryBytes }: SizeLimits): RequestHandler {
  return (req, res, next) => {
    const q = req.originalUrl.indexOf('?');
    if (q >= 0 && Buffer.byteLength(req.originalUrl) - q - 1 > maxQueryBytes) {
      // 414 URI Too Long: the limit is on the request target, which only HTTP has.
      sendError(res, new HttpRefusal(414, 'query_too_long', `the query string is longer than ${maxQueryBytes} bytes; send long id lists in a POST body`));
      return;
    }
    const length = Number(req.get('content-length') ?? 0);
    if (Number.isFinite(length) && length > maxBodyBytes) {
      // A huge body is cut off by closing the connection; a moderately large one is left for Node to
      // discard, so the client reads this answer instead of a connection reset while still sending.
      if (length > 8 * 2 ** 20) res.setHeader('Connection', 'close');
      sendError(res, new TooLargeError(`the request body is larger than ${maxBodyBytes} bytes`));
      return;
    }
    next();
  };
}

/**
 * One express-rate-limit limiter per rationed path (an API path prefix under /api), keyed on the
 * client address (req.ip: the socket's, or behind TRUST_PROXY the forwarded one; IPv6 clients by
 * /56 subnet, so one host cannot dodge the limit by rotating addresses within its own network).
 * `false` turns them off.
 */
export function rateLimits(rules: Readonly<Record<string, BucketRule>> | false): RequestHandler {
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
