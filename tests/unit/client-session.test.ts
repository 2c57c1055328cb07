// The session slice and its actions, with the API answered by a fake fetch: asking who uses the page first, signing in (wrong, throttled, right), a session that ends, the owner's name.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken, type SessionInfo } from '../../client/src/api.ts';
import { createActions, type Actions } from '../../client/src/state/actions/index.ts';
import type { SessionEnvironment } from '../../client/src/state/actions/session.ts';
import { consoleOpen, explorerOpen, initialSession, isAdmin, sessionFrom, signInErrorText, WRONG_CREDENTIALS } from '../../client/src/state/session.ts';
import { Store } from '../../client/src/state/store.ts';
import { schema } from './client-fixtures.ts';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const signedOut: SessionInfo = { mode: 'accounts', signedIn: false, roles: {}, console: false, oidc: { name: 'Example ID' } };
const viewer: SessionInfo = { mode: 'accounts', signedIn: true, user: { id: 'u1', username: 'vera', displayName: 'Vera', isAdmin: false }, csrfToken: 'csrf-1', roles: { mali: 'viewer' }, console: false };
const other: SessionInfo = { ...viewer, user: { id: 'u2', username: 'ada', displayName: 'Ada', isAdmin: true }, csrfToken: 'csrf-2', roles: 'all', console: true };
const owner: SessionInfo = { mode: 'owner', signedIn: true, user: { id: 'owner', username: 'owner', displayName: 'owner', isAdmin: true }, roles: 'all', console: true };

/** A server: the session it answers (changed by sign-in), sign-in outcomes in order, and the explorer's first requests. */
function fakeServer(start: SessionInfo) {
  let session = start;
  const signIns: Response[] = [];
  const calls: { method: string; path: string; headers: Headers }[] = [];
  const fetch = vi.fn(async (input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://test');
    calls.push({ method: init?.method ?? 'GET', path: url.pathname, headers: new Headers(init?.headers) });
    switch (url.pathname) {
      case '/api/auth/session':
        return json(session);
      case '/api/auth/sign-in': {
        const answer = signIns.shift();
        if (answer) return answer;
        return json(session);
      }
      case '/api/auth/sign-out':
        return json({ ok: true });
      case '/api/auth/owner':
        return json({ ok: true });
      case '/api/schema':
        return json(schema);
      case '/api/graph':
        return json({ nodes: [], edges: [], total: 0, truncated: false });
      case '/api/nodes/gone':
        return json({ error: { code: 'unauthenticated', message: 'sign in first' } }, 401);
      default:
        return json({ error: { code: 'not_found', message: url.pathname } }, 404);
    }
  });
  return {
    fetch,
    calls,
    signIns,
    set session(next: SessionInfo) {
      session = next;
    },
  };
}

function environment(): SessionEnvironment & { left: number; declined: boolean } {
  const env = {
    left: 0,
    declined: false,
    leave: () => void env.left++,
    ownerNameDeclined: (declined?: boolean) => {
      if (declined !== undefined) env.declined = declined;
      return env.declined;
    },
  };
  return env;
}

describe('session slice', () => {
  it('starts unknown, and takes an answer of the server', () => {
    expect(initialSession().status).toBe('unknown');
    expect(explorerOpen(initialSession())).toBe(false);
    const out = sessionFrom(signedOut, initialSession());
    expect(out).toMatchObject({ status: 'signed-out', mode: 'accounts', user: null, oidc: { name: 'Example ID' }, askOwnerName: false });
    const vera = sessionFrom(viewer, out);
    expect(vera).toMatchObject({ status: 'signed-in', user: { id: 'u1' }, roles: { mali: 'viewer' }, oidc: null });
    expect([explorerOpen(vera), isAdmin(vera), consoleOpen(vera)]).toEqual([true, false, false]);
    const ada = sessionFrom(other, out);
    expect([isAdmin(ada), consoleOpen(ada)]).toEqual([true, true]);
  });

  it('asks the owner for a name while it is the default, unless they declined', () => {
    expect(sessionFrom(owner, initialSession()).askOwnerName).toBe(true);
    expect(sessionFrom(owner, initialSession(), false).askOwnerName).toBe(false);
    const named = { ...owner, user: { ...owner.user!, displayName: 'Awa' } };
    expect(sessionFrom(named, initialSession()).askOwnerName).toBe(false);
    // The owner is an admin, and the console is theirs.
    expect([isAdmin(sessionFrom(owner, initialSession())), consoleOpen(sessionFrom(owner, initialSession()))]).toEqual([true, true]);
  });

  it('says what a failed single sign-on means, and does not echo a code that is not a word', () => {
    expect(signInErrorText('access_denied')).toBe('Single sign-on was declined.');
    expect(signInErrorText('weird_code')).toContain('(weird_code)');
    expect(signInErrorText('<b>you have been hacked</b>')).not.toContain('hacked');
  });
});

describe('session actions', () => {
  let store: Store;
  let actions: Actions;
  let env: ReturnType<typeof environment>;
  let stopWatching: () => void;

  function open(start: SessionInfo) {
    const server = fakeServer(start);
    vi.stubGlobal('fetch', server.fetch);
    store = new Store();
    env = environment();
    actions = createActions(store, env);
    stopWatching = actions.watchApi();
    return server;
  }

  beforeEach(() => setCsrfToken(undefined));
  afterEach(() => {
    stopWatching();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('asks the session before anything else, and opens the explorer only when signed in', async () => {
    const server = open(signedOut);
    await actions.loadSession();
    expect(server.calls.map((c) => c.path)).toEqual(['/api/auth/session']);
    expect(store.state.session.status).toBe('signed-out');
    await actions.openExplorer(async () => null);
    expect(server.calls.map((c) => c.path)).toEqual(['/api/auth/session']);
    expect(store.state.phase).toBe('loading');
  });

  it('signs in: a wrong password is said in words, then the right one opens the explorer once, with the CSRF token on its writes', async () => {
    const server = open(signedOut);
    await actions.loadSession();
    server.signIns.push(json({ error: { code: 'sign_in_failed', message: 'unknown user or wrong password' } }, 401));
    expect(await actions.signIn('vera', 'wrong')).toBe(false);
    expect(store.state.session).toMatchObject({ status: 'signed-out', signInError: WRONG_CREDENTIALS, signingIn: false });
    // The form's own refusal does not count as a session that ended.
    expect(store.state.session.signInError).toBe(WRONG_CREDENTIALS);

    server.session = viewer;
    expect(await actions.signIn('vera', 'right password')).toBe(true);
    expect(store.state.session).toMatchObject({ status: 'signed-in', user: { id: 'u1' }, signInError: null });
    await Promise.all([actions.openExplorer(async () => null), actions.openExplorer(async () => null)]);
    expect(store.state.phase).toBe('ready');
    expect(server.calls.filter((c) => c.path === '/api/schema')).toHaveLength(1);
    expect(store.state.session.started).toBe(true);

    await actions.signOut();
    const out = server.calls.find((c) => c.path === '/api/auth/sign-out')!;
    expect(out.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(env.left).toBe(1);
  });

  it('keeps a throttled form closed until the Retry-After wait is over', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const server = open(signedOut);
    await actions.loadSession();
    server.signIns.push(json({ error: { code: 'rate_limited', message: 'too many failed sign-ins' } }, 429, { 'Retry-After': '30' }));
    expect(await actions.signIn('vera', 'x')).toBe(false);
    expect(store.state.session.signInBlockedUntil).toBe(1_030_000);
    // Sign-in's 429 is the form's: the page's rate-limit banner stays out of it.
    expect(store.state.rateLimits.other).toBeNull();
    actions.signInUnblocked();
    expect(store.state.session.signInBlockedUntil).toBeNull();
  });

  it('shows sign-in over the page when a request answers 401, and goes on for the same user', async () => {
    const server = open(viewer);
    await actions.loadSession();
    await actions.openExplorer(async () => null);
    actions.setPanel('admin', true);
    await actions.showNode('gone');
    expect(store.state.session).toMatchObject({ status: 'signed-out', started: true, signInError: 'Your session has ended; sign in again.' });
    // A modal dialog would sit above the sign-in form: it closes.
    expect(store.state.panels.admin).toBe(false);
    const rev = store.state.dataRev;
    expect(await actions.signIn('vera', 'right password')).toBe(true);
    expect(store.state.session.status).toBe('signed-in');
    expect(store.state.error).toBeNull();
    expect(store.state.dataRev).toBe(rev + 1);
    expect(env.left).toBe(0);
    expect(server.calls.filter((c) => c.path === '/api/schema')).toHaveLength(1);
  });

  it('leaves the page when someone else signs in over an ended session', async () => {
    const server = open(viewer);
    await actions.loadSession();
    await actions.openExplorer(async () => null);
    actions.sessionEnded();
    server.session = other;
    await actions.signIn('ada', 'her password');
    expect(env.left).toBe(1);
  });

  it('asks the owner once for a name, saves it with PUT /api/auth/owner and no CSRF token, or remembers "not now"', async () => {
    const server = open(owner);
    await actions.loadSession();
    expect(store.state.session).toMatchObject({ mode: 'owner', status: 'signed-in', askOwnerName: true });
    expect(await actions.setOwnerName(' Awa Traoré ')).toBe(true);
    const put = server.calls.find((c) => c.path === '/api/auth/owner')!;
    expect(put.method).toBe('PUT');
    expect(put.headers.has('X-CSRF-Token')).toBe(false);
    expect(store.state.session).toMatchObject({ askOwnerName: false, user: { displayName: 'Awa Traoré' } });

    open(owner);
    await actions.loadSession();
    actions.declineOwnerName();
    expect(env.declined).toBe(true);
    await actions.loadSession();
    expect(store.state.session.askOwnerName).toBe(false);
  });

  it('says why when the session cannot be asked', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    store = new Store();
    actions = createActions(store, environment());
    stopWatching = () => {};
    await actions.loadSession();
    expect(store.state.session).toMatchObject({ status: 'failed', failure: 'the server cannot be reached' });
  });

  it('takes the code of a failed single sign-on from the start', async () => {
    open(signedOut);
    await actions.loadSession('access_denied');
    expect(store.state.session.signInError).toBe('Single sign-on was declined.');
  });
});
