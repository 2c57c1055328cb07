// CORS, closed unless origins are configured (CORS_ORIGINS).
import type { Request, RequestHandler } from 'express';
import { ForbiddenError } from '../../model/index.ts';
import { sendError } from './errors.ts';

function sameOrigin(req: Request, origin: string): boolean {
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

/**
 * A foreign page gets no Access-Control-* header unless its origin is in `origins` ('*' for any),
 * so its script cannot read answers; its preflights are refused, and so are its non-GET requests,
 * which a browser would otherwise send (e.g. a form posting text/plain) before checking CORS.
 */
export function cors(origins: readonly string[]): RequestHandler {
  const anyOrigin = origins.includes('*');
  const allowed = new Set(origins.map((o) => o.replace(/\/$/, '')));
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
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Request-Id, Authorization, X-Show-Facts');
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
