// /api/auth: the session (who, roles, CSRF token), local sign-in and sign-out, the owner's name, one's own
// password and personal tokens. OpenID Connect sign-in is in oidc.ts.
import { Router, type Request, type Response } from 'express';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, RateLimitedError, UnauthenticatedError } from '../../model/index.ts';
import { actorOf, type Accounts, type Principal } from '../accounts/accounts.ts';
import { hashPassword, checkPassword } from '../accounts/passwords.ts';
import type { AuthConfig } from '../config.ts';
import { ACCOUNT_ENDPOINTS, OwnerNameBody, PasswordBody, SignInBody, TokenBody, IdParams } from '../http/account-endpoints.ts';
import { callerOf, sessionCookieOf, SESSION_COOKIE } from '../http/authenticate.ts';
import { parseBody, parseParams } from '../http/endpoints.ts';
import { consoleOpen, requireUser } from '../services/access.ts';
import { define } from './define.ts';

export type AuthSettings = Pick<AuthConfig, 'mode' | 'sessionHours' | 'cookieSecure' | 'oidc'>;

export interface AuthRouteContext {
  accounts: Accounts;
  auth: AuthSettings;
  /** The ids of every dataset in the database, for the console's rule. */
  datasetIds: () => Promise<string[]>;
}

/** Sets the session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure over HTTPS. */
export function setSessionCookie(req: Request, res: Response, auth: AuthSettings, id: string): void {
  res.cookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'strict', secure: auth.cookieSecure === true || req.secure, path: '/', maxAge: auth.sessionHours * 3_600_000 });
}

export function clearSessionCookie(req: Request, res: Response, auth: AuthSettings): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: auth.cookieSecure === true || req.secure, path: '/' });
}

/** The session as the page sees it. */
export async function sessionInfo(context: AuthRouteContext, principal: Principal | undefined, roles: ReturnType<typeof callerOf>['roles']) {
  const { auth } = context;
  const oidc = auth.oidc ? { oidc: { name: auth.oidc.name } } : {};
  if (!principal) return { mode: auth.mode, signedIn: false, roles: {}, console: false, ...oidc };
  const user =
    principal.kind === 'user'
      ? { user: { id: principal.user.id, username: principal.user.username, displayName: principal.user.displayName, isAdmin: principal.user.isAdmin } }
      : { user: { id: 'owner', username: 'owner', displayName: principal.name, isAdmin: true } };
  return {
    mode: auth.mode,
    signedIn: true,
    ...user,
    ...(principal.kind === 'user' && principal.csrfToken ? { csrfToken: principal.csrfToken } : {}),
    roles: roles === 'all' ? ('all' as const) : Object.fromEntries(roles),
    console: await consoleFor(context, roles),
    ...oidc,
  };
}

/**
 * Whether the console opens to these roles. Every role ('all') needs no question to the database, so the
 * session answers while Neo4j is away (the page then shows why the graph does not load); otherwise a
 * database that cannot say which datasets it holds keeps the console closed.
 */
async function consoleFor(context: AuthRouteContext, roles: ReturnType<typeof callerOf>['roles']): Promise<boolean> {
  if (roles === 'all') return true;
  try {
    return consoleOpen(roles, await context.datasetIds());
  } catch {
    return false;
  }
}

export function authRoutes(context: AuthRouteContext): Router {
  const { accounts, auth } = context;
  const router = Router();

  define(router, ACCOUNT_ENDPOINTS.session, async (_req, res) => {
    const { principal, roles } = callerOf(res);
    res.json(await sessionInfo(context, principal, roles));
  });

  define(router, ACCOUNT_ENDPOINTS.signIn, async (req, res) => {
    if (auth.mode !== 'accounts') throw new InvalidError('owner mode has no sign-in: the person at this machine is the owner', 'owner_mode');
    const { username, password } = parseBody(SignInBody, req);
    const address = req.ip ?? 'unknown';
    const result = await accounts.signIn(username, password, address);
    if (!result.ok) {
      if (result.retryAfterMs > 0) {
        res.setHeader('Retry-After', String(Math.ceil(result.retryAfterMs / 1000)));
        throw new RateLimitedError(`too many failed sign-ins; try again in ${Math.ceil(result.retryAfterMs / 1000)} s`);
      }
      throw new UnauthenticatedError('unknown user or wrong password', 'sign_in_failed');
    }
    // Session fixation: whatever session the browser came with ends; the new one has a fresh id.
    const previous = sessionCookieOf(req);
    if (previous) accounts.sessions.end(previous);
    setSessionCookie(req, res, auth, result.id);
    const principal = accounts.fromSession(result.id);
    res.json(await sessionInfo(context, principal, principal ? accounts.rolesOf(principal) : new Map()));
  });

  define(router, ACCOUNT_ENDPOINTS.signOut, (req, res) => {
    const id = sessionCookieOf(req);
    const { principal } = callerOf(res);
    if (id && accounts.sessions.end(id)) accounts.audit.record({ actor: actorOf(principal), address: req.ip, action: 'sign-out', outcome: 'ok' });
    clearSessionCookie(req, res, auth);
    res.json({ ok: true });
  });

  define(router, ACCOUNT_ENDPOINTS.ownerName, (req, res) => {
    const { principal } = callerOf(res);
    if (principal?.kind !== 'owner') throw new ForbiddenError('only the owner (owner mode) has a name to set here');
    const { name } = parseBody(OwnerNameBody, req);
    accounts.setOwnerName(name);
    accounts.audit.record({ actor: 'owner', address: req.ip, action: 'owner.name', outcome: 'ok', detail: { name } });
    res.json({ ok: true });
  });

  define(router, ACCOUNT_ENDPOINTS.password, async (req, res) => {
    const user = requireUser(callerOf(res).principal).user;
    const { current, next } = parseBody(PasswordBody, req);
    const stored = accounts.users.forSignIn(user.username)?.passwordHash;
    if (!stored) throw new ConflictError('this account signs in through single sign-on and has no password here', 'no_password');
    if (!(await checkPassword(stored, current))) {
      accounts.audit.record({ actor: user.id, address: req.ip, action: 'password.change', outcome: 'failed' });
      throw new ForbiddenError('the current password is wrong', 'wrong_password');
    }
    accounts.users.setPassword(user.id, await hashPassword(next));
    // Every other session of the user ends; this one goes on.
    const keep = sessionCookieOf(req);
    const live = accounts.sessions.revokeUser(user.id);
    if (keep) {
      const { id } = accounts.sessions.create(user.id, [], req.ip);
      setSessionCookie(req, res, auth, id);
    }
    accounts.audit.record({ actor: user.id, address: req.ip, action: 'password.change', outcome: 'ok', detail: { sessionsEnded: live } });
    res.json({ ok: true });
  });

  define(router, ACCOUNT_ENDPOINTS.tokens, (_req, res) => {
    const user = requireUser(callerOf(res).principal).user;
    res.json({ tokens: accounts.tokens.list(user.id).map(({ userId: _u, ...token }) => token) });
  });

  define(router, ACCOUNT_ENDPOINTS.tokenCreate, (req, res) => {
    const principal = requireUser(callerOf(res).principal);
    // A token cannot mint tokens: a leaked one must not be able to outlive its own revocation.
    if (principal.via === 'token') throw new ForbiddenError('a personal token cannot create tokens; sign in', 'token_cannot_mint');
    const { name, days } = parseBody(TokenBody, req);
    const { secret, token } = accounts.tokens.create(principal.user.id, name, new Date(Date.now() + days * 86_400_000));
    accounts.audit.record({ actor: principal.user.id, address: req.ip, action: 'token.create', target: token.id, outcome: 'ok', detail: { name, days } });
    const { userId: _u, ...shown } = token;
    res.json({ token: shown, secret });
  });

  define(router, ACCOUNT_ENDPOINTS.tokenRevoke, (req, res) => {
    const user = requireUser(callerOf(res).principal).user;
    const { id } = parseParams(IdParams, req);
    // Another user's token id is answered as unknown: ids of others' tokens do not exist for this user.
    if (accounts.tokens.byId(id)?.userId !== user.id || !accounts.tokens.revoke(id)) throw new NotFoundError(`no live token ${id}`);
    accounts.audit.record({ actor: user.id, address: req.ip, action: 'token.revoke', target: id, outcome: 'ok' });
    res.json({ ok: true });
  });

  return router;
}
