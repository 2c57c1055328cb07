// <kg-record-fact>: the form that records a fact from a selected passage (its quote anchored by offsets, prefix and suffix), or adds the passage as evidence for a fact already recorded; the server's problems appear on the fields they concern.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, type WireEdge } from '../api.ts';
import type { FactEnd, NewFact } from '../api-record.ts';
import { errorText } from '../lib/error-text.ts';
import { formStyles } from '../lib/styles.ts';
import { StoreController } from '../state/controller.ts';
import { actorLabels, allowedTypes, dateInput, problemsByField, problemsOf, type Anchored, type Precision } from '../state/record.ts';
import { modelLabel, type ActorChoice } from './kg-actor-pick.ts';
import './kg-actor-pick.ts';

/** Where each of the server's problems goes, by the start of its path (the quote's first: a new actor's evidence is the quote too). */
const FIELD_PATHS = {
  quote: ['fact.evidence', 'evidence', 'from.new.evidence', 'to.new.evidence'],
  from: ['from', 'fact.from'],
  to: ['to', 'fact.to'],
  type: ['fact.type', 'type'],
  date: ['fact.date', 'date'],
  properties: ['fact.properties', 'properties'],
  fact: ['revision'],
} as const;

const end = (choice: Exclude<ActorChoice, null>): FactEnd => ('new' in choice ? { new: { type: choice.new.type, name: choice.new.name.trim() } } : { id: choice.id });

@customElement('kg-record-fact')
export class KgRecordFact extends LitElement {
  static override styles = [formStyles, css`
    :host { display: block; }
    form { gap: 0.6rem; }
    h3 { margin: 0; font-size: 1rem; }
    blockquote { margin: 0; padding: 0.3rem 0.6rem; border-left: 3px solid var(--kg-accent); font-style: italic; background: var(--kg-panel); white-space: pre-wrap; }
    .offsets { color: var(--kg-muted); font-size: 0.78rem; }
    .field-error { color: var(--kg-danger); font-size: 0.82rem; }
    .buttons { display: flex; gap: 0.5rem; justify-content: flex-end; }
    .mode { border-left: 3px solid var(--kg-focus); padding-left: 0.5rem; }
    fieldset.date { border: 1px solid var(--kg-border); border-radius: 6px; padding: 0.35rem 0.5rem 0.5rem; margin: 0; }
    fieldset.date legend { font-size: 0.85rem; font-weight: 600; }
  `];

  @property() sourceId = '';
  @property({ attribute: false }) passage: Anchored | null = null;
  /** 'fact': record a new fact; 'evidence': add the passage to a fact already recorded. */
  @property() mode: 'fact' | 'evidence' = 'fact';
  /** The datasets the user may write to; the first is the source's when the page knows it. */
  @property({ attribute: false }) datasets: { id: string; title: string }[] = [];
  /** An end given before the form opened ("New actor from selection"). */
  @property({ attribute: false }) initialFrom: ActorChoice = null;

  private readonly ctl = new StoreController(this, (s) => [s.schema, s.session, s.edges, s.selection]);
  @state() private datasetId = '';
  @state() private from: ActorChoice = null;
  @state() private to: ActorChoice = null;
  @state() private type = '';
  @state() private props: Record<string, string> = {};
  @state() private day = '';
  @state() private precision: Precision = 'day';
  @state() private inferred = false;
  @state() private factId = '';
  @state() private errors = new Map<string, string[]>();
  @state() private saving = false;
  /** Corroboration refused as stale: the revision the fact is at now, for a second try. */
  @state() private current: { revision: number } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.datasetId = this.datasets[0]?.id ?? '';
    this.from = this.initialFrom;
    const selection = this.ctl.ready ? this.ctl.state.selection : null;
    if (selection?.kind === 'edge') this.factId = selection.id;
  }

  private focused = false;

  override updated(): void {
    if (this.focused) return;
    // The first thing to fill: the actor the fact starts at (its picker hands the focus to its own field).
    const first = this.renderRoot.querySelector<HTMLElement>('select[name=dataset], kg-actor-pick, select[name=fact]');
    if (first) {
      this.focused = true;
      // A picker draws its fields after this form: focus once it has.
      void ((first as Partial<LitElement>).updateComplete ?? Promise.resolve()).then(() => first.focus());
    }
  }

  private close(recorded: boolean): void {
    this.dispatchEvent(new CustomEvent('record-close', { detail: { recorded }, bubbles: true, composed: true }));
  }

  private onKey(event: KeyboardEvent): void {
    // Escape closes this form, not the source dialog around it.
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close(false);
    }
  }

  private get types(): string[] {
    return allowedTypes(this.ctl.state.schema, modelLabel(this.from), modelLabel(this.to));
  }

  private evidence(passage: Anchored) {
    return { source: this.sourceId, quote: passage.quote, start: passage.start, end: passage.end, prefix: passage.prefix, suffix: passage.suffix };
  }

  /** The fact as the API takes it, or the problems the page can see by itself. */
  private body(passage: Anchored): NewFact | Map<string, string[]> {
    const problems = new Map<string, string[]>();
    const type = this.types.includes(this.type) ? this.type : '';
    if (!this.from) problems.set('from', ['Choose or create the actor the fact starts at.']);
    if (!this.to) problems.set('to', ['Choose or create the actor the fact goes to.']);
    if (this.from && this.to && !type) problems.set('type', [this.types.length ? 'Choose the relation type.' : 'The model allows no relation between these two kinds of actor.']);
    const date = this.day.trim() ? dateInput(this.day, this.precision, this.inferred) : undefined;
    if (date === null) problems.set('date', [`Write the date as ${this.precision === 'year' ? 'YYYY' : this.precision === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD'}.`]);
    if (problems.size || !this.from || !this.to) return problems;
    const properties = Object.fromEntries(Object.entries(this.props).filter(([key, v]) => v.trim() && this.propertyNames().includes(key)).map(([k, v]) => [k, v.trim()]));
    return { type, from: end(this.from), to: end(this.to), evidence: this.evidence(passage), ...(Object.keys(properties).length ? { properties } : {}), ...(date ? { date } : {}) };
  }

  private propertyNames(): string[] {
    return (this.ctl.state.schema?.relationshipTypes.find((t) => t.type === this.type)?.properties ?? []).filter((p) => p.type === 'string').map((p) => p.name);
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const passage = this.passage;
    if (!passage || this.saving) return;
    this.saving = true;
    try {
      if (this.mode === 'evidence') {
        if (!(await this.corroborate(passage))) return;
      } else {
        const body = this.body(passage);
        if (body instanceof Map) {
          this.errors = body;
          return;
        }
        await this.ctl.actions.recordFact(this.datasetId, body);
      }
      this.close(true);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'stale_revision') {
        const current = error.details.current as { revision?: number } | undefined;
        this.current = { revision: Number(current?.revision ?? 1) };
        this.errors = new Map([['fact', [`The fact changed meanwhile (it is at revision ${this.current.revision} now); check it and add the evidence again.`]]]);
      } else {
        this.errors = error instanceof ApiError ? problemsByField(problemsOf(error.details, error.message), FIELD_PATHS) : new Map([['', [errorText(error)]]]);
      }
    } finally {
      this.saving = false;
    }
  }

  /** False when no fact is chosen (the field says so). */
  private async corroborate(passage: Anchored): Promise<boolean> {
    const edge = this.ctl.state.edges.get(this.factId);
    if (!edge) {
      this.errors = new Map([['fact', ['Choose the fact this passage also states.']]]);
      return false;
    }
    const revision = this.current?.revision ?? Number(edge.properties.factRevision ?? 1);
    await this.ctl.actions.corroborate(edge.id, revision, this.evidence(passage));
    return true;
  }

  private errorsOf(field: string) {
    const list = this.errors.get(field);
    return list?.length ? html`<span class="field-error" role="alert" data-field=${field}>${list.join(' ')}</span>` : nothing;
  }

  private renderFactFields(passage: Anchored) {
    const labels = actorLabels(this.ctl.state.schema);
    const types = this.types;
    const properties = this.ctl.state.schema?.relationshipTypes.find((t) => t.type === this.type)?.properties.filter((p) => p.type === 'string') ?? [];
    const pick = (role: 'From' | 'To', value: ActorChoice) => html`<kg-actor-pick end=${role} .datasetId=${this.datasetId} .labels=${labels} .value=${value} .selected=${passage.quote.length <= 120 ? passage.quote : ''}
      .errors=${this.errors.get(role.toLowerCase()) ?? []} @actor-change=${(e: CustomEvent<ActorChoice>) => {
        if (role === 'From') this.from = e.detail;
        else this.to = e.detail;
      }}></kg-actor-pick>`;
    return html`
      ${this.datasets.length > 1
        ? html`<label>Dataset<select name="dataset" @change=${(e: Event) => (this.datasetId = (e.target as HTMLSelectElement).value)}>
            ${this.datasets.map((d) => html`<option value=${d.id} ?selected=${d.id === this.datasetId}>${d.title}</option>`)}</select></label>`
        : nothing}
      ${pick('From', this.from)} ${pick('To', this.to)}
      <label>Relation
        <select name="type" aria-invalid=${this.errors.has('type') ? 'true' : 'false'} ?disabled=${!types.length} @change=${(e: Event) => (this.type = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!types.includes(this.type)}>${this.from && this.to ? (types.length ? 'Choose…' : 'none allowed between these kinds') : 'choose both actors first'}</option>
          ${types.map((t) => html`<option value=${t} ?selected=${t === this.type}>${t}</option>`)}
        </select>${this.errorsOf('type')}</label>
      ${properties.map((p) => html`<label>${p.name}${p.required ? ' (required)' : ''}
        <input name="prop-${p.name}" title=${p.description ?? ''} .value=${this.props[p.name] ?? ''} @input=${(e: Event) => (this.props = { ...this.props, [p.name]: (e.target as HTMLInputElement).value })} /></label>`)}
      ${this.errorsOf('properties')}
      <fieldset class="date"><legend>Date</legend>
        <div class="row">
          <label>When <input name="date" placeholder="YYYY-MM-DD" .value=${this.day} aria-invalid=${this.errors.has('date') ? 'true' : 'false'} @input=${(e: Event) => (this.day = (e.target as HTMLInputElement).value)} /></label>
          <label>Precision <select name="precision" @change=${(e: Event) => (this.precision = (e.target as HTMLSelectElement).value as Precision)}>
            ${(['day', 'month', 'year'] as const).map((p) => html`<option value=${p} ?selected=${p === this.precision}>${p}</option>`)}</select></label>
          <label class="check"><input type="radio" name="stated" .checked=${!this.inferred} @change=${() => (this.inferred = false)} />stated by the source</label>
          <label class="check"><input type="radio" name="stated" .checked=${this.inferred} @change=${() => (this.inferred = true)} />inferred</label>
        </div>${this.errorsOf('date')}</fieldset>`;
  }

  private renderEvidenceFields() {
    const edges = [...this.ctl.state.edges.values()];
    const caption = (e: WireEdge) => `${this.ctl.state.nodes.get(e.source)?.caption ?? e.source} —${e.type}→ ${this.ctl.state.nodes.get(e.target)?.caption ?? e.target}`;
    return html`<label>The fact this passage also states
      <select name="fact" @change=${(e: Event) => { this.factId = (e.target as HTMLSelectElement).value; this.current = null; }}>
        <option value="" ?selected=${!this.factId}>${edges.length ? 'Choose a relationship on the canvas…' : 'put the fact on the canvas first'}</option>
        ${edges.map((e) => html`<option value=${e.id} ?selected=${e.id === this.factId}>${caption(e)}</option>`)}
      </select>${this.errorsOf('fact')}</label>`;
  }

  override render() {
    const passage = this.passage;
    if (!passage || !this.ctl.ready) return nothing;
    const owner = this.ctl.state.session.mode === 'owner';
    const top = this.errors.get('');
    return html`<form @submit=${this.submit} @keydown=${this.onKey} aria-labelledby="record-title">
      <h3 id="record-title">${this.mode === 'evidence' ? 'Add this passage as evidence' : 'Record a fact from this passage'}</h3>
      ${top?.length ? html`<p class="error" role="alert">${top.map((t) => html`${t}<br />`)}</p>` : nothing}
      <div><blockquote class="quote">${passage.quote}</blockquote>
        <span class="offsets">characters ${passage.start}–${passage.end} of the held text</span>${this.errorsOf('quote')}</div>
      ${this.mode === 'evidence' ? this.renderEvidenceFields() : this.renderFactFields(passage)}
      <p class="note mode">${owner
        ? 'Owner mode: the fact is accepted as written. Review by someone else is a step of team mode.'
        : 'Team mode: the fact will be proposed, and counts as accepted once someone other than you has reviewed it.'}</p>
      <div class="buttons">
        <button type="button" @click=${() => this.close(false)}>Cancel</button>
        <button type="submit" class="primary" ?disabled=${this.saving}>${this.saving ? 'Saving…' : this.mode === 'evidence' ? 'Add evidence' : 'Record the fact'}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-record-fact': KgRecordFact;
  }
}
