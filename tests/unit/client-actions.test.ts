// The user's actions over the store, with the API answered by a fake fetch: expansion pages, collapse, hide, pins, undo, filters, restoring a link.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActions, EXPAND_PAGE, type Actions } from '../../client/src/state/actions/index.ts';
import { Store } from '../../client/src/state/store.ts';
import { hashToView } from '../../client/src/state/url.ts';
import { edge, node, schema } from './client-fixtures.ts';

/** Answers the API paths the actions call from a tiny graph: hub -> leaf1..leafN, and leaf1 -> other. */
function fakeApi(leaves: number) {
  const hub = node('hub', ['Organization'], { name: 'Hub' });
  const leafNodes = Array.from({ length: leaves }, (_, i) => node(`leaf${i + 1}`));
  const other = node('other');
  const edges = [...leafNodes.map((l, i) => edge(`e${i + 1}`, 'hub', l.id)), edge('x', 'leaf1', 'other')];
  const all = [hub, ...leafNodes, other];
  const calls: string[] = [];
  /** Health answers to give, in order; then 'ok'. */
  const health: unknown[] = [];
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://test');
    calls.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    if (url.pathname === '/api/schema') return json(schema);
    if (url.pathname === '/api/health') return json(health.shift() ?? { status: 'ok', neo4j: { version: '5.26.0', edition: 'community' } });
    if (url.pathname === '/api/graph') return json({ nodes: [hub], edges: [], total: all.length, truncated: true });
    const neighbours = url.pathname.match(/^\/api\/nodes\/([^/]+)\/neighbors$/);
    if (neighbours) {
      const id = decodeURIComponent(neighbours[1]!);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 25);
      const around = edges.filter((e) => e.source === id || e.target === id);
      const page = around.slice(offset, offset + limit);
      const ids = new Set(page.flatMap((e) => [e.source, e.target]));
      const next = offset + limit < around.length ? offset + limit : null;
      return json({ node: all.find((n) => n.id === id), nodes: all.filter((n) => ids.has(n.id)), edges: page, total: around.length, offset, limit, truncated: next !== null, nextOffset: next });
    }
    const one = url.pathname.match(/^\/api\/nodes\/([^/]+)$/);
    if (one) {
      const found = all.find((n) => n.id === decodeURIComponent(one[1]!));
      return found ? json({ node: found, evidence: [], degree: 1, relationshipTypes: [], sources: [] }) : json({ error: { code: 'not_found', message: 'no such node' } }, 404);
    }
    if (url.pathname === '/api/subgraph') {
      const asked = (JSON.parse(String(init?.body)) as { ids: string[] }).ids;
      const ids = new Set(asked);
      return json({
        nodes: all.filter((n) => ids.has(n.id)).map((n) => ({ ...n, evidence: [{ sourceId: 's', quote: 'q', level: 'quote' }] })),
        edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ ...e, evidence: [] })),
        missing: asked.filter((id) => !all.some((n) => n.id === id)),
      });
    }
    return json({ error: { code: 'not_found', message: url.pathname } }, 404);
  });
  return { fetch, calls, health };
}

/** Lets the actions' follow-up requests (edges among the canvas) finish. */
const idle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('client actions', () => {
  let api: ReturnType<typeof fakeApi>;
  let store: Store;
  let actions: Actions;

  beforeEach(() => {
    api = fakeApi(EXPAND_PAGE + 5);
    vi.stubGlobal('fetch', api.fetch);
    store = new Store();
    actions = createActions(store);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('starts with the schema and the overview, and asks for a layout', async () => {
    await actions.start(null);
    const state = store.state;
    expect(state.phase).toBe('ready');
    expect(state.schema).toEqual(schema);
    expect([...state.nodes.keys()]).toEqual(['hub']);
    expect(state.overview).toBe(300);
    expect(state.layoutRev).toBe(1);
    expect(state.busy).toBe(0);
  });

  it('expands a page at a time, then the rest, each one undo step', async () => {
    await actions.start(null);
    await actions.expand('hub');
    await idle();
    expect(store.state.nodes.size).toBe(EXPAND_PAGE + 1);
    expect(store.state.expansions.get('hub')).toEqual({ total: EXPAND_PAGE + 5, nextOffset: EXPAND_PAGE, types: null });
    expect(store.state.selection).toEqual({ kind: 'node', id: 'hub' });
    expect(store.state.overview).toBeNull();
    await actions.expand('hub', { more: true });
    await idle();
    expect(store.state.nodes.size).toBe(EXPAND_PAGE + 6);
    expect(store.state.expansions.get('hub')!.nextOffset).toBeNull();
    expect(api.calls).toContain(`GET /api/nodes/hub/neighbors?limit=${EXPAND_PAGE}&offset=${EXPAND_PAGE}`);
    actions.undo();
    expect(store.state.nodes.size).toBe(EXPAND_PAGE + 1);
    actions.undo();
    expect(store.state.nodes.size).toBe(1);
    actions.redo();
    expect(store.state.nodes.size).toBe(EXPAND_PAGE + 1);
  });

  it('fills in edges among the canvas that no expansion brought', async () => {
    await actions.start(null);
    await actions.expand('hub');
    await actions.showNode('other');
    await idle();
    expect(store.state.edges.has('x')).toBe(true);
    expect(store.state.evidence.get('other')).toEqual([{ sourceId: 's', quote: 'q', level: 'quote' }]);
  });

  it('collapses only the neighbours that hang on the node alone, sparing pinned ones', async () => {
    await actions.start(null);
    await actions.expand('hub');
    await actions.showNode('other');
    await idle();
    actions.togglePin('leaf2');
    actions.collapse('hub');
    const left = [...store.state.nodes.keys()].sort();
    expect(left).toEqual(['hub', 'leaf1', 'leaf2', 'other']);
    expect(store.state.expansions.has('hub')).toBe(false);
    expect(store.state.pinned.has('leaf2')).toBe(true);
  });

  it('hides nodes with their edges and drops a selection that went with them', async () => {
    await actions.start(null);
    await actions.expand('hub');
    actions.select({ kind: 'edge', id: 'e1' });
    actions.hide(['leaf1', 'nowhere']);
    expect(store.state.nodes.has('leaf1')).toBe(false);
    expect(store.state.edges.has('e1')).toBe(false);
    expect(store.state.selection).toBeNull();
    actions.undo();
    expect(store.state.selection).toEqual({ kind: 'edge', id: 'e1' });
  });

  it('orders the time range, toggles filters and panels', () => {
    actions.setTimeRange({ from: '2024-05', to: '2023-01' });
    expect(store.state.timeRange).toEqual({ from: '2023-01', to: '2024-05' });
    actions.toggleLabel('Person');
    actions.toggleType('ACCUSED');
    expect([...store.state.hiddenLabels]).toEqual(['Person']);
    actions.toggleLabel('Person');
    expect(store.state.hiddenLabels.size).toBe(0);
    actions.showAllTypes();
    expect(store.state.hiddenTypes.size).toBe(0);
    const panels = store.state.panels;
    actions.setPanel('list', false);
    expect(store.state.panels).toBe(panels);
    actions.togglePanel('list');
    expect(store.state.panels.list).toBe(true);
  });

  it('turns an API error into the error banner with its code', async () => {
    await actions.showNode('missing');
    expect(store.state.error).toEqual({ message: 'no such node', code: 'not_found' });
    expect(store.state.busy).toBe(0);
    expect(store.state.nodes.size).toBe(0);
  });

  it('restores a copied link: the nodes it names, their positions, filters and a selection that exists', async () => {
    const view = hashToView('#n=hub,leaf1&p=0_0,100_50&s=e:e1&ht=ACCUSED&l=grid&panels=list&from=2024-01')!;
    await actions.start(view);
    const state = store.state;
    expect([...state.nodes.keys()].sort()).toEqual(['hub', 'leaf1']);
    expect([...state.edges.keys()]).toEqual(['e1']);
    expect(state.selection).toEqual({ kind: 'edge', id: 'e1' });
    expect(state.positions.get('leaf1')).toEqual({ x: 100, y: 50 });
    expect(state.positionsRev).toBe(1);
    expect(state.layout).toBe('grid');
    expect(state.panels.list).toBe(true);
    expect(state.timeRange).toEqual({ from: '2024-01', to: null });
    expect([...state.hiddenTypes]).toEqual(['ACCUSED']);
    // The same link again changes nothing on the canvas (back/forward within one view).
    const nodes = store.state.nodes;
    await actions.restoreView(view);
    expect(store.state.nodes).toBe(nodes);
  });

  it('puts every group on one object that shares one tracker: busy counts requests of any group, failures land in one banner', async () => {
    for (const name of ['start', 'restoreView', 'select', 'setPanel', 'expand', 'loadEvidence', 'openLabel', 'setCaption', 'refreshMetrics', 'findPaths', 'selectEvent', 'showResult']) {
      expect(typeof (actions as unknown as Record<string, unknown>)[name]).toBe('function');
    }
    expect(actions.metricsWanted).toBe(false);
    actions.setPanel('list', true);
    expect(actions.metricsWanted).toBe(true);
    const busy: number[] = [];
    store.subscribe((state) => busy.push(state.busy));
    await Promise.all([actions.start(null), actions.showNode('missing')]);
    expect(Math.max(...busy)).toBe(2);
    expect(store.state.busy).toBe(0);
    expect(store.state.error).toEqual({ message: 'no such node', code: 'not_found' });
    actions.dismissError();
    expect(store.state.error).toBeNull();
  });

  it("says the server is warming while health says so, and forgets it once health says 'ok'", async () => {
    api.health.push({ status: 'warming', reason: 'planning the named queries', neo4j: { version: '5.26.0', edition: 'community' } });
    await actions.checkHealth();
    expect(store.state.warming).toBe('planning the named queries');
    expect(store.state.neo4jDown).toBeNull();
    await actions.checkHealth();
    expect(store.state.warming).toBeNull();
  });
});
