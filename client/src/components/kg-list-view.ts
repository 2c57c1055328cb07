// <kg-list-view>: what is drawn on the canvas as sortable tables a screen reader can read (nodes, relationships, who matters), in step with the selection.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { WireEdge, WireNode } from '../api.ts';
import { StoreController } from '../state/controller.ts';
import { periodOf, formatDate } from '../state/dates.ts';
import { visibleElements } from '../state/filters.ts';
import { groupColor, stylingFor } from '../state/styling.ts';
import { cssProps } from '../lib/css-props.ts';
import { METRIC_TITLES, METRICS, type MetricName } from '../metrics/names.ts';
import { panelStyles } from '../lib/styles.ts';

type NodeColumn = 'caption' | 'label' | 'date' | 'degree';
type EdgeColumn = 'source' | 'type' | 'target' | 'date';
type MetricColumn = 'caption' | MetricName | 'community';
type Sort<C> = { column: C; descending: boolean };

/** Tables this long stop growing; the count says how many more there are. */
const ROW_LIMIT = 1000;

function compare(a: string | number, b: string | number): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

@customElement('kg-list-view')
export class KgListView extends LitElement {
  static override styles = [panelStyles, css`
    .tables { display: flex; gap: 0.8rem; overflow: auto; flex: 1; padding: 0 0.5rem 0.5rem; }
    .tables > div { flex: 1; min-width: 16rem; }
    table { border-collapse: collapse; width: 100%; font-size: 0.86rem; }
    caption { text-align: left; font-weight: 600; padding: 0.4rem 0.2rem; }
    th, td { text-align: left; padding: 0.18rem 0.35rem; border-bottom: 1px solid var(--kg-border); }
    thead th { position: sticky; top: 0; background: var(--kg-bg); }
    th button { all: unset; cursor: pointer; font-weight: 600; }
    th button:focus-visible, tr:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: -3px; }
    tbody tr { cursor: pointer; }
    tbody tr:hover { background: var(--kg-chip); }
    tr[aria-current='true'] { background: var(--kg-focus); color: var(--kg-on-focus); }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    .tables > div.metrics { flex: 2; min-width: 30rem; }
    .swatch { display: inline-block; width: 0.6rem; height: 0.6rem; border-radius: 50%; margin-right: 0.3rem; }
    button.close { font: inherit; font-size: 0.85rem; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.1rem 0.45rem; cursor: pointer; }
  `];

  private readonly ctl = new StoreController(this, (s) => [s.nodes, s.edges, s.schema, s.selection, s.hiddenLabels, s.hiddenTypes, s.timeRange, s.metrics]);
  @state() private metricSort: Sort<MetricColumn> = { column: 'betweenness', descending: true };
  @state() private nodeSort: Sort<NodeColumn> = { column: 'caption', descending: false };
  @state() private edgeSort: Sort<EdgeColumn> = { column: 'type', descending: false };
  private scrolledTo = '';

  override updated(): void {
    const selected = this.renderRoot.querySelector<HTMLElement>('tr[aria-current="true"]');
    const id = selected?.dataset.id ?? '';
    if (selected && id !== this.scrolledTo) selected.scrollIntoView({ block: 'nearest' });
    this.scrolledTo = id;
  }

  private header<C extends string>(label: string, column: C, sort: Sort<C>, set: (s: Sort<C>) => void) {
    const active = sort.column === column;
    const ariaSort = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
    return html`<th scope="col" aria-sort=${ariaSort}>
      <button @click=${() => set({ column, descending: active ? !sort.descending : false })}>${label}${active ? (sort.descending ? ' ▼' : ' ▲') : ''}</button>
    </th>`;
  }

  /** A row for a node or edge: the selection's row is current; a click, Enter or Space selects it, the arrows move on. */
  private row(kind: 'node' | 'edge', id: string, cells: unknown) {
    const { state, actions } = this.ctl;
    const sel = state.selection;
    const select = () => actions.select({ kind, id });
    return html`<tr tabindex="0" data-id=${id} aria-current=${sel?.kind === kind && sel.id === id ? 'true' : 'false'} @click=${select} @keydown=${(e: KeyboardEvent) => this.rowKeys(e, select)}>${cells}</tr>`;
  }

  /** A table of what is on the canvas: its sortable columns, its first ROW_LIMIT rows, and how many there are. */
  private canvasTable<C extends string>(id: string, what: string, count: number, columns: [title: string, column: C][], sort: Sort<C>, setSort: (s: Sort<C>) => void, rows: unknown[]) {
    return html`<div>
      <table id=${id} aria-label="${what} on the canvas">
        <caption>${what} (${count})</caption>
        <thead><tr>${columns.map(([title, column]) => this.header(title, column, sort, setSort))}</tr></thead>
        <tbody>${rows}</tbody>
      </table>
      ${count > ROW_LIMIT ? html`<p class="note">First ${ROW_LIMIT} of ${count} shown.</p>` : nothing}
    </div>`;
  }

  private rowKeys(event: KeyboardEvent, select: () => void): void {
    const row = event.currentTarget as HTMLElement;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      select();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null;
      next?.focus();
    }
  }

  override render() {
    if (!this.ctl.ready) return nothing;
    const { state, actions } = this.ctl;
    const styling = stylingFor(state.schema);
    const { nodes, edges } = visibleElements(state, styling);
    const degree = new Map<string, number>();
    for (const e of edges) {
      degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
      degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
    }
    const dateText = (p: Record<string, unknown>) => {
      const period = periodOf(p);
      return period ? `${formatDate(period.start, period.precision)}${period.inferred ? ' (inferred)' : ''}` : '';
    };
    const dateKey = (p: Record<string, unknown>) => periodOf(p)?.start ?? '';
    const nodeValue = (n: WireNode, c: NodeColumn): string | number =>
      c === 'caption' ? n.caption : c === 'label' ? styling.displayLabel(n.labels) : c === 'date' ? dateKey(n.properties) : degree.get(n.id) ?? 0;
    const caption = (id: string) => state.nodes.get(id)?.caption ?? id;
    const edgeValue = (e: WireEdge, c: EdgeColumn): string =>
      c === 'source' ? caption(e.source) : c === 'target' ? caption(e.target) : c === 'type' ? e.type : dateKey(e.properties);
    const ns = this.nodeSort;
    const es = this.edgeSort;
    const sortedNodes = [...nodes].sort((a, b) => compare(nodeValue(a, ns.column), nodeValue(b, ns.column)) * (ns.descending ? -1 : 1));
    const sortedEdges = [...edges].sort((a, b) => compare(edgeValue(a, es.column), edgeValue(b, es.column)) * (es.descending ? -1 : 1));
    const hidden = state.nodes.size - nodes.length + (state.edges.size - edges.length);
    const setNodeSort = (s: Sort<NodeColumn>) => (this.nodeSort = s);
    const setEdgeSort = (s: Sort<EdgeColumn>) => (this.edgeSort = s);
    return html`
      <div class="head">
        <h2>List view</h2>
        <span class="note">${nodes.length} nodes and ${edges.length} relationships on the canvas${hidden ? `; ${hidden} hidden by filters` : ''}</span>
        <button class="close" aria-label="Close the list view" @click=${() => actions.setPanel('list', false)}>✕</button>
      </div>
      <div class="tables">
        ${this.canvasTable('nodes-table', 'Nodes', nodes.length, [['Name', 'caption'], ['Label', 'label'], ['Date', 'date'], ['Links', 'degree']], ns, setNodeSort,
          sortedNodes.slice(0, ROW_LIMIT).map((n) =>
            this.row('node', n.id, html`<td>${n.caption}</td><td>${styling.displayLabel(n.labels)}</td><td>${dateText(n.properties)}</td><td class="num">${degree.get(n.id) ?? 0}</td>`),
          ),
        )}
        ${this.canvasTable('edges-table', 'Relationships', edges.length, [['From', 'source'], ['Type', 'type'], ['To', 'target'], ['Date', 'date']], es, setEdgeSort,
          sortedEdges.slice(0, ROW_LIMIT).map((e) =>
            this.row('edge', e.id, html`<td>${caption(e.source)}</td><td>${e.type}</td><td>${caption(e.target)}</td><td>${dateText(e.properties)}</td>`),
          ),
        )}
        ${this.renderMetrics(nodes)}
      </div>
    `;
  }

  /** Who matters among the visible nodes: every metric as a sortable column. */
  private renderMetrics(nodes: WireNode[]) {
    const { state } = this.ctl;
    const result = state.metrics.result;
    const ms = this.metricSort;
    const set = (s: Sort<MetricColumn>) => (this.metricSort = s);
    const value = (n: WireNode, c: MetricColumn): string | number => (c === 'caption' ? n.caption : result?.values.get(n.id)?.[c] ?? -1);
    const rows = result ? nodes.filter((n) => result.values.has(n.id)).sort((a, b) => compare(value(a, ms.column), value(b, ms.column)) * (ms.descending ? -1 : 1)) : [];
    const format = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(4));
    return html`<div class="metrics">
      <table id="metrics-table" aria-label="Metrics of the visible nodes" aria-busy=${state.metrics.computing ? 'true' : 'false'}>
        <caption>Who matters${result ? html` <span class="note">(${result.communities} communities, ${Math.round(result.ms)} ms)</span>` : state.metrics.computing ? ' (computing…)' : ''}</caption>
        <thead><tr>
          ${this.header('Name', 'caption', ms, set)}
          ${METRICS.map((m) => this.header(METRIC_TITLES[m], m, ms, set))}
          ${this.header('Community', 'community', ms, set)}
        </tr></thead>
        <tbody>
          ${rows.slice(0, ROW_LIMIT).map((n) => {
            const m = result!.values.get(n.id)!;
            return this.row('node', n.id, html`
              <td>${n.caption}</td>
              ${METRICS.map((name) => html`<td class="num" data-metric=${name} data-value=${String(m[name])}>${format(m[name])}</td>`)}
              <td class="num" data-metric="community" data-value=${String(m.community)}><span class="swatch" ${cssProps({ background: groupColor(m.community) })}></span>${m.community + 1}</td>
            `);
          })}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-list-view': KgListView;
  }
}
