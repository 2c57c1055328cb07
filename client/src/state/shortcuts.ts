// The keyboard shortcuts, once: keys, what they do, the action each names and what that action does; the key routers and the help all read this table.
import type { Actions } from './actions/index.ts';
import { editableDatasets } from './record.ts';
import { LAYOUTS, type ViewState } from './store.ts';

/** Where a key works: anywhere on the page (kg-app's router), on the focused canvas (kg-graph), in the search box (kg-search), in the console (kg-console). */
export type ShortcutScope = 'page' | 'canvas' | 'search' | 'console';

export interface Binding {
  /** KeyboardEvent.key: compared exactly ('e' is not 'E'), and without case when Ctrl is held. */
  key: string;
  /** Ctrl, or ⌘ on a Mac. */
  mod?: boolean;
  /** Shift held (true) or not (false); unset: either (a printable key's value already says). */
  shift?: boolean;
  /** Also while typing in a text field (page keys only; the other scopes are text fields or the canvas). */
  whileTyping?: boolean;
}

export interface Shortcut {
  action: string;
  scope: ShortcutScope;
  keys: readonly Binding[];
  description: string;
}

/** In the order the help lists them. */
export const SHORTCUTS = [
  { action: 'search', scope: 'page', keys: [{ key: '/' }, { key: 'k', mod: true, whileTyping: true }], description: 'Search names and aliases' },
  { action: 'search-move', scope: 'search', keys: [{ key: 'ArrowDown' }, { key: 'ArrowUp' }], description: 'In the search box: move through the suggestions' },
  { action: 'search-choose', scope: 'search', keys: [{ key: 'Enter' }], description: 'In the search box: put the chosen suggestion on the canvas' },
  { action: 'search-close', scope: 'search', keys: [{ key: 'Escape' }], description: 'In the search box: close the suggestions, then leave the box' },
  { action: 'focus-canvas', scope: 'page', keys: [{ key: 'g' }], description: 'Focus the canvas' },
  { action: 'move-selection', scope: 'canvas', keys: [{ key: 'ArrowLeft' }, { key: 'ArrowRight' }, { key: 'ArrowUp' }, { key: 'ArrowDown' }], description: 'On the canvas: move the selection to the nearest node in that direction' },
  { action: 'walk-edges', scope: 'canvas', keys: [{ key: 'e' }, { key: 'E' }], description: 'On the canvas: select the next / previous relationship of the selected node, clockwise' },
  { action: 'expand', scope: 'page', keys: [{ key: 'Enter' }], description: 'Expand the selected node (again: the next page); on a line of the story: show that relationship' },
  { action: 'more', scope: 'page', keys: [{ key: 'm' }], description: 'Load more neighbours of the selected node' },
  { action: 'collapse', scope: 'page', keys: [{ key: 'c' }], description: 'Collapse: remove neighbours that hang only on the selected node' },
  { action: 'hide', scope: 'page', keys: [{ key: 'h' }, { key: 'Delete' }], description: 'Hide the selected node' },
  { action: 'pin', scope: 'page', keys: [{ key: 'p' }], description: 'Pin or unpin the selected node' },
  { action: 'path-from', scope: 'page', keys: [{ key: 'a' }], description: 'Use the selected node as the start of a path' },
  { action: 'path-to', scope: 'page', keys: [{ key: 'b' }], description: 'Use the selected node as the end of a path' },
  { action: 'undo', scope: 'page', keys: [{ key: 'z', mod: true, shift: false }], description: 'Undo an expansion, hide, pin or layout' },
  { action: 'redo', scope: 'page', keys: [{ key: 'z', mod: true, shift: true }, { key: 'y', mod: true }], description: 'Redo' },
  { action: 'layout', scope: 'page', keys: [{ key: '1' }, { key: '2' }, { key: '3' }, { key: '4' }], description: 'Layout: force, concentric, breadth-first, grid' },
  { action: 'rerun-layout', scope: 'page', keys: [{ key: 'l' }], description: 'Run the layout again' },
  { action: 'fit', scope: 'page', keys: [{ key: 'f' }], description: 'Fit the graph in view' },
  { action: 'toggle-paths', scope: 'page', keys: [{ key: 'r' }], description: 'Paths panel' },
  { action: 'toggle-timeline', scope: 'page', keys: [{ key: 't' }], description: 'Timeline panel' },
  { action: 'toggle-list', scope: 'page', keys: [{ key: 'v' }], description: 'List view (tables of the canvas)' },
  { action: 'toggle-console', scope: 'page', keys: [{ key: 'q' }], description: 'Cypher console' },
  { action: 'run-query', scope: 'console', keys: [{ key: 'Enter', mod: true }], description: 'In the console: run the query' },
  { action: 'add-source', scope: 'page', keys: [{ key: 'n' }], description: 'Add a source with its text (editors)' },
  { action: 'escape', scope: 'page', keys: [{ key: 'Escape', whileTyping: true }], description: 'Close a dialog or the panel you are in; clear the selection and path highlight; then close the panels' },
  { action: 'help', scope: 'page', keys: [{ key: '?' }], description: 'This help' },
] as const satisfies readonly Shortcut[];

export type ShortcutAction = (typeof SHORTCUTS)[number]['action'];
export type ScopedAction<S extends ShortcutScope> = Extract<(typeof SHORTCUTS)[number], { scope: S }>['action'];

/** Runs what the key asks; false: it did not apply (nothing selected, say), and the browser keeps its default. */
// biome-ignore lint/suspicious/noConfusingVoidType: handlers are the store's void actions as they are; only `false` (not applied) is read.
export type ShortcutHandler = (event: KeyboardEvent) => boolean | void;
export type ShortcutHandlers<S extends ShortcutScope> = Record<ScopedAction<S>, ShortcutHandler>;

type KeyEvent = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

function matches(binding: Binding, event: KeyEvent, typing: boolean): boolean {
  const mod = event.ctrlKey || event.metaKey;
  if (event.altKey || mod !== (binding.mod ?? false) || (typing && !binding.whileTyping)) return false;
  if (binding.shift !== undefined && binding.shift !== event.shiftKey) return false;
  return mod ? event.key.toLowerCase() === binding.key.toLowerCase() : event.key === binding.key;
}

/** The shortcut a key is in this scope, if any; `typing`: the key went to a text field (page keys mostly step aside). */
export function matchShortcut(scope: ShortcutScope, event: KeyEvent, typing = false): (typeof SHORTCUTS)[number] | null {
  return SHORTCUTS.find((s) => s.scope === scope && s.keys.some((b) => matches(b, event, typing))) ?? null;
}

/** Runs the handler of the key's shortcut in this scope; true when one ran (and the browser's default was prevented). */
export function routeKey<S extends ShortcutScope>(scope: S, event: KeyboardEvent, handlers: ShortcutHandlers<S>, typing = false): boolean {
  const shortcut = matchShortcut(scope, event, typing);
  if (!shortcut) return false;
  const handled = handlers[shortcut.action as ScopedAction<S>](event) !== false;
  if (handled) event.preventDefault();
  return handled;
}

const KEY_NAMES: Readonly<Record<string, string>> = { Escape: 'Esc', ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→' };

/** A binding as the help writes it: 'Ctrl+Shift+Z', 'Shift+E', '?', '↑'. */
export function bindingLabel(binding: Binding): string {
  let key = KEY_NAMES[binding.key] ?? binding.key;
  let shift = binding.shift === true;
  if (/^[a-z]$/.test(key)) key = key.toUpperCase();
  else if (/^[A-Z]$/.test(key) && !binding.mod) shift = true;
  return `${binding.mod ? 'Ctrl+' : ''}${shift ? 'Shift+' : ''}${key}`;
}

/** The help's rows: keys ('H or Delete', '1 2 3 4') and what they do. */
export function helpRows(): { action: ShortcutAction; keys: string; description: string }[] {
  return SHORTCUTS.map((s) => {
    const labels = s.keys.map(bindingLabel);
    return { action: s.action, keys: labels.join(labels.length > 2 ? ' ' : ' or '), description: s.description };
  });
}

function bindingsOf(action: ShortcutAction): readonly Binding[] {
  return SHORTCUTS.find((s) => s.action === action)?.keys ?? [];
}

/** The action's keys for aria-keyshortcuts ('Control+Shift+Z Control+Y'). */
export function ariaKeys(action: ShortcutAction): string {
  return bindingsOf(action)
    .map((b) => `${b.mod ? 'Control+' : ''}${b.shift ? 'Shift+' : ''}${b.key.length === 1 ? b.key.toUpperCase() : b.key}`)
    .join(' ');
}

/** The action's keys as CodeMirror keymaps name them ('Mod-Enter'). */
export function codeMirrorKeys(action: ShortcutAction): string[] {
  return bindingsOf(action).map((b) => `${b.mod ? 'Mod-' : ''}${b.shift ? 'Shift-' : ''}${b.key}`);
}

export type DockPanel = 'timeline' | 'list' | 'console' | 'paths';

/** What the page's keys need from kg-app beyond the actions: focus, the canvas, and where a key was pressed. */
export interface PageKeys {
  actions: Actions;
  state(): ViewState;
  /** The key went to a text field or the code editor. */
  typing(event: KeyboardEvent): boolean;
  /** The key went to a button, link or summary (Enter activates it instead). */
  onControl(event: KeyboardEvent): boolean;
  /** The dock or side panel the key was pressed in, if any. */
  panelAround(event: KeyboardEvent): DockPanel | null;
  focusSearch(): void;
  focusCanvas(): void;
  fit(): void;
}

/** The page's shortcuts: what each action of the table does on the page. */
export function pageHandlers(page: PageKeys): ShortcutHandlers<'page'> {
  const a = page.actions;
  const selectedNode = () => {
    const selection = page.state().selection;
    return selection?.kind === 'node' ? selection.id : null;
  };
  /** Runs on the selected node; with none the key does nothing (and is still the page's). */
  const onNode = (run: (id: string) => void) => () => {
    const id = selectedNode();
    if (id) run(id);
  };
  return {
    search: () => page.focusSearch(),
    'focus-canvas': () => page.focusCanvas(),
    expand: (event) => {
      const id = selectedNode();
      if (!id || page.onControl(event)) return false;
      const expansion = page.state().expansions.get(id);
      void a.expand(id, { more: expansion !== undefined && expansion.nextOffset !== null });
      return true;
    },
    more: onNode((id) => void a.expand(id, { more: true })),
    collapse: onNode((id) => a.collapse(id)),
    hide: onNode((id) => a.hide([id])),
    pin: onNode((id) => a.togglePin(id)),
    'path-from': onNode((id) => a.setPathEnd('from', id)),
    'path-to': onNode((id) => a.setPathEnd('to', id)),
    undo: () => a.undo(),
    redo: () => a.redo(),
    layout: (event) => {
      const layout = LAYOUTS[Number(event.key) - 1];
      if (!layout) return false;
      a.setLayout(layout);
      return true;
    },
    'rerun-layout': () => a.rerunLayout(),
    fit: () => page.fit(),
    'toggle-paths': () => a.togglePanel('paths'),
    'toggle-timeline': () => a.togglePanel('timeline'),
    'toggle-list': () => a.togglePanel('list'),
    'toggle-console': () => a.togglePanel('console'),
    'add-source': () => {
      const state = page.state();
      if (!editableDatasets(state.session, state.schema).length) return false;
      a.setPanel('addSource', true);
      return true;
    },
    // Escape never takes the browser's default away: dialogs close on it by themselves.
    escape: (event) => {
      const state = page.state();
      const panel = page.panelAround(event);
      if (page.typing(event)) {
        // In a panel's field (not the console's editor, where Escape leaves the editor): closes that panel.
        if (panel && panel !== 'console') a.setPanel(panel, false);
        return false;
      }
      if (state.sourceView || state.panels.help) return false;
      // In a panel: closes it; on the page: clears the selection first, then closes the panels.
      if (panel) {
        a.setPanel(panel, false);
        page.focusCanvas();
      } else if (state.selection || state.paths.result) {
        a.select(null);
        a.clearPaths();
      } else {
        for (const name of ['paths', 'list', 'timeline', 'console'] as const) a.setPanel(name, false);
      }
      return false;
    },
    help: () => a.setPanel('help', true),
  };
}

/** What the canvas's keys ask of kg-graph. */
export interface CanvasKeys {
  /** `key`: the arrow pressed. */
  moveSelection(key: string): void;
  /** False when the selected node has no relationship to walk to. */
  walkEdges(backwards: boolean): boolean;
}

export function canvasHandlers(canvas: CanvasKeys): ShortcutHandlers<'canvas'> {
  return {
    'move-selection': (event) => canvas.moveSelection(event.key),
    'walk-edges': (event) => canvas.walkEdges(event.shiftKey),
  };
}

/** What the search box's keys ask of kg-search. */
export interface SearchKeys {
  move(step: 1 | -1): void;
  choose(): void;
  close(): void;
}

export function searchHandlers(search: SearchKeys): ShortcutHandlers<'search'> {
  return {
    'search-move': (event) => search.move(event.key === 'ArrowUp' ? -1 : 1),
    'search-choose': () => search.choose(),
    'search-close': (event) => {
      // Escape in the box is the box's: the page would otherwise clear the selection too.
      event.stopPropagation();
      search.close();
    },
  };
}

export function consoleHandlers(console: { run(): void }): ShortcutHandlers<'console'> {
  return { 'run-query': () => console.run() };
}
