// <kg-model-panel>: the inferred model of each label (caption properties, date property) for the user to correct; the choice goes in the URL.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { DateFormat, LabelInfo } from '../api.ts';
import { StoreController } from '../state/controller.ts';
import { captionParts, dateChoice } from '../state/model.ts';
import { stylingFor } from '../state/styling.ts';

/** A date choice as one <select> value: 'name|format', '' for the inferred one, '-' for not dated. */
function choiceValue(name: string, format: DateFormat): string {
  return `${name}|${format}`;
}

@customElement('kg-model-panel')
export class KgModelPanel extends LitElement {
  static override styles = css`
    :host { display: block; margin-top: 0.9rem; font-size: 0.85rem; }
    summary { cursor: pointer; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--kg-muted); }
    summary:focus-visible, select:focus-visible, button:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    .grid { display: grid; grid-template-columns: auto 1fr; gap: 0.35rem 0.4rem; align-items: center; margin-top: 0.45rem; }
    select { font: inherit; color: inherit; background: var(--kg-bg); border: 1px solid var(--kg-border); border-radius: 4px; padding: 0.1rem; min-width: 0; }
    ol { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 2px; grid-column: 1 / -1; }
    li { display: flex; gap: 0.25rem; align-items: center; }
    li .prop { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; font-family: ui-monospace, monospace; font-size: 0.95em; }
    button { font: inherit; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 4px; padding: 0 0.35rem; cursor: pointer; }
    button:disabled { opacity: 0.4; cursor: default; }
    .small { color: var(--kg-muted); margin: 0.3rem 0 0; grid-column: 1 / -1; }
    .preview { grid-column: 1 / -1; color: var(--kg-muted); }
    .preview strong { color: var(--kg-fg); }
  `;

  private readonly ctl = new StoreController(this, (s) => [s.schema, s.model, s.nodes]);
  @state() private chosen = '';

  private labels(): LabelInfo[] {
    return (this.ctl.state.schema?.labels ?? []).filter((l) => l.count > 0 && l.properties.length > 0);
  }

  private move(info: LabelInfo, parts: string[], index: number, by: number): void {
    const next = [...parts];
    const [item] = next.splice(index, 1);
    next.splice(Math.max(0, Math.min(next.length, index + by)), 0, item!);
    this.ctl.actions.setCaption(info.label, next);
  }

  private setDate(info: LabelInfo, value: string): void {
    const actions = this.ctl.actions;
    if (value === '') actions.setDateProperty(info.label, undefined);
    else if (value === '-') actions.setDateProperty(info.label, null);
    else {
      const [name, format] = value.split('|') as [string, DateFormat];
      actions.setDateProperty(info.label, { name, format });
    }
  }

  /** A node of the label on the canvas, to show what the caption will read. */
  private example(info: LabelInfo): string | null {
    const styling = stylingFor(this.ctl.state.schema);
    for (const node of this.ctl.state.nodes.values()) if (styling.displayLabel(node.labels) === info.label) return node.caption;
    return null;
  }

  private renderLabel(info: LabelInfo) {
    const { state, actions } = this.ctl;
    const parts = captionParts(info, state.model);
    const others = info.properties.map((p) => p.name).filter((name) => !parts.includes(name));
    const date = dateChoice(info, state.model);
    const userDate = state.model.dates.has(info.label);
    const inferred = info.dateProperty;
    const candidates = info.dateCandidates ?? [];
    const options: { value: string; text: string }[] = [];
    for (const c of candidates) {
      if (c.format === 'ambiguous') {
        options.push({ value: choiceValue(c.name, 'dd/MM/yyyy'), text: `${c.name} as day/month/year` });
        options.push({ value: choiceValue(c.name, 'MM/dd/yyyy'), text: `${c.name} as month/day/year` });
      } else options.push({ value: choiceValue(c.name, c.format), text: `${c.name} (${c.format})` });
    }
    const current = userDate ? (date ? choiceValue(date.name, date.format) : '-') : '';
    if (current && current !== '-' && !options.some((o) => o.value === current)) options.push({ value: current, text: `${date!.name} (${date!.format})` });
    const example = this.example(info);
    const ambiguous = candidates.filter((c) => c.format === 'ambiguous');
    return html`
      <span id="caption-title">Caption</span>
      <select aria-label="Add a property to the caption of ${info.label}" @change=${(e: Event) => {
        const select = e.target as HTMLSelectElement;
        if (select.value) actions.setCaption(info.label, [...parts, select.value]);
        select.value = '';
      }}>
        <option value="">Add a property…</option>
        ${others.map((name) => html`<option value=${name}>${name}</option>`)}
      </select>
      <ol aria-label="Caption properties of ${info.label}, in order">
        ${parts.map(
          (name, i) => html`<li>
            <span class="prop">${name}</span>
            <button aria-label="Move ${name} earlier" ?disabled=${i === 0} @click=${() => this.move(info, parts, i, -1)}>↑</button>
            <button aria-label="Move ${name} later" ?disabled=${i === parts.length - 1} @click=${() => this.move(info, parts, i, 1)}>↓</button>
            <button aria-label="Remove ${name} from the caption" ?disabled=${parts.length === 1} @click=${() => actions.setCaption(info.label, parts.filter((p) => p !== name))}>✕</button>
          </li>`,
        )}
      </ol>
      ${example ? html`<p class="preview">Reads: <strong>${example}</strong></p>` : nothing}
      ${state.model.captions.has(info.label) ? html`<p class="small"><button @click=${() => actions.setCaption(info.label, null)}>Inferred caption</button></p>` : nothing}
      <label for="date-property">Date</label>
      <select id="date-property" aria-label="Date property of ${info.label}" @change=${(e: Event) => this.setDate(info, (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${current === ''}>${inferred ? `inferred: ${inferred.name} (${inferred.format})` : 'inferred: none'}</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${current === o.value}>${o.text}</option>`)}
        <option value="-" ?selected=${current === '-'}>not dated</option>
      </select>
      ${ambiguous.length && !userDate
        ? html`<p class="small">${ambiguous.map((c) => c.name).join(', ')}: the values fit both day/month and month/day; choose which to date by it.</p>`
        : nothing}
    `;
  }

  override render() {
    if (!this.ctl.ready) return nothing;
    const labels = this.labels();
    if (!labels.length) return nothing;
    const chosen = labels.find((l) => l.label === this.chosen) ?? labels[0]!;
    return html`<details>
      <summary>Captions and dates</summary>
      <div class="grid">
        <label for="model-label">Label</label>
        <select id="model-label" @change=${(e: Event) => (this.chosen = (e.target as HTMLSelectElement).value)}>
          ${labels.map((l) => html`<option value=${l.label} ?selected=${l.label === chosen.label}>${l.label}</option>`)}
        </select>
        ${this.renderLabel(chosen)}
        <p class="small">Your choices are kept in the link to this view.</p>
      </div>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-model-panel': KgModelPanel;
  }
}
