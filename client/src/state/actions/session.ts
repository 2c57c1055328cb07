// Actions of the session: asking who uses the page before anything else, signing in and out, the owner's name, one's own password and tokens, and what a 401, a stale CSRF token or a 429 means for the page.
import {
  ApiError,
  changePassword,
  createToken,
  DEFAULT_RETRY_AFTER_S,
  fetchSession,
  fetchTokens,
  observeApi,
  revokeToken,
  setCsrfToken,
  setOwnerName,
  signIn,
  signOut,
  type CreatedToken,
  type SessionInfo,
  type TokenInfo,
} from '../../api.ts';
import { explorerOpen, rateLimitScope, sessionFrom, signInErrorText, WRONG_CREDENTIALS, type RateLimitScope, type SessionState } from '../session.ts';
import type { UrlView } from '../url.ts';
import { ActionGroup, type Shared } from './group.ts';
import type { StartActions } from './start.ts';
import { describeError } from './tracker.ts';
import type { ViewActions } from './view.ts';

/** Where the owner's "not now" to the name question is kept: the question is asked once per browser. */
const OWNER_NAME_DECLINED = 'civic-graph.owner-name-declined';

/** What the session actions need from the browser, given so tests need none. */
export interface SessionEnvironment {
  /** Leaves the page for a fresh one: after signing out, or when someone else signed in over the session. */
  leave(): void;
  /** Remembers (and answers) that the owner declined to give a name. */
  ownerNameDeclined(declined?: boolean): boolean;
}

export const browserEnvironment: SessionEnvironment = {
  // The page's address without its view: the next person does not open on what was on screen.
  leave: () => location.assign(location.pathname),
  ownerNameDeclined(declined) {
    try {
      if (declined !== undefined) localStorage.setItem(OWNER_NAME_DECLINED, declined ? '1' : '');
      return localStorage.getItem(OWNER_NAME_DECLINED) === '1';
    } catch {
      return false;
    }
  },
};

export class SessionActions extends ActionGroup {
  readonly #start: StartActions;
  readonly #view: ViewActions;
  readonly #env: SessionEnvironment;
  readonly #timers = new Map<RateLimitScope, ReturnType<typeof setTimeout>>();

  constructor(shared: Shared, start: StartActions, view: ViewActions, env: SessionEnvironment = browserEnvironment) {
    super(shared);
    this.#start = start;
    this.#view = view;
    this.#env = env;
  }

  #patch(patch: Partial<SessionState>): void {
    this.store.update({ session: { ...this.state.session, ...patch } });
  }

  /** Takes a session answer: the CSRF token for the requests to come, and who the page is for. */
  #take(info: SessionInfo): void {
    setCsrfToken(info.signedIn ? info.csrfToken : undefined);
    this.store.update({ session: sessionFrom(info, this.state.session, !this.#env.ownerNameDeclined()) });
  }

  /**
   * The page's first question: who is using it (`GET /api/auth/session`). `signInError`: the code a
   * failed single sign-on came back with (`/?signin_error=CODE`).
   */
  async loadSession(signInError?: string | null): Promise<void> {
    try {
      this.#take(await fetchSession());
      if (signInError) this.#patch({ signInError: signInErrorText(signInError) });
    } catch (error) {
      this.#patch({ status: 'failed', failure: describeError(error).message });
    }
  }

  /** Opens the explorer once the session allows it: the first load, with the view the URL names. */
  async openExplorer(view: () => Promise<UrlView | null>): Promise<void> {
    const session = this.state.session;
    if (session.started || !explorerOpen(session)) return;
    this.#patch({ started: true });
    await this.#start.start(await view());
  }

  /** Signs in with a local account; a wrong name or password and a throttled attempt are said on the form. */
  async signIn(username: string, password: string): Promise<boolean> {
    const before = this.state.session;
    this.#patch({ signingIn: true, signInError: null });
    try {
      const info = await signIn(username, password);
      // Someone else signed in where another user's explorer was open: nothing of theirs may stay on the page.
      if (before.started && before.user && info.user?.id !== before.user.id) {
        this.#env.leave();
        return true;
      }
      this.#take(info);
      this.#patch({ signInBlockedUntil: null });
      // The refusals that ended the session are answered now.
      this.shared.tracker.dismiss();
      // The same user again (after the session ended): what the page fetched is asked anew.
      if (before.started) this.store.invalidate();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        this.#patch({ signingIn: false, signInBlockedUntil: Date.now() + (error.retryAfter ?? DEFAULT_RETRY_AFTER_S) * 1000 });
      } else {
        const text = error instanceof ApiError && error.code === 'sign_in_failed' ? WRONG_CREDENTIALS : `Could not sign in: ${describeError(error).message}`;
        this.#patch({ signingIn: false, signInError: text });
      }
      return false;
    }
  }

  /** The throttle's wait is over: the form may be sent again. */
  signInUnblocked(): void {
    if (this.state.session.signInBlockedUntil !== null) this.#patch({ signInBlockedUntil: null });
  }

  /** Ends the session and leaves for a fresh page (nothing of this user's stays in memory). */
  async signOut(): Promise<void> {
    try {
      await signOut();
    } catch (error) {
      // The cookie may be gone already (an ended session): the way out stays open.
      if (!(error instanceof ApiError && error.status === 401)) {
        this.shared.tracker.fail(error);
        return;
      }
    }
    setCsrfToken(undefined);
    this.#env.leave();
  }

  /** The server answered 401 in team mode: the session ended (expired, revoked, password changed elsewhere); sign-in shows over the page. */
  sessionEnded(): void {
    const session = this.state.session;
    if (session.mode !== 'accounts' || session.status !== 'signed-in') return;
    setCsrfToken(undefined);
    // Modal dialogs sit above everything, sign-in included: they close so the form can be reached.
    this.store.update({ panels: { ...this.state.panels, help: false, admin: false, addSource: false, review: false }, sourceView: null });
    this.#patch({ status: 'signed-out', signInError: 'Your session has ended; sign in again.', signingIn: false });
  }

  /** Asks the session again (a new CSRF token after a password change; a stale one after a sign-in in another tab). */
  async reloadSession(): Promise<void> {
    const before = this.state.session.user?.id;
    try {
      const info = await fetchSession();
      if (this.state.session.started && before && info.user?.id !== before) {
        this.#env.leave();
        return;
      }
      this.#take(info);
    } catch (error) {
      this.shared.tracker.fail(error);
    }
  }

  // ---- owner mode: the name writes are signed with ---------------------------------------------------

  /** Saves the owner's name; false (with the reason in the banner) when the server refused it. */
  async setOwnerName(name: string): Promise<boolean> {
    const saved = await this.track(() => setOwnerName(name.trim()));
    if (!saved) return false;
    const user = this.state.session.user;
    this.#patch({ askOwnerName: false, user: user ? { ...user, displayName: name.trim() } : user });
    this.#view.notify(`Your changes will be signed “${name.trim()}”`);
    return true;
  }

  /** "Not now": the question is not asked again in this browser (the account menu still offers it). */
  declineOwnerName(): void {
    this.#env.ownerNameDeclined(true);
    this.#patch({ askOwnerName: false });
  }

  /** The account menu's "Your name…". */
  askOwnerName(): void {
    if (this.state.session.mode === 'owner') this.#patch({ askOwnerName: true });
  }

  // ---- one's own password and personal tokens: the forms show their refusals beside their fields ----

  /** Changes the password; the server ends the user's other sessions and gives this one a new id, hence a new CSRF token. */
  async changePassword(current: string, next: string): Promise<void> {
    await changePassword(current, next);
    await this.reloadSession();
  }

  listTokens(): Promise<TokenInfo[]> {
    return fetchTokens();
  }

  /** A new token; its secret is in this answer only. */
  createToken(name: string, days: number): Promise<CreatedToken> {
    return createToken(name.trim(), days);
  }

  async revokeToken(id: string): Promise<void> {
    await revokeToken(id);
  }

  // ---- what refusals mean for the page -----------------------------------------------------------

  /**
   * Listens to every refused request, whoever made it: a 401 ends the session (sign-in shows), a
   * stale CSRF token asks the session again, a 429 starts a wait. Answers the way to stop listening.
   */
  watchApi(): () => void {
    return observeApi((error, path) => {
      // The sign-in form says its own refusals (wrong credentials, throttled).
      if (path === '/api/auth/sign-in') return;
      if (error.status === 401) this.sessionEnded();
      else if (error.status === 403 && error.code === 'csrf') void this.reloadSession();
      else if (error.status === 429) this.rateLimited(path, error.retryAfter ?? DEFAULT_RETRY_AFTER_S);
    });
  }

  /** A 429: the page waits `seconds` before asking that again; search waits in its box's place, the rest in the banner. */
  rateLimited(path: string, seconds: number): void {
    const scope = rateLimitScope(path);
    const until = Date.now() + seconds * 1000;
    const current = this.state.rateLimits[scope];
    if (current && current.until >= until) return;
    this.store.update({ rateLimits: { ...this.state.rateLimits, [scope]: { path, seconds, until } } });
    clearTimeout(this.#timers.get(scope));
    this.#timers.set(scope, setTimeout(() => this.rateLimitOver(scope), Math.max(0, until - Date.now())));
  }

  /** The wait is over: the banner's refusal goes (search asks again by itself, kg-search watches for this). */
  rateLimitOver(scope: RateLimitScope): void {
    clearTimeout(this.#timers.get(scope));
    this.#timers.delete(scope);
    if (!this.state.rateLimits[scope]) return;
    const patch: Parameters<typeof this.store.update>[0] = { rateLimits: { ...this.state.rateLimits, [scope]: null } };
    if (scope === 'other' && this.state.error?.code === 'rate_limited') patch.error = null;
    this.store.update(patch);
  }
}
