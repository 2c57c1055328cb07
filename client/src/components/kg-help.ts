// <kg-help>: the keyboard shortcuts, in a dialog opened with "?".
import { LitElement, css, html } from 'lit';
import { customElement, query } from 'lit/decorators.js';
import { StoreController } from '../state/controller.ts';
import { dialogStyles } from '../lib/styles.ts';

export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['/ or Ctrl+K', 'Search names and aliases'],
  ['↑ ↓, Enter, Esc', 'In the search box: choose a suggestion, put it on the canvas, close'],
  ['G', 'Focus the canvas'],
  ['Arrow keys', 'On the canvas: move the selection to the nearest node in that direction'],
  ['E / Shift+E', 'On the canvas: select the next / previous relationship of the selected node, clockwise'],
  ['Enter', 'Expand the selected node (again: the next page); on a line of the story: show that relationship'],
  ['M', 'Load more neighbours of the selected node'],
  ['C', 'Collapse: remove neighbours that hang only on the selected node'],
  ['H or Delete', 'Hide the selected node'],
  ['P', 'Pin or unpin the selected node'],
  ['A / B', 'Use the selected node as the start / end of a path'],
  ['Ctrl+Z', 'Undo an expansion, hide, pin or layout'],
  ['Ctrl+Shift+Z or Ctrl+Y', 'Redo'],
  ['1 2 3 4', 'Layout: force, concentric, breadth-first, grid'],
  ['L', 'Run the layout again'],
  ['F', 'Fit the graph in view'],
  ['R', 'Paths panel'],
  ['T', 'Timeline panel'],
  ['V', 'List view (tables of the canvas)'],
  ['Q', 'Cypher console'],
  ['Ctrl+Enter', 'In the console: run the query'],
  ['Esc', 'Close a dialog or the panel you are in; clear the selection and path highlight; then close the panels'],
  ['?', 'This help'],
];

@customElement('kg-help')
export class KgHelp extends LitElement {
  static override styles = [dialogStyles, css`
    table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
    th, td { text-align: left; padding: 0.25rem 0.4rem; border-bottom: 1px solid var(--kg-border); vertical-align: top; }
    th { white-space: nowrap; }
    kbd { font-family: ui-monospace, monospace; }
    button { margin-top: 0.8rem; }
  `];

  private readonly ctl = new StoreController(this, (s) => [s.panels.help]);
  @query('dialog') private dialog!: HTMLDialogElement;

  override updated(): void {
    const open = this.ctl.ready && this.ctl.state.panels.help;
    if (open && !this.dialog.open) this.dialog.showModal();
    if (!open && this.dialog.open) this.dialog.close();
  }

  private close(): void {
    this.ctl.actions.setPanel('help', false);
  }

  override render() {
    return html`<dialog aria-labelledby="help-title" @close=${this.close}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <thead><tr><th scope="col">Keys</th><th scope="col">Action</th></tr></thead>
        <tbody>${SHORTCUTS.map(([keys, what]) => html`<tr><th scope="row"><kbd>${keys}</kbd></th><td>${what}</td></tr>`)}</tbody>
      </table>
      <p>Double-click a node to expand it. Every action has a button too; Tab walks through them.</p>
      <button @click=${this.close} autofocus>Close</button>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-help': KgHelp;
  }
}
