// The one table of keyboard shortcuts: every shortcut has a handler and a row in the help, no key is claimed twice, and the page's keys do what the table says.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createActions, type Actions } from '../../client/src/state/actions/index.ts';
import {
  bindingLabel,
  canvasHandlers,
  consoleHandlers,
  helpRows,
  matchShortcut,
  pageHandlers,
  routeKey,
  searchHandlers,
  SHORTCUTS,
  type Binding,
  type DockPanel,
  type ShortcutScope,
} from '../../client/src/state/shortcuts.ts';
import { Store } from '../../client/src/state/store.ts';
import { node } from './client-fixtures.ts';

/** A key press as the routers read it (Node has no KeyboardEvent). */
function press(key: string, options: { mod?: boolean; shift?: boolean; alt?: boolean } = {}) {
  return {
    key,
    ctrlKey: options.mod ?? false,
    metaKey: false,
    shiftKey: options.shift ?? false,
    altKey: options.alt ?? false,
    preventDefault: vi.fn(),
    stopPropagation: vi.fn(),
  } as unknown as KeyboardEvent & { preventDefault: ReturnType<typeof vi.fn> };
}

function pressOf(binding: Binding) {
  return press(binding.key, { mod: binding.mod, shift: binding.shift ?? /^[A-Z]$/.test(binding.key) });
}

describe('keyboard shortcuts', () => {
  let store: Store;
  let actions: Actions;
  let typing: boolean;
  let panel: DockPanel | null;
  const page = { focusSearch: vi.fn(), focusCanvas: vi.fn(), fit: vi.fn() };

  beforeEach(() => {
    store = new Store();
    actions = createActions(store);
    typing = false;
    panel = null;
    vi.clearAllMocks();
  });

  const handlers = () => ({
    page: pageHandlers({ actions, state: () => store.state, typing: () => typing, onControl: () => false, panelAround: () => panel, ...page }),
    canvas: canvasHandlers({ moveSelection: () => undefined, walkEdges: () => true }),
    search: searchHandlers({ move: () => undefined, choose: () => undefined, close: () => undefined }),
    console: consoleHandlers({ run: () => undefined }),
  });

  it('has a handler for every shortcut in the table, and none for an action the table does not name', () => {
    const all = handlers();
    for (const shortcut of SHORTCUTS) expect(typeof (all[shortcut.scope] as Record<string, unknown>)[shortcut.action], `${shortcut.scope} ${shortcut.action}`).toBe('function');
    for (const scope of Object.keys(all) as ShortcutScope[]) {
      expect(Object.keys(all[scope]).sort()).toEqual(SHORTCUTS.filter((s) => s.scope === scope).map((s) => s.action).sort());
    }
  });

  it('lists every shortcut in the help with each of its keys and its description', () => {
    const rows = helpRows();
    expect(rows).toHaveLength(SHORTCUTS.length);
    for (const shortcut of SHORTCUTS) {
      const row = rows.find((r) => r.action === shortcut.action)!;
      expect(row.description).toBe(shortcut.description);
      for (const binding of shortcut.keys) expect(row.keys).toContain(bindingLabel(binding));
    }
    const keys = Object.fromEntries(rows.map((r) => [r.action, r.keys]));
    expect(keys).toMatchObject({ search: '/ or Ctrl+K', hide: 'H or Delete', redo: 'Ctrl+Shift+Z or Ctrl+Y', layout: '1 2 3 4', 'walk-edges': 'E or Shift+E', escape: 'Esc', help: '?' });
  });

  it('gives each key of a scope to one shortcut only', () => {
    for (const shortcut of SHORTCUTS) {
      for (const binding of shortcut.keys) expect(matchShortcut(shortcut.scope, pressOf(binding))?.action, `${shortcut.scope} ${binding.key}`).toBe(shortcut.action);
    }
  });

  it('runs the page keys on the selected node, and leaves keys with nothing to act on to the browser', () => {
    const all = handlers();
    store.update({ nodes: new Map([['a', node('a')]]) });
    const enter = press('Enter');
    expect(routeKey('page', enter, all.page)).toBe(false);
    expect(enter.preventDefault).not.toHaveBeenCalled();
    actions.select({ kind: 'node', id: 'a' });
    routeKey('page', press('p'), all.page);
    expect(store.state.pinned.has('a')).toBe(true);
    routeKey('page', press('a'), all.page);
    expect(store.state.paths.from).toBe('a');
    routeKey('page', press('3'), all.page);
    expect(store.state.layout).toBe('breadthfirst');
    routeKey('page', press('Delete'), all.page);
    expect(store.state.nodes.has('a')).toBe(false);
    routeKey('page', press('z', { mod: true }), all.page);
    expect(store.state.nodes.has('a')).toBe(true);
    routeKey('page', press('t'), all.page);
    expect(store.state.panels.timeline).toBe(true);
    routeKey('page', press('?'), all.page);
    expect(store.state.panels.help).toBe(true);
  });

  it('steps aside while the user types, except for Ctrl+K and Escape in a panel', () => {
    const all = handlers();
    typing = true;
    expect(routeKey('page', press('t'), all.page, typing)).toBe(false);
    expect(routeKey('page', press('z', { mod: true }), all.page, typing)).toBe(false);
    expect(routeKey('page', press('k', { mod: true }), all.page, typing)).toBe(true);
    expect(page.focusSearch).toHaveBeenCalledOnce();
    actions.setPanel('list', true);
    panel = 'list';
    const escapeKey = press('Escape');
    routeKey('page', escapeKey, all.page, typing);
    expect(store.state.panels.list).toBe(false);
    expect(escapeKey.preventDefault).not.toHaveBeenCalled();
  });

  it('clears the selection on Escape first, then closes the panels', () => {
    const all = handlers();
    store.update({ nodes: new Map([['a', node('a')]]) });
    actions.select({ kind: 'node', id: 'a' });
    actions.setPanel('timeline', true);
    routeKey('page', press('Escape'), all.page);
    expect(store.state.selection).toBeNull();
    expect(store.state.panels.timeline).toBe(true);
    routeKey('page', press('Escape'), all.page);
    expect(store.state.panels.timeline).toBe(false);
  });

  it('keeps Alt and Ctrl combinations it does not name for the browser', () => {
    expect(matchShortcut('page', press('t', { alt: true }))).toBeNull();
    expect(matchShortcut('page', press('t', { mod: true }))).toBeNull();
    expect(matchShortcut('page', press('Z', { mod: true, shift: true }))?.action).toBe('redo');
    expect(matchShortcut('console', press('Enter', { mod: true }))?.action).toBe('run-query');
    expect(matchShortcut('console', press('Enter'))).toBeNull();
  });
});
