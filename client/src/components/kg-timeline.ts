// <kg-timeline>: dated events and relationships in date order; choosing one selects it on the canvas.
import { initialState, Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { TimelineEvent } from '../api.ts';
import { cssProps } from '../lib/css-props.ts';
import { renderDate } from '../lib/render.ts';
import { StoreController } from '../state/controller.ts';
import { inTimeRange } from '../state/filters.ts';
import { periodEnd } from '../state/dates.ts';
import { datesParam, notDated } from '../state/model.ts';
import { stylingFor } from '../state/styling.ts';
import { panelStyles } from '../lib/styles.ts';

@customElement('kg-timeline')
export class KgTimeline extends LitElement {
  static override styles = [panelStyles, css`
    ol { list-style: none; margin: 0; padding: 0.2rem 0; overflow: auto; flex: 1; }
    li button { all: unset; box-sizing: border-box; display: grid; grid-template-columns: 15.5rem 1fr; gap: 0.15rem 0.6rem; width: 100%; padding: 0.3rem 0.7rem; cursor: pointer; border-left: 4px solid transparent; }
    li button:hover { background: var(--kg-chip); }
    li button:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: -3px; }
    li button[aria-current='true'] { border-left-color: var(--kg-accent); background: var(--kg-chip); }
    li.out { opacity: 0.4; }
    .caption { font-weight: 600; }
    .type { font-size: 0.78rem; display: inline-flex; gap: 0.25rem; align-items: center; color: var(--kg-muted); }
    .swatch { width: 0.6rem; height: 0.6rem; border-radius: 50%; }
    .who { grid-column: 2; font-size: 0.82rem; color: var(--kg-muted); }
    .when { font-size: 0.85rem; }
    .badge { font-size: 0.7rem; border: 1px solid var(--kg-border); border-radius: 4px; padding: 0 0.25rem; margin-left: 0.2rem; color: var(--kg-muted); }
    .badge.inferred { border-color: var(--kg-accent); color: var(--kg-accent); }
    .status { padding: 0.7rem; color: var(--kg-muted); }
    button.close { font: inherit; font-size: 0.85rem; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.1rem 0.45rem; cursor: pointer; }
    .oncanvas { font-size: 0.72rem; color: var(--kg-accent); margin-left: 0.3rem; }
  `];

  private readonly ctl = new StoreController(this, (s) => [s.selection, s.timeRange, s.nodes, s.edges, s.schema, s.model, s.dataRev]);

  /** The events, again whenever the user chooses other date properties or another time range. */
  private readonly eventsTask = new Task(this, {
    task: async ([ready, dates, from, to, undatedLabels]: readonly [boolean, string, string, string, string, number]) => {
      if (!ready) return initialState;
      const timeline = await this.ctl.store.data.wholeTimeline(dates || undefined, { from: from || undefined, to: to || undefined });
      const undated = new Set(undatedLabels ? undatedLabels.split('\n') : []);
      const events = undated.size ? timeline.events.filter((e) => e.kind !== 'node' || !undated.has(e.type)) : timeline.events;
      return { events, truncated: timeline.truncated };
    },
    args: () => {
      if (!this.ctl.ready) return [false, '', '', '', '', 0] as const;
      const { model, timeRange, dataRev } = this.ctl.state;
      const from = timeRange.from ? `${timeRange.from}-01` : '';
      const to = timeRange.to ? periodEnd(`${timeRange.to}-01`, 'month') : '';
      return [true, datesParam(model) ?? '', from, to, [...notDated(model)].sort().join('\n'), dataRev] as const;
    },
  });

  private get events(): TimelineEvent[] | null {
    return this.eventsTask.value?.events ?? null;
  }

  override updated(): void {
    const current = this.renderRoot.querySelector<HTMLElement>('button[aria-current="true"]');
    if (current && !this.matches(':focus-within')) current.scrollIntoView({ block: 'nearest' });
  }

  override render() {
    const s = this.ctl.ready ? this.ctl.state : null;
    const styling = stylingFor(s?.schema ?? null);
    const range = s?.timeRange ?? { from: null, to: null };
    const failed = this.eventsTask.error;
    const error = failed === undefined ? '' : failed instanceof Error ? failed.message : String(failed);
    const inRange = this.events?.filter((e) => inTimeRange({ date: e.date, datePrecision: e.precision, endDate: e.endDate }, range)).length ?? 0;
    return html`
      <div class="head">
        <h2 id="timeline-title">Timeline</h2>
        ${this.events ? html`<span class="note">${this.events.length} events${this.eventsTask.value?.truncated ? ' (first ones)' : ''}${range.from || range.to ? `, ${inRange} in the time range` : ''}</span>` : nothing}
        <button class="close" aria-label="Close the timeline" @click=${() => this.ctl.actions.setPanel('timeline', false)}>✕</button>
      </div>
      ${error ? html`<p class="status" role="alert">The timeline could not be loaded: ${error}</p>` : nothing}
      ${!this.events && !error ? html`<p class="status" role="status">Loading the timeline…</p>` : nothing}
      ${this.events && !this.events.length ? html`<p class="status">No dated events in the database.</p>` : nothing}
      ${this.events?.length
        ? html`<ol aria-labelledby="timeline-title">
            ${this.events.map((event) => {
              const current = s?.selection?.id === event.id;
              const within = inTimeRange({ date: event.date, datePrecision: event.precision, endDate: event.endDate }, range);
              const onCanvas = event.kind === 'node' ? s?.nodes.has(event.id) : s?.edges.has(event.id);
              const color = event.kind === 'node' ? styling.labelStyle(event.type).color : styling.typeColor(event.type);
              return html`<li class=${within ? '' : 'out'}>
                <button aria-current=${current ? 'true' : 'false'} data-id=${event.id} @click=${() => this.ctl.actions.selectEvent(event)}>
                  <span class="when">${renderDate({ date: event.date, datePrecision: event.precision, dateInferred: event.inferred, endDate: event.endDate }, true)}</span>
                  <span><span class="caption">${event.caption}</span> <span class="type"><span class="swatch" ${cssProps({ background: color })}></span>${event.type}</span>${onCanvas ? html`<span class="oncanvas">on canvas</span>` : nothing}</span>
                  ${event.participants.length ? html`<span class="who">${event.participants.map((p) => p.caption).join(' · ')}</span>` : nothing}
                </button>
              </li>`;
            })}
          </ol>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-timeline': KgTimeline;
  }
}
