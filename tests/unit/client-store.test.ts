// The client's one store: listeners see old and new state, undo and redo restore the canvas parts, history is bounded.
import { describe, expect, it } from 'vitest';
import { initialState, Store } from '../../client/src/state/store.ts';
import { edge, node } from './client-fixtures.ts';

function withGraph(store: Store, ids: string[]): void {
  store.update({ nodes: new Map(ids.map((id) => [id, node(id)])), edges: new Map() });
}

describe('client store', () => {
  it('starts empty and loading, with the fcose layout and every panel closed', () => {
    const state = initialState();
    expect(state.phase).toBe('loading');
    expect(state.nodes.size).toBe(0);
    expect(state.layout).toBe('fcose');
    expect(Object.values(state.panels).every((open) => !open)).toBe(true);
  });

  it('replaces only the patched parts and tells every listener the old and new state', () => {
    const store = new Store();
    const seen: [string, string][] = [];
    const stop = store.subscribe((state, previous) => seen.push([previous.phase, state.phase]));
    const nodesBefore = store.state.nodes;
    store.update({ phase: 'ready' });
    expect(seen).toEqual([['loading', 'ready']]);
    expect(store.state.nodes).toBe(nodesBefore);
    stop();
    store.update({ phase: 'failed' });
    expect(seen).toHaveLength(1);
  });

  it('undoes and redoes canvas changes, and a new change clears the redo stack', () => {
    const store = new Store();
    expect(store.canUndo).toBe(false);
    expect(store.undo()).toBe(false);
    withGraph(store, ['a']);
    store.checkpoint();
    withGraph(store, ['a', 'b']);
    expect(store.canUndo).toBe(true);
    expect(store.undo()).toBe(true);
    expect([...store.state.nodes.keys()]).toEqual(['a']);
    expect(store.canRedo).toBe(true);
    expect(store.redo()).toBe(true);
    expect([...store.state.nodes.keys()]).toEqual(['a', 'b']);
    store.undo();
    store.checkpoint();
    expect(store.canRedo).toBe(false);
  });

  it('asks the canvas to re-apply positions on undo and drops path results and a selection that no longer exists', () => {
    const store = new Store();
    withGraph(store, ['a']);
    store.checkpoint();
    withGraph(store, ['a', 'b']);
    store.update({ selection: { kind: 'node', id: 'b' }, paths: { ...store.state.paths, result: [{ nodes: ['a', 'b'], edges: [] }] } });
    const rev = store.state.positionsRev;
    store.undo();
    expect(store.state.selection).toBeNull();
    expect(store.state.paths.result).toBeNull();
    expect(store.state.positionsRev).toBe(rev + 1);
  });

  it('keeps a selected edge that the restored view still has', () => {
    const store = new Store();
    store.update({ nodes: new Map([['a', node('a')], ['b', node('b')]]), edges: new Map([['e', edge('e', 'a', 'b')]]), selection: { kind: 'edge', id: 'e' } });
    store.checkpoint();
    withGraph(store, ['a']);
    store.undo();
    expect(store.state.selection).toEqual({ kind: 'edge', id: 'e' });
  });

  it('remembers at most 100 steps', () => {
    const store = new Store();
    for (let i = 0; i < 130; i++) {
      store.checkpoint();
      withGraph(store, [`n${i}`]);
    }
    let steps = 0;
    while (store.undo()) steps++;
    expect(steps).toBe(100);
    expect([...store.state.nodes.keys()]).toEqual(['n29']);
  });
});
