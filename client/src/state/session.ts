// Who is using the page (owner or team mode, the signed-in user, what they may open) and the server's rate limits, as the store holds them; pure, so tests need no browser.
import type { SessionInfo, SessionUser } from '../api.ts';

export interface SessionState {
  /** 'unknown' until /api/auth/session answers; 'failed' when it could not be asked. */
  status: 'unknown' | 'signed-out' | 'signed-in' | 'failed';
  /** Owner mode (one person at their own machine) or team mode (accounts); null until known. */
  mode: SessionInfo['mode'] | null;
  user: SessionUser | null;
  /** 'all' (the owner, an instance admin) or a role per dataset id. */
  roles: SessionInfo['roles'];
  /** Whether the console opens to this user: it reads the whole database. */
  console: boolean;
  /** Single sign-on, when the server offers it: the provider's name for the button. */
  oidc: { name: string } | null;
  /** What the sign-in screen says: a failed attempt, an ended session, a failed single sign-on. */
  signInError: string | null;
  /** Sign-in refused for too many attempts: when it may be tried again (epoch ms). */
  signInBlockedUntil: number | null;
  signingIn: boolean;
  /** The page started the explorer for a user before: a later sign-in screen is over it, not instead of it. */
  started: boolean;
  /** Owner mode with the default name: ask once for the name writes are signed with. */
  askOwnerName: boolean;
  /** Why the session could not be asked (status 'failed'). */
  failure: string | null;
}

export function initialSession(): SessionState {
  return {
    status: 'unknown',
    mode: null,
    user: null,
    roles: {},
    console: false,
    oidc: null,
    signInError: null,
    signInBlockedUntil: null,
    signingIn: false,
    started: false,
    askOwnerName: false,
    failure: null,
  };
}

/** The name the server gives the owner until they choose one. */
export const DEFAULT_OWNER_NAME = 'owner';

/** The session slice for an answer of /api/auth/session (or of a sign-in); `askOwnerName`: the owner has not declined to give a name. */
export function sessionFrom(info: SessionInfo, previous: SessionState, mayAskOwnerName = true): SessionState {
  const user = info.signedIn ? (info.user ?? null) : null;
  return {
    ...previous,
    status: user ? 'signed-in' : 'signed-out',
    mode: info.mode,
    user,
    roles: info.roles,
    console: info.console,
    oidc: info.oidc ?? null,
    signingIn: false,
    failure: null,
    askOwnerName: info.mode === 'owner' && user?.displayName === DEFAULT_OWNER_NAME && mayAskOwnerName,
  };
}

/** May this session open the explorer? The owner always; in team mode, a signed-in user. */
export function explorerOpen(session: SessionState): boolean {
  return session.status === 'signed-in';
}

/** Admins see the administration panel: instance admins, and the owner (whom the server answers as an admin). */
export function isAdmin(session: SessionState): boolean {
  return session.status === 'signed-in' && session.user?.isAdmin === true;
}

/** The console is open in owner mode, and in team mode to users whose grants cover every dataset. */
export function consoleOpen(session: SessionState): boolean {
  return session.mode === 'owner' || session.console;
}

/** What single sign-on failures (`/?signin_error=CODE`) mean, in words; other codes are named as they are. */
const SIGN_IN_ERRORS: Readonly<Record<string, string>> = {
  access_denied: 'Single sign-on was declined.',
  state: 'The single sign-on took too long or was started in another tab; try again.',
  invalid_state: 'The single sign-on took too long or was started in another tab; try again.',
  expired: 'The single sign-on took too long; try again.',
  disabled: 'This account is disabled; ask an admin.',
  account_disabled: 'This account is disabled; ask an admin.',
  no_account: 'No account here matches that single sign-on; ask an admin.',
  unknown_user: 'No account here matches that single sign-on; ask an admin.',
  not_allowed: 'That account may not sign in here; ask an admin.',
};

/** The sentence for a `signin_error` code from the URL; a code that is not a plain word is not echoed. */
export function signInErrorText(code: string): string {
  const known = SIGN_IN_ERRORS[code];
  if (known) return known;
  return /^[\w.-]{1,64}$/.test(code) ? `Single sign-on did not succeed (${code}). Try again, or ask an admin.` : 'Single sign-on did not succeed. Try again, or ask an admin.';
}

/** The wrong credentials, in the same words whichever was wrong (the server does not say either). */
export const WRONG_CREDENTIALS = 'Unknown user or wrong password';

export function throttledText(seconds: number): string {
  return `Too many attempts; try again in ${seconds} s`;
}

// ---- rate limits (issue #26) ---------------------------------------------------------------------

/** Where a 429 is shown: in the search box's place, or in the error banner. */
export type RateLimitScope = 'search' | 'other';

export interface RateLimit {
  /** The refused request's path. */
  path: string;
  /** The wait the server asked for, in seconds. */
  seconds: number;
  /** When the page may ask again (epoch ms). */
  until: number;
}

export type RateLimits = Readonly<Record<RateLimitScope, RateLimit | null>>;

export const NO_RATE_LIMITS: RateLimits = { search: null, other: null };

export function rateLimitScope(path: string): RateLimitScope {
  return path === '/api/search' ? 'search' : 'other';
}

/** Whole seconds left until `until`, counting down to 0 (rounded up: "1 s" until the wait is over). */
export function secondsLeft(until: number | null | undefined, now = Date.now()): number {
  if (!until) return 0;
  return Math.max(0, Math.ceil((until - now) / 1000));
}
