// Who is asking: the owner (owner mode), or the user behind a session cookie or a personal token (team mode);
// refuses team-mode API requests from nobody, and state-changing ones without the session's CSRF token.
import { memoryKeeper, withBookmarks } from '../../db/bookmarks.ts';
import type { Request, RequestHandler, Response } from 'express';
import { parseCookie } from 'cookie';
import { ForbiddenError, UnauthenticatedError } from '../../model/index.ts';
import { actorOf, type Accounts, type DatasetRoles, type Principal } from '../accounts/accounts.ts';
import { sameSecret } from '../accounts/secrets.ts';
import type { AuthMode } from '../config.ts';
import { sendError } from './errors.ts';

/** The session cookie's name. `__Host-` would pin it to HTTPS and /, which a loopback HTTP team server lacks. */
export const SESSION_COOKIE = 'cg_session';
/** The header a state-changing request made with a session cookie must carry (the session's CSRF token). */
export const CSRF_HEADER = 'x-csrf-token';

/** API paths anyone may call in team mode: health, the OpenAPI document, and signing in. */
const OPEN_PATHS = new Set(['/api/health', '/api/openapi.json', '/api/auth/session', '/api/auth/sign-in', '/api/auth/oidc/start', '/api/auth/oidc/callback']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Caller {
  principal?: Principal;
  roles: DatasetRoles;
}

/** What authentication found for this request (set by `authenticate`). */
export function callerOf(res: Response): Caller {
  return (res.locals.caller as Caller | undefined) ?? { roles: new Map() };
}

export function sessionCookieOf(req: Request): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  const value = parseCookie(header)[SESSION_COOKIE];
  // A session id is 43 base64url characters; anything else is not one of ours and is not looked up.
  return value && /^[\w-]{43}$/.test(value) ? value : undefined;
}

function bearerOf(req: Request): string | undefined {
  return /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.get('authorization') ?? '')?.[1];
}

/**
 * A request from another site: the browser says so (Sec-Fetch-Site) or its Origin names another
 * host. Together with SameSite=Strict and the CSRF token this is defence in depth.
 */
function crossSite(req: Request, allowedOrigins: readonly string[]): boolean {
  const origin = req.get('origin');
  // Origins the operator opened to browsers (CORS_ORIGINS) are not strangers.
  if (origin && (allowedOrigins.includes(origin) || allowedOrigins.includes('*'))) return false;
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  if (!origin || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== req.get('host');
  } catch {
    return true;
  }
}

export interface AuthenticateOptions {
  mode: AuthMode;
  accounts: Accounts;
  /** The owner's name in owner mode (asked once by the page; 'owner' until then). */
  ownerName: () => string;
  /** CORS_ORIGINS: origins allowed to call the API from a browser. */
  allowedOrigins: readonly string[];
}

export function authenticate({ mode, accounts, ownerName, allowedOrigins }: AuthenticateOptions): RequestHandler {
  // Owner mode has one caller: the bookmarks of their last write, for this process (db/bookmarks.ts).
  const ownerBookmarks = memoryKeeper();
  return (req, res, next) => {
    const isApi = req.path === '/api' || req.path.startsWith('/api/');
    if (mode === 'owner') {
      const principal: Principal = { kind: 'owner', name: ownerName() };
      res.locals.caller = { principal, roles: 'all' } satisfies Caller;
      // Loopback only (config.ts), but a page from another site must still not drive the owner's writes.
      if (isApi && !SAFE_METHODS.has(req.method) && crossSite(req, allowedOrigins)) {
        sendError(res, new ForbiddenError('cross-site requests are refused', 'cross_site'));
        return;
      }
      withBookmarks(ownerBookmarks, next);
      return;
    }
    const refuse = (error: UnauthenticatedError | ForbiddenError, principal?: Principal) => {
      accounts.audit.record({ actor: actorOf(principal), address: req.ip, action: `${req.method} ${req.path}`, outcome: 'refused', detail: { code: error.code } });
      sendError(res, error, error instanceof UnauthenticatedError ? { 'WWW-Authenticate': 'Bearer realm="civic-graph"' } : {});
    };
    const bearer = bearerOf(req);
    let principal: Principal | undefined;
    if (bearer !== undefined) {
      principal = accounts.fromToken(bearer);
      // A wrong token is refused even on open paths: a script should learn at once that its token is dead.
      if (!principal && isApi) return refuse(new UnauthenticatedError('the token is unknown, expired or revoked', 'invalid_token'));
    } else {
      const session = sessionCookieOf(req);
      principal = session ? accounts.fromSession(session) : undefined;
    }
    res.locals.caller = { ...(principal ? { principal } : {}), roles: principal ? accounts.rolesOf(principal) : new Map() } satisfies Caller;
    if (!isApi) return next();
    // CSRF: a cookie rides along on any request the browser makes; a bearer token and a custom header
    // do not, so a request with a token is not checked, and one with a cookie (or signing in) is.
    if (!SAFE_METHODS.has(req.method) && bearer === undefined) {
      if (crossSite(req, allowedOrigins)) return refuse(new ForbiddenError('cross-site requests are refused', 'cross_site'), principal);
      if (principal?.kind === 'user' && principal.via === 'session') {
        const presented = req.get(CSRF_HEADER);
        if (!presented || !principal.csrfToken || !sameSecret(presented, principal.csrfToken)) {
          return refuse(new ForbiddenError(`a request that changes something must carry the session's ${CSRF_HEADER} header (from GET /api/auth/session)`, 'csrf'), principal);
        }
      }
    }
    if (!principal && !OPEN_PATHS.has(req.path)) return refuse(new UnauthenticatedError('sign in first (POST /api/auth/sign-in), or send a personal token as Authorization: Bearer'));
    // Every Neo4j session of this request starts from the caller's last write, whichever process made it.
    withBookmarks(principal?.kind === 'user' ? principal.bookmarks : undefined, next);
  };
}
