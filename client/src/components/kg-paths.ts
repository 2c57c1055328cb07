// <kg-paths>: pick two nodes and find the shortest paths between them, highlighted on the canvas.
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { StoreController } from '../state/controller.ts';

@customElement('kg-paths')
export class KgPaths extends LitElement {
  static override styles = css`
    :host { display: block; padding: 0.7rem 0.8rem; border-bottom: 1px solid var(--kg-border); }
    h2 { font-size: 0.95rem; margin: 0 0 0.4rem; display: flex; align-items: center; }
    .close { margin-left: auto; }
    .row { display: grid; grid-template-columns: 2.6rem 1fr auto; gap: 0.3rem; align-items: center; margin-bottom: 0.3rem; font-size: 0.9rem; }
    .end { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .unset { color: var(--kg-muted); font-style: italic; }
    button, select { font: inherit; font-size: 0.85rem; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.12rem 0.45rem; cursor: pointer; }
    button:disabled { opacity: 0.45; cursor: default; }
    button:focus-visible, select:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    .primary { background: var(--kg-focus); border-color: var(--kg-focus); color: var(--kg-on-focus); }
    .controls { display: flex; gap: 0.35rem; align-items: center; flex-wrap: wrap; margin-top: 0.3rem; }
    ol { padding-left: 1.2rem; margin: 0.5rem 0 0; font-size: 0.86rem; }
    li { margin-bottom: 0.3rem; }
    .type { color: var(--kg-muted); font-size: 0.78rem; }
    p { font-size: 0.85rem; color: var(--kg-muted); margin: 0.3rem 0; }
  `;

  private readonly ctl = new StoreController(this, (s) => [s.paths, s.selection, s.nodes, s.edges]);

  override render() {
    if (!this.ctl.ready) return nothing;
    const { state, actions } = this.ctl;
    const { from, to, maxLength, result, searching } = state.paths;
    const selected = state.selection?.kind === 'node' ? state.selection.id : null;
    const caption = (id: string | null) => (id ? state.nodes.get(id)?.caption ?? id : null);
    const end = (which: 'from' | 'to', id: string | null) => html`<div class="row">
      <span>${which === 'from' ? 'From' : 'To'}</span>
      <span class="end ${id ? '' : 'unset'}" data-end=${which}>${caption(id) ?? 'select a node, then “Use selected”'}</span>
      <button ?disabled=${!selected} aria-keyshortcuts=${which === 'from' ? 'A' : 'B'} @click=${() => actions.setPathEnd(which, selected)}>Use selected</button>
    </div>`;
    return html`
      <h2 id="paths-title">Shortest paths <button class="close" aria-label="Close the paths panel" @click=${() => actions.setPanel('paths', false)}>✕</button></h2>
      <div role="group" aria-labelledby="paths-title">
        ${end('from', from)} ${end('to', to)}
        <div class="controls">
          <label for="max">At most</label>
          <select id="max" @change=${(e: Event) => actions.setPathLength(Number((e.target as HTMLSelectElement).value))}>
            ${[1, 2, 3, 4, 5, 6].map((n) => html`<option value=${n} ?selected=${n === maxLength}>${n} step${n === 1 ? '' : 's'}</option>`)}
          </select>
          <button class="primary find" ?disabled=${!from || !to || from === to || searching} @click=${() => actions.findPaths()}>${searching ? 'Searching…' : 'Find paths'}</button>
          ${result ? html`<button @click=${() => actions.clearPaths()}>Clear highlight</button>` : nothing}
        </div>
      </div>
      ${result && !result.length ? html`<p role="status">No path of at most ${maxLength} steps.</p>` : nothing}
      ${result?.length
        ? html`<ol class="paths" aria-label="Paths found">
            ${result.map(
              (path) => html`<li>
                ${path.nodes.map((id, i) => {
                  const edge = path.edges[i] ? state.edges.get(path.edges[i]!) : undefined;
                  return html`<span>${caption(id)}</span>${edge
                    ? html` <span class="type">${edge.source === id ? `—${edge.type}→` : `←${edge.type}—`}</span> `
                    : nothing}`;
                })}
              </li>`,
            )}
          </ol>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-paths': KgPaths;
  }
}
