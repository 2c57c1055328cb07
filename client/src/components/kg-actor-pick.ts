// <kg-actor-pick>: one end of a fact being recorded: an actor of the dataset found by search, or a new one (a type of the model and a name, which the selected words may give).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { search, type WireNode } from '../api.ts';
import { errorText } from '../lib/error-text.ts';
import { formStyles } from '../lib/styles.ts';

/** An actor that exists (its id, name and model label), a new one, or none yet. */
export type ActorChoice = { id: string; name: string; label: string } | { new: { type: string; name: string } } | null;

/** The label of an actor the model knows it by (a node also carries the umbrella label). */
export function modelLabel(choice: ActorChoice): string | null {
  if (!choice) return null;
  return 'new' in choice ? choice.new.type : choice.label;
}

@customElement('kg-actor-pick')
export class KgActorPick extends LitElement {
  static override styles = [formStyles, css`
    :host { display: block; position: relative; }
    fieldset { border: 1px solid var(--kg-border); border-radius: 6px; padding: 0.35rem 0.5rem 0.5rem; margin: 0; display: grid; gap: 0.35rem; }
    legend { font-size: 0.85rem; font-weight: 600; padding: 0 0.25rem; }
    [role=listbox] { list-style: none; margin: 0; padding: 0; border: 1px solid var(--kg-border); border-radius: 5px; max-height: 10rem; overflow: auto; background: var(--kg-bg); }
    [role=option] { padding: 0.2rem 0.45rem; cursor: pointer; font-size: 0.88rem; }
    [role=option][aria-selected='true'] { background: var(--kg-focus); color: var(--kg-on-focus); }
    .chosen { display: flex; gap: 0.5rem; align-items: center; font-size: 0.9rem; }
    .kind { color: var(--kg-muted); font-size: 0.8rem; }
    .field-error { color: var(--kg-danger); font-size: 0.82rem; }
    .row > label { flex: 1; }
  `];

  /** Focus on the element goes to its first field. */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** 'From' or 'To': the legend and the fields' names. */
  @property() end = 'From';
  @property() datasetId = '';
  /** The labels a new actor may have (the model's). */
  @property({ attribute: false }) labels: string[] = [];
  @property({ attribute: false }) value: ActorChoice = null;
  /** The words selected in the source, offered as a new actor's name. */
  @property() selected = '';
  @property({ attribute: false }) errors: string[] = [];

  @state() private query = '';
  @state() private results: WireNode[] = [];
  @state() private active = -1;
  @state() private searching = false;
  @state() private failure = '';
  private timer?: ReturnType<typeof setTimeout>;
  private abort?: AbortController;

  private emit(value: ActorChoice): void {
    this.dispatchEvent(new CustomEvent<ActorChoice>('actor-change', { detail: value, bubbles: true, composed: true }));
  }

  private typed(text: string): void {
    this.query = text;
    clearTimeout(this.timer);
    this.abort?.abort();
    if (text.trim().length < 2) {
      this.results = [];
      return;
    }
    this.timer = setTimeout(() => void this.find(text.trim()), 200);
  }

  private async find(text: string): Promise<void> {
    this.abort = new AbortController();
    this.searching = true;
    this.failure = '';
    try {
      const { results } = await search(text, { limit: 10, signal: this.abort.signal });
      // Only actors of the dataset the fact goes to: the server refuses the others.
      this.results = results.map((r) => r.node).filter((n) => !this.datasetId || n.properties.dataset === undefined || n.properties.dataset === this.datasetId);
      this.active = this.results.length ? 0 : -1;
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) this.failure = errorText(error);
    } finally {
      this.searching = false;
    }
  }

  private choose(node: WireNode): void {
    const label = node.labels.find((l) => this.labels.includes(l)) ?? node.labels[0] ?? '';
    this.results = [];
    this.query = '';
    this.emit({ id: node.id, name: node.caption, label });
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.results.length) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.results.length) % this.results.length;
    } else if (event.key === 'Enter' && this.active >= 0) {
      // The suggestion, not the form: Enter submits only once both ends are chosen.
      event.preventDefault();
      this.choose(this.results[this.active]!);
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      this.results = [];
    }
  }

  private startNew(name = ''): void {
    this.emit({ new: { type: this.labels[0] ?? '', name: name || this.query.trim() } });
  }

  private renderChosen(value: { id: string; name: string; label: string }) {
    return html`<div class="chosen"><strong class="actor-name">${value.name}</strong><span class="kind">${value.label} · ${value.id}</span>
      <button type="button" aria-label="Choose another ${this.end.toLowerCase()} actor" @click=${() => this.emit(null)}>Change</button></div>`;
  }

  private renderNew(value: { new: { type: string; name: string } }) {
    const name = this.end.toLowerCase();
    return html`<div class="row">
        <label>New actor's type
          <select name="${name}-type" @change=${(e: Event) => this.emit({ new: { ...value.new, type: (e.target as HTMLSelectElement).value } })}>
            ${this.labels.map((l) => html`<option value=${l} ?selected=${l === value.new.type}>${l}</option>`)}
          </select></label>
        <label>Name
          <input name="${name}-name" .value=${value.new.name} @input=${(e: Event) => this.emit({ new: { ...value.new, name: (e.target as HTMLInputElement).value } })} /></label>
      </div>
      <div class="row">
        ${this.selected ? html`<button type="button" @click=${() => this.emit({ new: { ...value.new, name: this.selected } })}>Use the selected words as the name</button>` : nothing}
        <button type="button" @click=${() => this.emit(null)}>Search instead</button>
      </div>`;
  }

  private renderSearch() {
    const name = this.end.toLowerCase();
    const listId = `${name}-results`;
    return html`<label>Find an actor of the dataset
        <input name="${name}-search" role="combobox" aria-autocomplete="list" aria-controls=${listId} aria-expanded=${this.results.length ? 'true' : 'false'}
          aria-activedescendant=${this.active >= 0 ? `${listId}-${this.active}` : nothing} autocomplete="off" .value=${this.query}
          @input=${(e: Event) => this.typed((e.target as HTMLInputElement).value)} @keydown=${this.onKey} /></label>
      ${this.results.length
        ? html`<ul role="listbox" id=${listId} aria-label="Actors found">
            ${this.results.map((node, i) => html`<li role="option" id="${listId}-${i}" aria-selected=${i === this.active ? 'true' : 'false'} @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.choose(node)}>
              ${node.caption} <span class="kind">${node.labels.filter((l) => this.labels.includes(l)).join(', ')}</span></li>`)}
          </ul>`
        : nothing}
      ${this.searching ? html`<span class="note" role="status">Searching…</span>` : nothing}
      ${this.failure ? html`<span class="field-error">${this.failure}</span>` : nothing}
      <div class="row">
        <button type="button" class="new-actor" @click=${() => this.startNew()}>New actor…</button>
        ${this.selected ? html`<button type="button" class="new-from-selection" @click=${() => this.startNew(this.selected)}>New actor named “${this.selected.length > 40 ? `${this.selected.slice(0, 40)}…` : this.selected}”</button>` : nothing}
      </div>`;
  }

  override render() {
    const value = this.value;
    return html`<fieldset data-end=${this.end.toLowerCase()}>
      <legend>${this.end}</legend>
      ${value === null ? this.renderSearch() : 'new' in value ? this.renderNew(value) : this.renderChosen(value)}
      ${this.errors.length ? html`<span class="field-error" role="alert" data-field=${this.end.toLowerCase()}>${this.errors.join(' ')}</span>` : nothing}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-actor-pick': KgActorPick;
  }
}
