// <kg-result-table>: a Cypher result as a table; nodes, relationships and paths in cells read as captions, the rest as text.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CypherResult } from '../api.ts';
import { StoreController } from '../state/controller.ts';

const RENDER_LIMIT = 500;

function isNode(v: Record<string, unknown>): boolean {
  return typeof v.id === 'string' && Array.isArray(v.labels) && typeof v.caption === 'string';
}
function isEdge(v: Record<string, unknown>): boolean {
  return typeof v.id === 'string' && typeof v.type === 'string' && typeof v.source === 'string' && typeof v.target === 'string';
}
function isPath(v: Record<string, unknown>): boolean {
  return Array.isArray(v.nodes) && Array.isArray(v.edges);
}

@customElement('kg-result-table')
export class KgResultTable extends LitElement {
  static override styles = css`
    :host { display: block; overflow: auto; min-height: 0; }
    table { border-collapse: collapse; width: 100%; font-size: 0.84rem; }
    th, td { text-align: left; padding: 0.18rem 0.4rem; border-bottom: 1px solid var(--kg-border); vertical-align: top; }
    thead th { position: sticky; top: 0; background: var(--kg-bg); font-family: ui-monospace, monospace; }
    td { max-width: 28rem; overflow-wrap: anywhere; }
    .null { color: var(--kg-muted); font-style: italic; }
    button { all: unset; cursor: pointer; border-radius: 4px; padding: 0 0.3rem; background: var(--kg-chip); }
    button:focus-visible { outline: 3px solid var(--kg-focus); }
    .type { color: var(--kg-muted); font-size: 0.8em; }
    .more { color: var(--kg-muted); font-size: 0.82rem; padding: 0.3rem; }
  `;

  @property({ attribute: false }) result: CypherResult | null = null;
  private readonly ctl = new StoreController(this, (s) => [s.nodes, s.edges]);

  private cell(value: unknown, depth = 0): TemplateResult | string {
    if (value === null || value === undefined) return html`<span class="null">null</span>`;
    if (Array.isArray(value)) {
      if (depth > 2) return JSON.stringify(value);
      return html`[${value.map((v, i) => html`${i ? ', ' : ''}${this.cell(v, depth + 1)}`)}]`;
    }
    if (typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if (isNode(v)) {
        const labels = (v.labels as string[]).join(':');
        return html`<button title="Select on the canvas" @click=${() => this.selectIfDrawn('node', String(v.id))}>${String(v.caption)} <span class="type">:${labels}</span></button>`;
      }
      if (isEdge(v)) {
        const caption = (id: string) => this.ctl.state.nodes.get(id)?.caption ?? id;
        return html`<button title="Select on the canvas" @click=${() => this.selectIfDrawn('edge', String(v.id))}>${caption(String(v.source))} <span class="type">—${String(v.type)}→</span> ${caption(String(v.target))}</button>`;
      }
      if (isPath(v)) return `path: ${(v.nodes as unknown[]).length} nodes, ${(v.edges as unknown[]).length} relationships`;
      return JSON.stringify(value);
    }
    return String(value);
  }

  private selectIfDrawn(kind: 'node' | 'edge', id: string): void {
    const state = this.ctl.state;
    if ((kind === 'node' ? state.nodes : state.edges).has(id)) this.ctl.actions.select({ kind, id });
    else if (kind === 'node') void this.ctl.actions.showNode(id);
  }

  override render() {
    const result = this.result;
    if (!result || !this.ctl.ready) return nothing;
    if (!result.columns.length) return html`<p class="more">The query returned no columns.</p>`;
    const rows = result.rows.slice(0, RENDER_LIMIT);
    return html`<table aria-label="Query result">
        <thead><tr>${result.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
        <tbody>${rows.map((row) => html`<tr>${result.columns.map((c) => html`<td>${this.cell(row[c])}</td>`)}</tr>`)}</tbody>
      </table>
      ${result.rows.length > RENDER_LIMIT ? html`<p class="more">First ${RENDER_LIMIT} of ${result.rows.length} rows shown.</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-result-table': KgResultTable;
  }
}
