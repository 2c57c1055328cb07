// 429s (issue #26): Retry-After read in both its forms, the wait carried by the error, and the countdown the page shows until it may ask again (search's in its box's place, the rest in the banner).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, DEFAULT_RETRY_AFTER_S, parseRetryAfter, runCypher, search } from '../../client/src/api.ts';
import { createActions, type Actions } from '../../client/src/state/actions/index.ts';
import { rateLimitScope, secondsLeft } from '../../client/src/state/session.ts';
import { Store } from '../../client/src/state/store.ts';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('12', NOW)).toBe(12);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter(new Date(NOW + 9_500).toUTCString(), NOW)).toBe(9);
    expect(parseRetryAfter('Wed, 15 Jan 2025 12:00:30 GMT', NOW)).toBe(30);
    // A date already past still waits a second: the server said to wait.
    expect(parseRetryAfter('Wed, 15 Jan 2025 11:00:00 GMT', NOW)).toBe(1);
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('-3', NOW)).toBeNull();
  });

  it('counts whole seconds down to zero', () => {
    expect(secondsLeft(NOW + 10_000, NOW)).toBe(10);
    expect(secondsLeft(NOW + 9_001, NOW)).toBe(10);
    expect(secondsLeft(NOW + 1, NOW)).toBe(1);
    expect(secondsLeft(NOW, NOW)).toBe(0);
    expect(secondsLeft(NOW - 5_000, NOW)).toBe(0);
    expect(secondsLeft(null, NOW)).toBe(0);
  });

  it('sorts refusals: search in its box, the rest in the banner', () => {
    expect(rateLimitScope('/api/search')).toBe('search');
    expect(rateLimitScope('/api/cypher')).toBe('other');
  });
});

describe('429 handling', () => {
  let store: Store;
  let actions: Actions;
  let stop: () => void;
  let answers: Response[];

  const limited = (retryAfter?: string, path = 'search') =>
    new Response(JSON.stringify({ error: { code: 'rate_limited', message: `too many requests to /${path}` } }), {
      status: 429,
      headers: { 'content-type': 'application/json', ...(retryAfter === undefined ? {} : { 'Retry-After': retryAfter }) },
    });

  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
    answers = [];
    vi.stubGlobal('fetch', vi.fn(async () => answers.shift() ?? new Response(JSON.stringify({ results: [] }), { status: 200 })));
    store = new Store();
    actions = createActions(store, { leave: () => {}, ownerNameDeclined: () => false });
    stop = actions.watchApi();
  });
  afterEach(() => {
    stop();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('carries the wait on the error, with a default when the header is missing', async () => {
    answers.push(limited('7'), limited());
    const first = await search('a').catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ApiError);
    expect(first).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 7 });
    const second = (await search('a').catch((e: unknown) => e)) as ApiError;
    expect(second.retryAfter).toBe(DEFAULT_RETRY_AFTER_S);
  });

  it('holds a search refusal until its wait is over, counting down', async () => {
    answers.push(limited('10'));
    await search('mali').catch(() => {});
    const limit = store.state.rateLimits.search!;
    expect(limit).toEqual({ path: '/api/search', seconds: 10, until: NOW + 10_000 });
    expect(store.state.rateLimits.other).toBeNull();
    expect(secondsLeft(limit.until)).toBe(10);
    vi.advanceTimersByTime(3_000);
    expect(secondsLeft(store.state.rateLimits.search?.until)).toBe(7);
    vi.advanceTimersByTime(7_000);
    expect(store.state.rateLimits.search).toBeNull();
  });

  it('puts other refusals in the banner, and clears the banner when the wait ends', async () => {
    // An action's request, through the tracker: the banner shows the refusal.
    answers.push(limited('4', 'graph'));
    await actions.loadOverview();
    expect(store.state.rateLimits.other).toMatchObject({ path: '/api/graph', seconds: 4 });
    expect(store.state.error?.code).toBe('rate_limited');
    // A component's own request (the console's) counts too.
    answers.push(limited('6', 'cypher'));
    await runCypher('RETURN 1', {}).catch(() => {});
    expect(store.state.rateLimits.other).toMatchObject({ path: '/api/cypher', seconds: 6 });
    vi.advanceTimersByTime(4_000);
    expect(store.state.rateLimits.other).not.toBeNull();
    vi.advanceTimersByTime(2_000);
    expect(store.state.rateLimits.other).toBeNull();
    expect(store.state.error).toBeNull();
  });

  it('keeps the longer of two waits', () => {
    actions.rateLimited('/api/cypher', 20);
    actions.rateLimited('/api/cypher', 5);
    expect(store.state.rateLimits.other?.seconds).toBe(20);
    vi.advanceTimersByTime(5_000);
    expect(store.state.rateLimits.other).not.toBeNull();
    vi.advanceTimersByTime(15_000);
    expect(store.state.rateLimits.other).toBeNull();
  });
});
