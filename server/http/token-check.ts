// The API token: with API_TOKEN set, every /api request must carry it as a bearer token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { UnauthenticatedError } from '../../model/index.ts';
import { sendError } from './errors.ts';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Without a token configured, lets everything through; with one, refuses /api requests that do not carry it (compared in constant time). */
export function tokenCheck(token: string | undefined): RequestHandler {
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
