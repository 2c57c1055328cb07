// <kg-toolbar>: canvas actions: undo/redo, layouts, fit, overview, clear, export, and what is on the canvas.
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { StoreController } from '../state/controller.ts';
import { LAYOUTS, type LayoutName } from '../state/store.ts';
import './kg-export.ts';
import './kg-record-bar.ts';

const LAYOUT_NAMES: Record<LayoutName, string> = { fcose: 'Force', concentric: 'Concentric', breadthfirst: 'Breadth-first', grid: 'Grid' };

@customElement('kg-toolbar')
export class KgToolbar extends LitElement {
  static override styles = css`
    :host { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--kg-border); background: var(--kg-bg); z-index: 2; }
    button, select { font: inherit; font-size: 0.9rem; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.15rem 0.45rem; cursor: pointer; }
    select { padding: 0.15rem 0.2rem; }
    button:disabled { opacity: 0.45; cursor: default; }
    button[aria-pressed='true'] { background: var(--kg-focus); color: var(--kg-on-focus); border-color: var(--kg-focus); }
    button:focus-visible, select:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    .sep { width: 1px; align-self: stretch; background: var(--kg-border); margin: 0 0.1rem; }
    label { font-size: 0.85rem; color: var(--kg-muted); }
  `;

  private readonly ctl = new StoreController(this, (s) => [s.nodes, s.edges, s.layout, s.layoutRev, s.positionsRev, s.overview, s.selection, s.schemaView]);

  override render() {
    if (!this.ctl.ready) return html``;
    const { state, store, actions } = this.ctl;
    return html`
      <button aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)" ?disabled=${!store.canUndo} @click=${() => actions.undo()}>Undo</button>
      <button aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)" ?disabled=${!store.canRedo} @click=${() => actions.redo()}>Redo</button>
      <span class="sep"></span>
      <select id="layout" aria-label="Layout" title="Layout (1–4)" @change=${(e: Event) => actions.setLayout((e.target as HTMLSelectElement).value as LayoutName)}>
        ${LAYOUTS.map((name) => html`<option value=${name} ?selected=${state.layout === name}>${LAYOUT_NAMES[name]}</option>`)}
      </select>
      <button aria-keyshortcuts="L" title="Run the layout again (L)" @click=${() => actions.rerunLayout()}>Re-run</button>
      <button aria-keyshortcuts="F" title="Fit the graph in view (F)" @click=${() => this.ctl.explorerRef?.canvas?.fit()}>Fit</button>
      <span class="sep"></span>
      <button class="schema" aria-pressed=${state.schemaView ? 'true' : 'false'} title="What the database holds: its labels and relationship types"
        @click=${() => (state.schemaView && state.nodes.size ? actions.hideSchema() : actions.showSchema())}>Schema</button>
      <button title="Replace the canvas by an overview of the database" @click=${() => actions.loadOverview()}>Overview</button>
      <select aria-label="Larger overview" title="A larger overview" @change=${(e: Event) => {
        const select = e.target as HTMLSelectElement;
        if (select.value) void actions.loadOverview(Number(select.value));
        select.value = '';
      }}>
        <option value="">Size</option>
        <option value="1000">1,000</option>
        <option value="2000">2,000</option>
      </select>
      <button title="Remove everything from the canvas" ?disabled=${!state.nodes.size} @click=${() => actions.clearCanvas()}>Clear</button>
      <span class="sep"></span>
      <kg-export></kg-export>
      <kg-record-bar></kg-record-bar>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-toolbar': KgToolbar;
  }
}
