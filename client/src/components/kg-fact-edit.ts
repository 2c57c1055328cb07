// <kg-fact-edit>: a fact's editors change its date or retire it, based on the revision the history shows; a change made meanwhile by someone else is shown with its values and the user re-applies theirs or discards it — never overwritten silently.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api.ts';
import { factRevisions, type DateInput, type Fact } from '../api-record.ts';
import { errorText } from '../lib/error-text.ts';
import { formStyles } from '../lib/styles.ts';
import { StoreController } from '../state/controller.ts';
import { dateInput, precisionOf, problemsOf, type Precision } from '../state/record.ts';

/** A write refused as stale: what the user asked, and the fact as it is now (by whom). */
interface Conflict {
  what: 'date' | 'retire';
  date?: DateInput;
  reason: string;
  current: Fact;
  by: string;
}

const dateText = (p: Record<string, unknown>) => (typeof p.date === 'string' ? `${p.date}${p.datePrecision ? ` (${p.datePrecision})` : ''}${p.dateInferred === true ? ', inferred' : ''}` : 'no date');

@customElement('kg-fact-edit')
export class KgFactEdit extends LitElement {
  static override styles = [formStyles, css`
    :host { display: block; margin-top: 0.6rem; font-size: 0.88rem; }
    details { margin: 0.3rem 0; }
    summary { cursor: pointer; color: var(--kg-focus); }
    form { margin-top: 0.35rem; }
    .conflict { border: 2px solid var(--kg-accent); border-radius: 6px; padding: 0.4rem 0.6rem; margin: 0.4rem 0; }
  `];

  @property() factId = '';
  /** The revision the history shows: the edit is based on it. */
  @property({ type: Number }) revision = 1;
  @property({ attribute: false }) properties: Record<string, unknown> = {};

  private readonly ctl = new StoreController(this);
  @state() private day = '';
  @state() private precision: Precision = 'day';
  @state() private inferred = false;
  @state() private reason = '';
  @state() private retireReason = '';
  @state() private error = '';
  @state() private conflict: Conflict | null = null;
  @state() private saving = false;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('factId') || (changed.has('properties') && !this.day)) {
      const date = typeof this.properties.date === 'string' ? this.properties.date : '';
      this.day = date;
      this.precision = date ? precisionOf(date, this.properties.datePrecision) : 'day';
      this.inferred = this.properties.dateInferred === true;
    }
  }

  /** Sends the change based on `revision`; a stale one becomes the conflict shown. */
  private async send(what: 'date' | 'retire', revision: number, date: DateInput | undefined, reason: string): Promise<void> {
    this.saving = true;
    this.error = '';
    try {
      if (what === 'date') await this.ctl.actions.editFact(this.factId, revision, { date: date ?? null }, reason || undefined);
      else await this.ctl.actions.retireFact(this.factId, revision, reason);
      this.conflict = null;
      this.reason = '';
    } catch (error) {
      if (error instanceof ApiError && error.code === 'stale_revision') {
        const current = error.details.current as Fact;
        const revisions = await factRevisions(this.factId).catch(() => ({ revisions: [] }));
        const last = revisions.revisions.at(-1);
        this.conflict = { what, ...(date ? { date } : {}), reason, current, by: last?.actorName ?? last?.actor ?? 'someone' };
        this.dispatchEvent(new CustomEvent('fact-stale', { bubbles: true, composed: true }));
      } else {
        this.error = error instanceof ApiError ? problemsOf(error.details, error.message).join(' ') : errorText(error);
      }
    } finally {
      this.saving = false;
    }
  }

  private saveDate(event: Event): void {
    event.preventDefault();
    const date = this.day.trim() ? dateInput(this.day, this.precision, this.inferred) : undefined;
    if (date === null) {
      this.error = `Write the date as ${this.precision === 'year' ? 'YYYY' : this.precision === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD'}.`;
      return;
    }
    void this.send('date', this.revision, date, this.reason.trim());
  }

  private retire(event: Event): void {
    event.preventDefault();
    if (!this.retireReason.trim()) {
      this.error = 'Say why the fact is retired.';
      return;
    }
    void this.send('retire', this.revision, undefined, this.retireReason.trim());
  }

  private renderConflict(conflict: Conflict) {
    const mine = conflict.what === 'date' ? (conflict.date ? `${conflict.date.on} (${conflict.date.precision ?? 'day'})` : 'no date') : `retire it (“${conflict.reason}”)`;
    return html`<div class="conflict" role="alert">
      <p><strong>Changed meanwhile by ${conflict.by}</strong> (now revision ${conflict.current.revision}, ${conflict.current.status}).</p>
      <p>Its date now: <span class="current-date">${dateText(conflict.current.properties)}</span>. Yours: <span class="mine">${mine}</span>.</p>
      <div class="row">
        <button class="primary reapply" ?disabled=${this.saving} @click=${() => this.send(conflict.what, conflict.current.revision, conflict.date, conflict.reason)}>Re-apply mine</button>
        <button class="discard" @click=${() => (this.conflict = null)}>Discard mine</button>
      </div>
    </div>`;
  }

  override render() {
    return html`
      ${this.conflict ? this.renderConflict(this.conflict) : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <details class="edit-date">
        <summary>Edit date</summary>
        <form @submit=${this.saveDate}>
          <div class="row">
            <label>When <input name="date" placeholder="YYYY-MM-DD" .value=${this.day} @input=${(e: Event) => (this.day = (e.target as HTMLInputElement).value)} /></label>
            <label>Precision <select name="precision" @change=${(e: Event) => (this.precision = (e.target as HTMLSelectElement).value as Precision)}>
              ${(['day', 'month', 'year'] as const).map((p) => html`<option value=${p} ?selected=${p === this.precision}>${p}</option>`)}</select></label>
          </div>
          <label class="check"><input type="checkbox" name="inferred" .checked=${this.inferred} @change=${(e: Event) => (this.inferred = (e.target as HTMLInputElement).checked)} />inferred, not stated by the source</label>
          <label>Why (optional) <input name="reason" .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)} /></label>
          <div class="row"><button type="submit" class="primary" ?disabled=${this.saving}>Save the date</button><span class="note">based on revision ${this.revision}</span></div>
        </form>
      </details>
      <details class="retire">
        <summary>Retire</summary>
        <form @submit=${this.retire}>
          <label>Why is it wrong or superseded? (required) <input name="retire-reason" .value=${this.retireReason} @input=${(e: Event) => (this.retireReason = (e.target as HTMLInputElement).value)} /></label>
          <div class="row"><button type="submit" class="danger" ?disabled=${this.saving}>Retire the fact</button></div>
        </form>
      </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-fact-edit': KgFactEdit;
  }
}
