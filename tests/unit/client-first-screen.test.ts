// What the page opens on without a named view: the overview of a database that can be drawn whole, the schema view of one too large (issue #26), and what the start then asks the server.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GraphSchema } from '../../client/src/api.ts';
import { createActions, DEFAULT_OVERVIEW } from '../../client/src/state/actions/index.ts';
import { firstScreen, OVERVIEW_MAX_NODES } from '../../client/src/state/first-screen.ts';
import { Store } from '../../client/src/state/store.ts';

/** A schema of `ours` (declared labels, a dataset) or a foreign database, with `nodes` nodes in two labels. */
function schemaOf(nodes: number, options: { ours: boolean; overviewMaxNodes?: number }): GraphSchema {
  const half = Math.floor(nodes / 2);
  return {
    labels: [
      { label: 'Person', count: half, declared: options.ours, caption: 'name', color: '#e15759', shape: 'ellipse', properties: [] },
      { label: 'Organization', count: nodes - half, declared: options.ours, caption: 'name', color: '#4e79a7', shape: 'round-rectangle', properties: [] },
    ],
    relationshipTypes: [],
    search: { mode: options.ours ? 'fulltext' : 'scan', index: 'entity_search', properties: [], command: '' },
    evidence: options.ours,
    sourceCount: 0,
    datasets: options.ours ? [{ id: 'ds', title: 'A dataset', synthetic: true }] : [],
    ...(options.overviewMaxNodes === undefined ? {} : { overviewMaxNodes: options.overviewMaxNodes }),
  } as unknown as GraphSchema;
}

describe('first screen', () => {
  it('draws our database whole up to the server\'s overviewMaxNodes, and opens on its schema view above', () => {
    expect(firstScreen(schemaOf(2000, { ours: true, overviewMaxNodes: 2000 }), DEFAULT_OVERVIEW)).toBe('overview');
    expect(firstScreen(schemaOf(2001, { ours: true, overviewMaxNodes: 2000 }), DEFAULT_OVERVIEW)).toBe('schema');
    expect(firstScreen(schemaOf(1_000_000, { ours: true, overviewMaxNodes: 2000 }), DEFAULT_OVERVIEW)).toBe('schema');
    // A low threshold (OVERVIEW_MAX_NODES=10 on the server) sends even a small database to the schema view.
    expect(firstScreen(schemaOf(18, { ours: true, overviewMaxNodes: 10 }), DEFAULT_OVERVIEW)).toBe('schema');
  });

  it('takes the default threshold from a server that does not say', () => {
    expect(firstScreen(schemaOf(OVERVIEW_MAX_NODES, { ours: true }), DEFAULT_OVERVIEW)).toBe('overview');
    expect(firstScreen(schemaOf(OVERVIEW_MAX_NODES + 1, { ours: true }), DEFAULT_OVERVIEW)).toBe('schema');
  });

  it('opens a foreign database on its shape unless it fits in the first overview', () => {
    expect(firstScreen(schemaOf(DEFAULT_OVERVIEW, { ours: false, overviewMaxNodes: 2000 }), DEFAULT_OVERVIEW)).toBe('overview');
    expect(firstScreen(schemaOf(DEFAULT_OVERVIEW + 1, { ours: false, overviewMaxNodes: 2000 }), DEFAULT_OVERVIEW)).toBe('schema');
  });

  it('opens on the (empty) overview without a schema or without data', () => {
    expect(firstScreen(null, DEFAULT_OVERVIEW)).toBe('overview');
    expect(firstScreen(schemaOf(0, { ours: false }), DEFAULT_OVERVIEW)).toBe('overview');
  });
});

describe('start on a database too large to draw whole', () => {
  afterEach(() => vi.unstubAllGlobals());

  function serve(schema: GraphSchema) {
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string) => {
        const url = new URL(input, 'http://test');
        calls.push(url.pathname);
        const body = url.pathname === '/api/schema' ? schema : url.pathname === '/api/graph' ? { nodes: [], edges: [], total: 0, truncated: false } : {};
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    return calls;
  }

  it('shows the schema view and asks for no overview', async () => {
    const calls = serve(schemaOf(1_000_000, { ours: true, overviewMaxNodes: 2000 }));
    const store = new Store();
    await createActions(store).start(null);
    expect(store.state.phase).toBe('ready');
    expect(store.state.schemaView).toBe(true);
    expect(calls).toEqual(['/api/schema']);
  });

  it('draws a database that fits, as before', async () => {
    const calls = serve(schemaOf(500, { ours: true, overviewMaxNodes: 2000 }));
    const store = new Store();
    await createActions(store).start(null);
    expect(store.state.schemaView).toBe(false);
    expect(calls).toEqual(['/api/schema', '/api/graph']);
  });

  it('goes back to the schema view when the URL names no view any more', async () => {
    serve(schemaOf(1_000_000, { ours: true, overviewMaxNodes: 2000 }));
    const store = new Store();
    const actions = createActions(store);
    await actions.start(null);
    store.update({ schemaView: false });
    await actions.restoreView(null);
    expect(store.state.schemaView).toBe(true);
  });
});
