// /api/auth/oidc: OpenID Connect sign-in (team mode). Browser navigations answered with redirects: start sends
// the browser to the provider, callback opens a session and sends it to the page (or to /?signin_error=CODE).
// Mounted always, answering 404 oidc_not_configured without OIDC_*: the OpenAPI document is the same for every
// deployment, and the app serves exactly the routes it documents.
import { Router, type Request, type Response } from 'express';
import { parseCookie } from 'cookie';
import { NotFoundError } from '../../model/index.ts';
import type { Accounts } from '../accounts/accounts.ts';
import { OidcFailure, TRANSACTION_LIFETIME_MS, type OidcSignIn } from '../accounts/oidc.ts';
import { newSecret } from '../accounts/secrets.ts';
import { ACCOUNT_ENDPOINTS } from '../http/account-endpoints.ts';
import { sessionCookieOf } from '../http/authenticate.ts';
import { setSessionCookie, type AuthSettings } from './auth.ts';
import { define } from './define.ts';

/**
 * Binds a sign-in to the browser that started it: a random value, reused by every sign-in this browser
 * starts within its life (two tabs do not undo each other). SameSite=Lax, not Strict: the provider's
 * redirect back is a top-level navigation from another site, which a Strict cookie would not ride.
 */
export const OIDC_BROWSER_COOKIE = 'cg_oidc';
const COOKIE_PATH = '/api/auth/oidc/';

export interface OidcRouteContext {
  accounts: Accounts;
  auth: AuthSettings;
  /** Absent when OpenID Connect sign-in is not configured. */
  oidc: OidcSignIn | undefined;
}

function browserOf(req: Request): string | undefined {
  const value = parseCookie(req.get('cookie') ?? '')[OIDC_BROWSER_COOKIE];
  return value && /^[\w-]{43}$/.test(value) ? value : undefined;
}

export function oidcRoutes({ accounts, auth, oidc }: OidcRouteContext): Router {
  const router = Router();

  const configured = (): OidcSignIn => {
    if (!oidc || auth.mode !== 'accounts') throw new NotFoundError('OpenID Connect sign-in is not configured on this server (team mode with OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI)', 'oidc_not_configured');
    return oidc;
  };

  /** A failed sign-in: audited (never a code, token or claim), and the page is told why. */
  const failed = (req: Request, res: Response, error: unknown): void => {
    if (!(error instanceof OidcFailure)) throw error;
    const { user, ...detail } = error.detail;
    accounts.audit.record({ actor: user ?? null, address: req.ip, action: 'sign-in', outcome: 'failed', detail: { method: 'oidc', reason: error.reason, ...detail } });
    res.redirect(302, `/?signin_error=${error.reason}`);
  };

  define(router, ACCOUNT_ENDPOINTS.oidcStart, async (req, res) => {
    const sso = configured();
    const browser = browserOf(req) ?? newSecret();
    try {
      const to = await sso.start(browser);
      res.cookie(OIDC_BROWSER_COOKIE, browser, { httpOnly: true, sameSite: 'lax', secure: auth.cookieSecure === true || req.secure, path: COOKIE_PATH, maxAge: TRANSACTION_LIFETIME_MS });
      res.redirect(302, to.href);
    } catch (error) {
      failed(req, res, error);
    }
  });

  define(router, ACCOUNT_ENDPOINTS.oidcCallback, async (req, res) => {
    const sso = configured();
    const at = req.originalUrl.indexOf('?');
    try {
      const { id } = await sso.finish({ query: at < 0 ? '' : req.originalUrl.slice(at + 1), browser: browserOf(req), address: req.ip ?? 'unknown' });
      // Session fixation: whatever session the browser came with ends; the new one has a fresh id.
      const previous = sessionCookieOf(req);
      if (previous) accounts.sessions.end(previous);
      setSessionCookie(req, res, auth, id);
      res.redirect(302, '/');
    } catch (error) {
      failed(req, res, error);
    }
  });

  return router;
}
