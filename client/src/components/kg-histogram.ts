// <kg-histogram>: dated items per month as bars (inferred dates hatched), a brush that sets the time range, month fields for the keyboard, and play-back.
import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { HistogramBars } from '../state/histogram.ts';
import { stylingFor } from '../state/styling.ts';
import { StoreController } from '../state/controller.ts';
import { formatMonth } from '../state/dates.ts';

const BAR = 12;
/** Time on screen for each month of the play-back. */
const PLAY_STEP_MS = 900;
const HEIGHT = 64;

@customElement('kg-histogram')
export class KgHistogram extends LitElement {
  static override styles = css`
    :host { display: block; }
    svg { width: 100%; height: 5rem; display: block; cursor: crosshair; touch-action: none; user-select: none; }
    .bar { fill: var(--kg-focus); }
    .bar.inferred { fill: url(#hatch); }
    .bar.out, .segment.out { opacity: 0.3; }
    select.grouping { font: inherit; font-size: 0.75rem; color: inherit; background: var(--kg-bg); border: 1px solid var(--kg-border); border-radius: 4px; max-width: 7rem; }
    .brush { fill: var(--kg-accent); fill-opacity: 0.18; stroke: var(--kg-accent); stroke-width: 1; }
    .axis { font-size: 9px; fill: var(--kg-muted); }
    .fields { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 0.4rem; align-items: center; margin-top: 0.3rem; font-size: 0.85rem; }
    input { font: inherit; font-size: 0.82rem; color: inherit; background: var(--kg-bg); border: 1px solid var(--kg-border); border-radius: 4px; min-width: 0; }
    input:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    .legend { font-size: 0.75rem; color: var(--kg-muted); display: flex; gap: 0.6rem; margin-top: 0.2rem; align-items: center; }
    .play { margin-left: auto; font: inherit; font-size: 0.78rem; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 4px; padding: 0 0.4rem; cursor: pointer; }
    .play:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    .key { display: inline-block; width: 0.7rem; height: 0.7rem; vertical-align: -1px; margin-right: 0.2rem; background: var(--kg-focus); }
    .key.inferred { background: repeating-linear-gradient(45deg, var(--kg-focus) 0 2px, transparent 2px 4px); border: 1px solid var(--kg-focus); box-sizing: border-box; }
  `;

  /** The whole database's dated items per month, from the first to the last (state/histogram.ts). */
  @property({ attribute: false }) bars: HistogramBars | null = null;
  private readonly ctl = new StoreController(this, (s) => [s.timeRange, s.schema]);
  /** Bars by how the date is known (stated or inferred), or stacked by label and relationship type. */
  @state() private grouping: 'certainty' | 'type' = 'certainty';
  /** Month indexes under the pointer while dragging. */
  @state() private drag: { from: number; to: number } | null = null;
  /** Play-back: the canvas grows month by month (through the months that have items), up to the last. */
  @state() private playing = false;
  private player?: ReturnType<typeof setInterval>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  private stop(): void {
    clearInterval(this.player);
    this.player = undefined;
    this.playing = false;
  }

  private play(): void {
    if (this.playing) {
      this.stop();
      return;
    }
    const { months, counts } = this.bars ?? { months: [], counts: [] };
    const steps = months.filter((_, i) => counts[i]!.stated + counts[i]!.inferred > 0);
    if (!steps.length) return;
    let i = 0;
    this.playing = true;
    const step = () => {
      this.ctl.actions.setTimeRange({ from: null, to: steps[i]! });
      i++;
      if (i >= steps.length) this.stop();
    };
    step();
    this.player = setInterval(step, PLAY_STEP_MS);
  }

  private indexAt(event: PointerEvent): number {
    const box = (event.currentTarget as SVGSVGElement).getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * this.months.length;
    return Math.max(0, Math.min(this.months.length - 1, Math.floor(x)));
  }

  private get months(): string[] {
    return this.bars?.months ?? [];
  }

  private onDown(event: PointerEvent): void {
    if (event.button !== 0 || !this.months.length) return;
    (event.currentTarget as SVGSVGElement).setPointerCapture(event.pointerId);
    const i = this.indexAt(event);
    this.drag = { from: i, to: i };
  }

  private onMove(event: PointerEvent): void {
    if (!this.drag) return;
    this.drag = { ...this.drag, to: this.indexAt(event) };
  }

  private onUp(): void {
    if (!this.drag) return;
    const a = Math.min(this.drag.from, this.drag.to);
    const b = Math.max(this.drag.from, this.drag.to);
    this.drag = null;
    // A click on one bar selects that month; a drag, the months it covers.
    this.ctl.actions.setTimeRange({ from: this.months[a]!, to: this.months[b]! });
  }

  private setEnd(end: 'from' | 'to', value: string): void {
    const month = /^\d{4}-\d{2}$/.test(value) ? value : null;
    this.ctl.actions.setTimeRange({ ...this.ctl.state.timeRange, [end]: month });
  }

  override render() {
    if (!this.ctl.ready || !this.bars?.months.length) return nothing;
    const { timeRange } = this.ctl.state;
    const { months, counts, groups, kinds } = this.bars;
    const styling = stylingFor(this.ctl.state.schema);
    const max = Math.max(1, ...counts.map((c) => c.stated + c.inferred));
    const width = months.length * BAR;
    const scale = (n: number) => (n / max) * (HEIGHT - 12);
    const lo = this.drag ? Math.min(this.drag.from, this.drag.to) : timeRange.from ? Math.max(0, months.indexOf(timeRange.from)) : null;
    const hiIndex = timeRange.to ? months.indexOf(timeRange.to) : months.length - 1;
    const hi = this.drag ? Math.max(this.drag.from, this.drag.to) : timeRange.to ? (hiIndex < 0 ? months.length - 1 : hiIndex) : null;
    const brushed = lo !== null || hi !== null;
    const from = lo ?? 0;
    const to = hi ?? months.length - 1;
    const years = months.map((m, i) => [m, i] as const).filter(([m], i) => i === 0 || m.endsWith('-01'));
    return html`
      <svg viewBox="0 0 ${width} ${HEIGHT + 10}" preserveAspectRatio="none" role="img"
        aria-label="Dated items per month, ${formatMonth(months[0]!)} to ${formatMonth(months[months.length - 1]!)}; drag across the bars to choose a time range"
        @pointerdown=${this.onDown} @pointermove=${this.onMove} @pointerup=${this.onUp} @pointercancel=${() => (this.drag = null)}>
        <defs><pattern id="hatch" width="3" height="3" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="1.5" height="3" fill="currentColor" class="bar"></rect></pattern></defs>
        ${this.grouping === 'certainty'
          ? counts.map((c, i) => {
              const out = brushed && (i < from || i > to);
              const stated = scale(c.stated);
              const inferred = scale(c.inferred);
              return svg`<g data-month=${months[i]!}>
                <title>${formatMonth(months[i]!)}: ${c.stated + c.inferred} dated items${c.inferred ? `, ${c.inferred} with inferred dates` : ''}</title>
                <rect class="bar ${out ? 'out' : ''}" x=${i * BAR + 1} y=${HEIGHT - stated} width=${BAR - 2} height=${stated}></rect>
                <rect class="bar inferred ${out ? 'out' : ''}" x=${i * BAR + 1} y=${HEIGHT - stated - inferred} width=${BAR - 2} height=${inferred}></rect>
              </g>`;
            })
          : groups.map((group, i) => {
              const out = brushed && (i < from || i > to);
              let y = HEIGHT;
              return svg`<g data-month=${months[i]!}>
                <title>${formatMonth(months[i]!)}: ${[...group].map(([type, n]) => `${n} ${type}`).join(', ') || 'nothing dated'}</title>
                ${[...group].sort((a, b) => a[0].localeCompare(b[0])).map(([type, n]) => {
                  const h = scale(n);
                  y -= h;
                  const color = kinds.get(type) === 'node' ? styling.labelStyle(type).color : styling.typeColor(type);
                  return svg`<rect class="segment ${out ? 'out' : ''}" data-type=${type} x=${i * BAR + 1} y=${y} width=${BAR - 2} height=${h} fill=${color}></rect>`;
                })}
              </g>`;
            })}
        ${brushed ? svg`<rect class="brush" x=${from * BAR} y="0" width=${(to - from + 1) * BAR} height=${HEIGHT}></rect>` : nothing}
        ${years.map(([m, i]) => svg`<text class="axis" x=${i * BAR} y=${HEIGHT + 9}>${m.slice(0, 4)}</text>`)}
      </svg>
      <div class="legend">${this.grouping === 'certainty'
          ? html`<span><span class="key"></span>stated</span><span><span class="key inferred"></span>inferred date</span>`
          : html`<span>by label and type (colours as on the canvas)</span>`}
        <select class="grouping" aria-label="What the bars show" @change=${(e: Event) => (this.grouping = (e.target as HTMLSelectElement).value as 'certainty' | 'type')}>
          <option value="certainty" ?selected=${this.grouping === 'certainty'}>stated / inferred</option>
          <option value="type" ?selected=${this.grouping === 'type'}>by type</option>
        </select>
        <button class="play" aria-pressed=${this.playing ? 'true' : 'false'} title="Play the months with dated items one after the other" @click=${() => this.play()}>${this.playing ? '❚❚ Pause' : '▶ Play'}</button></div>
      <div class="fields" role="group" aria-label="Time range">
        <label for="from">From</label>
        <input id="from" type="month" min=${months[0]!} max=${months[months.length - 1]!} .value=${timeRange.from ?? ''} @change=${(e: Event) => this.setEnd('from', (e.target as HTMLInputElement).value)} />
        <label for="to">To</label>
        <input id="to" type="month" min=${months[0]!} max=${months[months.length - 1]!} .value=${timeRange.to ?? ''} @change=${(e: Event) => this.setEnd('to', (e.target as HTMLInputElement).value)} />
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-histogram': KgHistogram;
  }
}
