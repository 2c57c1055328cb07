// The store's fetched data: asked once and kept, a failure asked again, and Store.invalidate forgetting what a write may have changed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Store } from '../../client/src/state/store.ts';
import { edge, node } from './client-fixtures.ts';

/** hub -> a, hub -> b; answers details, neighbours, subgraphs, sources and the timeline, and counts each path asked. */
function fakeApi() {
  const nodes = [node('hub'), node('a'), node('b')];
  const edges = [edge('e1', 'hub', 'a'), edge('e2', 'hub', 'b')];
  const asked = new Map<string, number>();
  const failing = new Set<string>();
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://test');
    asked.set(url.pathname, (asked.get(url.pathname) ?? 0) + 1);
    if (failing.has(url.pathname)) return json({ error: { code: 'unavailable', message: 'try later' } }, 500);
    if (url.pathname === '/api/sources') return json({ sources: [{ id: 'src/1', title: 'One' }] });
    if (url.pathname === '/api/timeline') return json({ events: [], truncated: false });
    if (url.pathname === '/api/subgraph') {
      const ids = new Set((JSON.parse(String(init?.body)) as { ids: string[] }).ids);
      const among = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
      return json({ nodes: nodes.filter((n) => ids.has(n.id)).map((n) => ({ ...n, evidence: [] })), edges: among.map((e) => ({ ...e, evidence: [] })), missing: [] });
    }
    const around = url.pathname.match(/^\/api\/nodes\/([^/]+)\/neighbors$/);
    if (around) {
      const id = decodeURIComponent(around[1]!);
      const touching = edges.filter((e) => e.source === id || e.target === id);
      const ends = new Set(touching.flatMap((e) => [e.source, e.target]));
      return json({ node: nodes.find((n) => n.id === id), nodes: nodes.filter((n) => ends.has(n.id) && n.id !== id), edges: touching, total: touching.length, offset: 0, limit: 100, truncated: false, nextOffset: null });
    }
    const one = url.pathname.match(/^\/api\/nodes\/([^/]+)$/);
    if (one) return json({ node: nodes.find((n) => n.id === decodeURIComponent(one[1]!)), evidence: [], degree: 1, relationshipTypes: [], sources: [] });
    return json({ error: { code: 'not_found', message: url.pathname } }, 404);
  });
  return { fetch, asked, failing, count: (path: string) => asked.get(path) ?? 0 };
}

describe('client store: fetched data and invalidate', () => {
  let api: ReturnType<typeof fakeApi>;
  let store: Store;

  beforeEach(() => {
    api = fakeApi();
    vi.stubGlobal('fetch', api.fetch);
    store = new Store();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks once for node details, sources and a timeline, and again after a failure', async () => {
    await store.data.nodeDetails('a');
    await store.data.nodeDetails('a');
    await store.data.sourceIndex();
    await store.data.sourceIndex();
    await store.data.wholeTimeline();
    await store.data.wholeTimeline();
    expect([api.count('/api/nodes/a'), api.count('/api/sources'), api.count('/api/timeline')]).toEqual([1, 1, 1]);
    api.failing.add('/api/nodes/b');
    await expect(store.data.nodeDetails('b')).rejects.toThrow('try later');
    api.failing.clear();
    expect((await store.data.nodeDetails('b')).node.id).toBe('b');
    expect(api.count('/api/nodes/b')).toBe(2);
  });

  it('forgets for the ids a write touched: their details, the story pages that mention them, every timeline, their evidence; and says so with dataRev', async () => {
    await store.data.nodeDetails('a');
    await store.data.nodeDetails('b');
    await store.data.storyPage('hub');
    await store.data.storyPage('b');
    await store.data.wholeTimeline();
    await store.data.sourceIndex();
    store.update({ evidence: new Map([['a', []], ['e1', []], ['b', []]]) });
    const rev = store.state.dataRev;

    store.invalidate({ ids: ['a'] });

    expect(store.state.dataRev).toBe(rev + 1);
    expect([...store.state.evidence.keys()]).toEqual(['e1', 'b']);
    await store.data.nodeDetails('a');
    await store.data.nodeDetails('b');
    expect([api.count('/api/nodes/a'), api.count('/api/nodes/b')]).toEqual([2, 1]);
    // The hub's story names a; b's story does not.
    await store.data.storyPage('hub');
    await store.data.storyPage('b');
    expect([api.count('/api/nodes/hub/neighbors'), api.count('/api/nodes/b/neighbors')]).toEqual([2, 1]);
    await store.data.wholeTimeline();
    await store.data.sourceIndex();
    expect([api.count('/api/timeline'), api.count('/api/sources')]).toEqual([2, 1]);
  });

  it('forgets the source index and the node details (they carry source titles) when sources changed, and everything when nothing is named', async () => {
    await store.data.sourceIndex();
    await store.data.nodeDetails('a');
    store.update({ evidence: new Map([['a', []]]) });
    store.invalidate({ sources: true });
    await store.data.sourceIndex();
    await store.data.nodeDetails('a');
    expect([api.count('/api/sources'), api.count('/api/nodes/a')]).toEqual([2, 2]);
    expect(store.state.evidence.has('a')).toBe(true);

    await store.data.wholeTimeline();
    await store.data.storyPage('b');
    store.invalidate();
    expect(store.state.evidence.size).toBe(0);
    await Promise.all([store.data.sourceIndex(), store.data.nodeDetails('a'), store.data.wholeTimeline(), store.data.storyPage('b')]);
    expect([api.count('/api/sources'), api.count('/api/nodes/a'), api.count('/api/timeline'), api.count('/api/nodes/b/neighbors')]).toEqual([3, 3, 2, 2]);
  });

  it('does not keep an answer that was on its way when the write happened', async () => {
    const before = store.data.nodeDetails('hub');
    store.invalidate({ ids: ['other'] });
    await before;
    await store.data.nodeDetails('hub');
    expect(api.count('/api/nodes/hub')).toBe(2);
  });
});
