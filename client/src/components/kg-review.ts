// <kg-review>: the proposed facts waiting for review (GET /api/review), newest first, each with its quote marked; Accept or Reject with a required comment; the author's own facts need another reviewer.
import { Task, TaskStatus } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { ApiError } from '../api.ts';
import { fetchReview, type ReviewItem } from '../api-record.ts';
import { errorText } from '../lib/error-text.ts';
import { dialogStyles, formStyles } from '../lib/styles.ts';
import { StoreController } from '../state/controller.ts';
import { formatDate } from '../state/dates.ts';
import { mayOn } from '../state/record.ts';
import { showWhile } from './dialog.ts';

/** Facts listed per page. */
const PAGE = 50;

@customElement('kg-review')
export class KgReview extends LitElement {
  static override styles = [dialogStyles, formStyles, css`
    dialog { width: min(48rem, 94vw); max-height: 86vh; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.8rem; }
    li { border: 1px solid var(--kg-border); border-radius: 8px; padding: 0.5rem 0.7rem; }
    .fact { font-weight: 600; }
    .meta { color: var(--kg-muted); font-size: 0.82rem; }
    mark { background: var(--kg-mark); color: inherit; padding: 0.05em 0.1em; border-radius: 2px; }
    blockquote { margin: 0.3rem 0; font-style: italic; }
    textarea { font: inherit; color: inherit; background: var(--kg-bg); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.3rem; min-height: 2.4rem; width: 100%; box-sizing: border-box; }
    .decide { display: flex; gap: 0.4rem; align-items: center; flex-wrap: wrap; margin-top: 0.3rem; }
    .own { color: var(--kg-accent); font-size: 0.88rem; }
    button.link { background: none; border: none; padding: 0; color: var(--kg-focus); text-decoration: underline; }
  `];

  private readonly ctl = new StoreController(this, (s) => [s.panels.review, s.dataRev, s.session]);
  @query('dialog') private dialog!: HTMLDialogElement;
  @state() private comments = new Map<string, string>();
  @state() private errors = new Map<string, string>();
  @state() private busy = '';

  private readonly listTask = new Task(this, {
    task: ([open]: readonly [boolean, number], { signal }) => (open ? fetchReview({ limit: PAGE }, signal) : Promise.resolve({ facts: [], total: 0 })),
    args: () => [this.ctl.ready && this.ctl.state.panels.review, this.ctl.ready ? this.ctl.state.dataRev : 0] as const,
  });

  override updated(): void {
    showWhile(this.dialog, this.ctl.ready && this.ctl.state.panels.review);
  }

  private close(): void {
    this.ctl.actions.setPanel('review', false);
  }

  private async decide(item: ReviewItem, decision: 'accept' | 'reject'): Promise<void> {
    const id = item.fact.id;
    const comment = (this.comments.get(id) ?? '').trim();
    if (!comment) {
      this.errors = new Map(this.errors).set(id, 'A comment is required: say why.');
      return;
    }
    this.busy = id;
    try {
      await this.ctl.actions.reviewFact(id, item.fact.revision, decision, comment);
      this.errors = new Map([...this.errors].filter(([key]) => key !== id));
    } catch (error) {
      const text = error instanceof ApiError && error.code === 'stale_revision' ? 'The fact changed meanwhile; the list shows it as it is now. Decide again.' : errorText(error);
      this.errors = new Map(this.errors).set(id, text);
      if (error instanceof ApiError && error.code === 'stale_revision') void this.listTask.run();
    } finally {
      this.busy = '';
    }
  }

  private showInSource(item: ReviewItem): void {
    if (!item.source) return;
    this.close();
    this.ctl.actions.openSource({ sourceId: item.source, quote: item.quote ?? '' });
  }

  private renderItem(item: ReviewItem) {
    const session = this.ctl.state.session;
    const id = item.fact.id;
    const own = Boolean(item.authorId && item.authorId === session.user?.id);
    const mayReview = mayOn(session, item.fact.dataset, 'reviewer');
    const error = this.errors.get(id);
    return html`<li data-fact=${id}>
      <div class="fact">${item.fromName ?? item.fact.from} —${item.fact.type}→ ${item.toName ?? item.fact.to}</div>
      <div class="meta">recorded by ${item.author ?? 'someone'}${item.at ? html` · ${formatDate(item.at.slice(0, 10), 'day')}` : nothing} · ${item.fact.dataset}</div>
      ${item.quote ? html`<blockquote><mark>${item.quote}</mark></blockquote>` : nothing}
      ${item.source ? html`<button class="link" @click=${() => this.showInSource(item)}>Show in source</button>` : nothing}
      ${own
        ? html`<p class="own">Your own fact: it needs another reviewer.</p>`
        : mayReview
          ? html`<label>Comment (required)
                <textarea name="comment" .value=${this.comments.get(id) ?? ''} @input=${(e: Event) => (this.comments = new Map(this.comments).set(id, (e.target as HTMLTextAreaElement).value))}></textarea></label>
              <div class="decide">
                <button class="primary accept" ?disabled=${this.busy === id} @click=${() => this.decide(item, 'accept')}>Accept</button>
                <button class="danger reject" ?disabled=${this.busy === id} @click=${() => this.decide(item, 'reject')}>Reject</button>
              </div>`
          : html`<p class="note">A reviewer of this dataset decides on it.</p>`}
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
    </li>`;
  }

  private renderList() {
    if (this.listTask.status === TaskStatus.ERROR) return html`<p class="error" role="alert">The list could not load: ${errorText(this.listTask.error)}</p>`;
    const value = this.listTask.value;
    if (!value) return html`<p class="note" role="status">Loading…</p>`;
    if (!value.facts.length) return html`<p class="empty">Nothing waits for review.</p>`;
    return html`<p class="note">${value.total} proposed fact${value.total === 1 ? '' : 's'} wait${value.total === 1 ? 's' : ''}, newest first${value.total > value.facts.length ? ` (the first ${value.facts.length} shown)` : ''}.</p>
      <ol>${value.facts.map((item) => this.renderItem(item))}</ol>`;
  }

  override render() {
    return html`<dialog aria-labelledby="review-title" @close=${this.close}>
      <h2 id="review-title">To review</h2>
      ${this.ctl.ready && this.ctl.state.panels.review ? this.renderList() : nothing}
      <div class="decide"><button class="close" @click=${this.close}>Close</button></div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-review': KgReview;
  }
}
