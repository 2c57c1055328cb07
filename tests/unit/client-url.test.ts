// The view in the URL's hash: what a copied link carries, what a hostile or stale link cannot do.
import { describe, expect, it } from 'vitest';
import { initialState, type ViewState } from '../../client/src/state/store.ts';
import { hashToView, significantPart, URL_NODE_LIMIT, viewToHash } from '../../client/src/state/url.ts';
import { node } from './client-fixtures.ts';

function view(patch: Partial<ViewState>): ViewState {
  return { ...initialState(), ...patch };
}

describe('client URL encoding', () => {
  it('writes nothing for an empty view, and reads nothing from an empty hash', () => {
    expect(viewToHash(initialState())).toBe('');
    expect(hashToView('')).toBeNull();
    expect(hashToView('#')).toBeNull();
  });

  it('round-trips nodes, rounded positions, pins, selection, filters, time range, layout and panels', () => {
    const state = view({
      nodes: new Map(['org/aeem', 'person/x y', 'authority/a:b'].map((id) => [id, node(id)])),
      positions: new Map([['org/aeem', { x: 10.4, y: -3.6 }], ['person/x y', { x: 0, y: 0 }], ['authority/a:b', { x: 100, y: 200 }]]),
      pinned: new Set(['org/aeem']),
      selection: { kind: 'edge', id: 'rel/1,2&3' },
      hiddenLabels: new Set(['Person']),
      hiddenTypes: new Set(['ACCUSED', 'LED']),
      timeRange: { from: '2023-06', to: '2024-03' },
      layout: 'concentric',
      panels: { timeline: true, console: false, list: true, paths: false, help: true, admin: true, addSource: false, review: false },
    });
    const hash = viewToHash(state);
    expect(hash).toContain('n=org/aeem,person/x%20y,authority/a:b');
    expect(hash).toContain('p=10_-4,0_0,100_200');
    expect(hash).not.toContain('help');
    expect(hash).not.toContain('admin');
    const back = hashToView(hash)!;
    expect(back.nodes).toEqual(['org/aeem', 'person/x y', 'authority/a:b']);
    expect(back.positions.get('org/aeem')).toEqual({ x: 10, y: -4 });
    expect(back.pinned).toEqual(['org/aeem']);
    expect(back.selection).toEqual({ kind: 'edge', id: 'rel/1,2&3' });
    expect(back.hiddenLabels).toEqual(['Person']);
    expect(back.hiddenTypes).toEqual(['ACCUSED', 'LED']);
    expect(back.timeRange).toEqual({ from: '2023-06', to: '2024-03' });
    expect(back.layout).toBe('concentric');
    expect(back.panels).toEqual(['timeline', 'list']);
  });

  it('leaves positions out unless every node has one', () => {
    const state = view({ nodes: new Map([['a', node('a')], ['b', node('b')]]), positions: new Map([['a', { x: 1, y: 1 }]]) });
    expect(viewToHash(state)).toBe('#n=a,b');
    expect(hashToView('#n=a,b&p=1_1')!.positions.size).toBe(0);
  });

  it('names a large overview instead of listing its nodes (links stay shareable)', () => {
    const ids = Array.from({ length: URL_NODE_LIMIT + 1 }, (_, i) => `n${i}`);
    const state = view({ nodes: new Map(ids.map((id) => [id, node(id)])), overview: 2000, pinned: new Set(['n1']) });
    expect(viewToHash(state)).toBe('#o=2000');
    expect(hashToView('#o=2000')).toMatchObject({ nodes: null, overview: 2000 });
  });

  it('ignores what it does not understand: unknown layouts and panels, malformed months, selections and escapes', () => {
    const back = hashToView('#n=a,%E0%A4%A&l=spiral&panels=console,admin&from=2024-3&to=2024-13-01&s=x:a&p=1_2,nan_3')!;
    expect(back.nodes).toEqual(['a', '%E0%A4%A']);
    expect(back.layout).toBe('fcose');
    expect(back.panels).toEqual(['console']);
    expect(back.timeRange).toEqual({ from: null, to: null });
    expect(back.selection).toBeNull();
    // A malformed position is dropped alone; the layout places that node.
    expect([...back.positions.keys()]).toEqual(['a']);
    expect(hashToView('#o=-5')).toBeNull();
    expect(hashToView('#l=grid')).toBeNull();
  });

  it('treats a change of positions alone as the same history step', () => {
    expect(significantPart('#n=a,b&p=1_2,3_4&l=grid')).toBe(significantPart('#n=a,b&p=9_9,8_8&l=grid'));
    expect(significantPart('#n=a,b&p=1_2,3_4')).not.toBe(significantPart('#n=a&p=1_2'));
  });
});
