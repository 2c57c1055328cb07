// <kg-legend>: the labels and relationship types on the canvas with their colours, toggles that hide them, and the time range.
import { initialState, Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { cssProps } from '../lib/css-props.ts';
import { shapeSwatch } from '../lib/shapes.ts';
import { StoreController } from '../state/controller.ts';
import { histogramBars, type HistogramBars } from '../state/histogram.ts';
import { datesParam } from '../state/model.ts';
import './kg-histogram.ts';
import './kg-model-panel.ts';
import { edgeVisible, nodeInTimeRange } from '../state/filters.ts';
import { groupColor, stylingFor } from '../state/styling.ts';
import { METRIC_TITLES, METRICS, type MetricName } from '../metrics/names.ts';

@customElement('kg-legend')
export class KgLegend extends LitElement {
  static override styles = css`
    :host { display: block; padding: 0.6rem 0.7rem; font-size: 0.9rem; }
    h2 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--kg-muted); margin: 0.9rem 0 0.35rem; }
    .small + h2, .reset + h2 { margin-top: 0.7rem; }
    h2:first-child { margin-top: 0; }
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 2px; }
    button { font: inherit; color: inherit; background: none; border: 1px solid transparent; border-radius: 5px; padding: 0.15rem 0.35rem; cursor: pointer; width: 100%; display: flex; gap: 0.45rem; align-items: center; text-align: left; }
    button:hover { background: var(--kg-chip); }
    button:focus-visible, select:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    button[aria-pressed='false'] { opacity: 0.45; text-decoration: line-through; }
    .swatch { width: 0.8rem; height: 0.8rem; border-radius: 50%; flex: none; }
    .line { width: 1rem; height: 3px; flex: none; border-radius: 2px; }
    .count { margin-left: auto; color: var(--kg-muted); font-variant-numeric: tabular-nums; font-size: 0.85em; white-space: nowrap; }
    .name { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .time { display: grid; grid-template-columns: auto 1fr; gap: 0.3rem 0.4rem; align-items: center; }
    select { font: inherit; font-size: 0.85rem; color: inherit; background: var(--kg-bg); border: 1px solid var(--kg-border); border-radius: 4px; padding: 0.1rem; min-width: 0; }
    .small { font-size: 0.8rem; color: var(--kg-muted); margin: 0.3rem 0 0; }
    .metric-controls { display: grid; grid-template-columns: auto 1fr; gap: 0.3rem 0.4rem; align-items: center; }
    .communities li { display: flex; gap: 0.45rem; align-items: center; padding: 0.1rem 0.35rem; }
    .dot { display: inline-block; border-radius: 50%; background: var(--kg-muted); vertical-align: middle; }
    .small-dot { width: 0.4rem; height: 0.4rem; }
    .big-dot { width: 1.1rem; height: 1.1rem; }
    .reset { width: auto; display: inline-block; border-color: var(--kg-border); background: var(--kg-chip); margin-top: 0.4rem; font-size: 0.85rem; }
  `;

  private readonly ctl = new StoreController(this, (s) => [s.nodes, s.edges, s.schema, s.hiddenLabels, s.hiddenTypes, s.timeRange, s.phase, s.metrics, s.model, s.dataRev]);

  /**
   * The whole database's dated items per month, for the histogram: from the start (counted by the server,
   * cheap at any size, not the first events of the timeline), and again when the user chooses other date
   * properties or the data changes.
   */
  private readonly histogramTask = new Task(this, {
    task: async ([ready, dates]: readonly [boolean, string, number]): Promise<HistogramBars | typeof initialState> => {
      if (!ready) return initialState;
      return histogramBars(await this.ctl.store.data.histogram(dates || undefined));
    },
    args: () => {
      const state = this.ctl.ready ? this.ctl.state : null;
      return [state !== null, state ? datesParam(state.model) ?? '' : '', state?.dataRev ?? 0] as const;
    },
  });

  private renderTime() {
    const { timeRange } = this.ctl.state;
    const { error, value } = this.histogramTask;
    if (error) return html`<p class="small">Dates unavailable: ${error instanceof Error ? error.message : String(error)}</p>`;
    if (!value) return html`<p class="small" role="status">Counting the dated items…</p>`;
    if (!value.months.length) return html`<p class="small">No dated events.</p>`;
    return html`
      <kg-histogram .bars=${value}></kg-histogram>
      <p class="small">Dated items outside the range are hidden; undated ones stay.</p>
      ${timeRange.from || timeRange.to ? html`<button class="reset" @click=${() => this.ctl.actions.setTimeRange({ from: null, to: null })}>All dates</button>` : nothing}
    `;
  }

  /** Size and colour by who matters, with the legend of what the sizes and colours mean. */
  private renderMetrics() {
    const { metrics } = this.ctl.state;
    const actions = this.ctl.actions;
    const result = metrics.result;
    const communities = new Map<number, number>();
    if (metrics.colorBy === 'community' && result) for (const m of result.values.values()) communities.set(m.community, (communities.get(m.community) ?? 0) + 1);
    const format = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(3));
    return html`
      <h2>Who matters</h2>
      <div class="metric-controls">
        <label for="size-by">Size by</label>
        <select id="size-by" @change=${(e: Event) => actions.setSizeBy(((e.target as HTMLSelectElement).value || null) as MetricName | null)}>
          <option value="" ?selected=${!metrics.sizeBy}>nothing (all alike)</option>
          ${METRICS.map((m) => html`<option value=${m} ?selected=${metrics.sizeBy === m}>${METRIC_TITLES[m]}</option>`)}
        </select>
        <label for="color-by">Colour by</label>
        <select id="color-by" @change=${(e: Event) => actions.setColorBy((e.target as HTMLSelectElement).value as 'label' | 'community')}>
          <option value="label" ?selected=${metrics.colorBy === 'label'}>label</option>
          <option value="community" ?selected=${metrics.colorBy === 'community'}>community (Louvain)</option>
        </select>
      </div>
      ${metrics.computing ? html`<p class="small busy" role="status">Computing the metrics…</p>` : nothing}
      ${metrics.sizeBy && result
        ? html`<p class="small size-legend"><span class="dot small-dot"></span> ${format(0)} … <span class="dot big-dot"></span> ${format(result.max[metrics.sizeBy])} ${METRIC_TITLES[metrics.sizeBy].toLowerCase()} (largest on the canvas)</p>`
        : nothing}
      ${metrics.colorBy === 'community' && result
        ? html`<ul class="communities" aria-label="Communities">
            ${[...communities].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([c, count]) => html`<li data-community=${c}><span class="swatch" ${cssProps({ background: groupColor(c) })}></span><span class="name">Community ${c + 1}</span><span class="count">${count}</span></li>`)}
            ${communities.size > 12 ? html`<li class="small">and ${communities.size - 12} smaller ones</li>` : nothing}
          </ul>`
        : nothing}
    `;
  }

  override render() {
    if (!this.ctl.ready) return nothing;
    const { state, actions } = this.ctl;
    const styling = stylingFor(state.schema);
    // Counts follow the filters: what the time range and the other toggles leave of each label and type
    // (a label's or type's own toggle does not zero its count, so turning it back on says what returns).
    const labelCounts = new Map<string, number>();
    for (const node of state.nodes.values()) {
      const label = styling.displayLabel(node.labels);
      labelCounts.set(label, (labelCounts.get(label) ?? 0) + (nodeInTimeRange(node, state, styling) ? 1 : 0));
    }
    for (const label of state.hiddenLabels) if (!labelCounts.has(label)) labelCounts.set(label, 0);
    // Every label the database holds, drawn or not: the legend says what else there is to look at.
    for (const info of state.schema?.labels ?? []) if (info.count > 0 && !labelCounts.has(info.label)) labelCounts.set(info.label, 0);
    const typeCounts = new Map<string, number>();
    const allTypes = { ...state, hiddenTypes: new Set<string>() };
    for (const edge of state.edges.values()) typeCounts.set(edge.type, (typeCounts.get(edge.type) ?? 0) + (edgeVisible(edge, allTypes, styling) ? 1 : 0));
    for (const type of state.hiddenTypes) if (!typeCounts.has(type)) typeCounts.set(type, 0);
    for (const info of state.schema?.relationshipTypes ?? []) if (info.count > 0 && !typeCounts.has(info.type)) typeCounts.set(info.type, 0);
    const dbTypes = new Map((state.schema?.relationshipTypes ?? []).map((t) => [t.type, t] as const));
    const dbCount = (label: string) => styling.labelInfo(label)?.count ?? 0;
    // What is drawn first, then the rest of the database by size.
    const sorted = (m: Map<string, number>, total: (name: string) => number) => [...m].sort((a, b) => b[1] - a[1] || total(b[0]) - total(a[0]) || a[0].localeCompare(b[0]));
    return html`
      <h2>Time</h2>
      ${this.renderTime()}
      <h2 id="labels-heading">Labels</h2>
      ${labelCounts.size === 0 ? html`<p class="small">No labels.</p>` : nothing}
      <ul aria-labelledby="labels-heading">
        ${sorted(labelCounts, dbCount).map(([label, count]) => {
          const style = styling.labelStyle(label);
          const info = styling.labelInfo(label);
          const shown = !state.hiddenLabels.has(label);
          return html`<li><button aria-pressed=${shown ? 'true' : 'false'} data-label=${label} title=${info?.description ?? label} @click=${() => actions.toggleLabel(label)}>
            <span class="swatch" data-shape=${style.shape} ${cssProps(shapeSwatch(style.color, style.shape))}></span><span class="name">${label}</span>
            <span class="count" aria-label="${count} shown on the canvas${info ? `, ${info.count} in the database` : ''}">${count}${info ? ` / ${info.count}` : ''}</span>
          </button></li>`;
        })}
      </ul>
      <h2 id="types-heading">Relationships</h2>
      ${typeCounts.size === 0 ? html`<p class="small">No relationships.</p>` : nothing}
      <ul aria-labelledby="types-heading">
        ${sorted(typeCounts, (type) => dbTypes.get(type)?.count ?? 0).map(([type, count]) => {
          const shown = !state.hiddenTypes.has(type);
          const info = dbTypes.get(type);
          return html`<li><button aria-pressed=${shown ? 'true' : 'false'} data-type=${type} title=${info?.description ?? type} @click=${() => actions.toggleType(type)}>
            <span class="line" ${cssProps({ background: styling.typeColor(type) })}></span><span class="name">${type}</span>
            <span class="count" aria-label="${count} on the canvas${info ? `, ${info.count} in the database` : ''}">${count}${info ? ` / ${info.count}` : ''}</span>
          </button></li>`;
        })}
      </ul>
      ${state.hiddenLabels.size || state.hiddenTypes.size ? html`<button class="reset" @click=${() => actions.showAllTypes()}>Show all</button>` : nothing}
      <kg-model-panel></kg-model-panel>
      ${this.renderMetrics()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-legend': KgLegend;
  }
}
