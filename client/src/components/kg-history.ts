// <kg-history>: a fact's or an actor's revisions, oldest first: who, when, what (each changed key before -> after) and why, with Revert on each (a new revision); a fact's editors also get <kg-fact-edit> based on the revision shown.
import { Task, TaskStatus } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { actorRevisions, factRevisions, type Revision } from '../api-record.ts';
import { errorText } from '../lib/error-text.ts';
import { StoreController } from '../state/controller.ts';
import { changesOf, mayOn } from '../state/record.ts';
import './kg-fact-edit.ts';

/** Keys a revision keeps that say nothing to a reader (search text, the status's own bookkeeping). */
const QUIET = new Set(['searchText', 'factRevision', 'evidenceStarts', 'evidenceEnds', 'textSha256']);

const show = (value: unknown): string => (value === undefined || value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

@customElement('kg-history')
export class KgHistory extends LitElement {
  static override styles = css`
    :host { display: block; }
    h3 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--kg-muted); margin: 1rem 0 0.35rem; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.45rem; }
    li { border-left: 3px solid var(--kg-border); padding-left: 0.5rem; font-size: 0.85rem; }
    .head { display: flex; gap: 0.4rem; align-items: baseline; flex-wrap: wrap; }
    .action { font-weight: 600; }
    .who { color: var(--kg-muted); }
    .reason { font-style: italic; }
    ul.changes { margin: 0.15rem 0; padding-left: 1rem; }
    .before { text-decoration: line-through; color: var(--kg-muted); }
    code { font-size: 0.8rem; }
    button { font: inherit; font-size: 0.8rem; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.05rem 0.45rem; cursor: pointer; }
    button:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    .empty { color: var(--kg-muted); font-size: 0.85rem; }
    .error { color: var(--kg-danger); font-size: 0.85rem; }
  `;

  @property() kind: 'fact' | 'actor' = 'fact';
  @property() itemId = '';
  /** The item's dataset: who may edit or revert it. */
  @property() datasetId = '';
  /** The fact's stored properties as the canvas has them (its date, for the edit form). */
  @property({ attribute: false }) properties: Record<string, unknown> = {};

  private readonly ctl = new StoreController(this, (s) => [s.dataRev, s.session]);
  @state() private failure = '';
  @state() private reverting = 0;

  private readonly task = new Task(this, {
    task: ([kind, id]: readonly [string, string, number], { signal }) => (kind === 'fact' ? factRevisions(id, signal) : actorRevisions(id, signal)),
    args: () => [this.kind, this.itemId, this.ctl.ready ? this.ctl.state.dataRev : 0] as const,
  });

  /** The revision the page shows last: what an edit or a revert is based on. */
  private get latest(): number {
    return this.task.value?.revisions.at(-1)?.revision ?? Number(this.properties.factRevision ?? 1);
  }

  private async revert(target: number): Promise<void> {
    this.reverting = target;
    this.failure = '';
    try {
      if (this.kind === 'fact') await this.ctl.actions.revertFact(this.itemId, this.latest, target);
      else await this.ctl.actions.revertActor(this.itemId, target);
    } catch (error) {
      this.failure = `Revision ${target} could not be reverted: ${errorText(error)}`;
      void this.task.run();
    } finally {
      this.reverting = 0;
    }
  }

  private renderRevision(revision: Revision, mayRevert: boolean) {
    const changes = changesOf(revision.before, revision.after).filter((c) => !QUIET.has(c.key));
    return html`<li data-revision=${revision.revision} data-action=${revision.action}>
      <div class="head"><span class="action">${revision.revision}. ${revision.action}</span>
        <span class="who">by ${revision.actorName ?? revision.actor ?? 'unknown'} · <time datetime=${revision.at}>${revision.at.replace('T', ' ').slice(0, 16)}</time></span></div>
      ${changes.length
        ? html`<ul class="changes">${changes.map((c) => html`<li><code>${c.key}</code>: ${revision.before === null ? nothing : html`<span class="before">${show(c.before)}</span> → `}<span class="after">${show(c.after)}</span></li>`)}</ul>`
        : nothing}
      ${revision.reason ? html`<div class="reason">“${revision.reason}”</div>` : nothing}
      ${mayRevert
        ? html`<button class="revert" ?disabled=${this.reverting !== 0} title="Undo this revision, as a new revision" @click=${() => this.revert(revision.revision)}>Revert</button>`
        : nothing}
    </li>`;
  }

  override render() {
    if (!this.ctl.ready) return nothing;
    const editor = mayOn(this.ctl.state.session, this.datasetId, 'editor');
    const revisions = this.task.value?.revisions;
    return html`<section aria-label="History">
      <h3>History${revisions ? ` · ${revisions.length} revision${revisions.length === 1 ? '' : 's'}` : ''}</h3>
      ${this.task.status === TaskStatus.ERROR ? html`<p class="error">The history could not load: ${errorText(this.task.error)}</p>` : nothing}
      ${revisions && !revisions.length ? html`<p class="empty">No revisions: imported as it is.</p>` : nothing}
      ${revisions?.length ? html`<ol class="revisions">${revisions.map((r) => this.renderRevision(r, editor))}</ol>` : nothing}
      ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
      ${this.kind === 'fact' && editor && revisions
        ? html`<kg-fact-edit .factId=${this.itemId} .revision=${this.latest} .properties=${this.properties} @fact-stale=${() => this.task.run()}></kg-fact-edit>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-history': KgHistory;
  }
}
