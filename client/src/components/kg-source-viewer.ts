// <kg-source-viewer>: a dialog with a source's full text (where held), the quoted words highlighted and scrolled into view, the passages recorded as evidence underlined; an editor selects words to record a fact from them.
import { initialState, Task, TaskStatus } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { fetchSource, type SourceDetails } from '../api.ts';
import { evidencePieces } from '../lib/highlight.ts';
import { selectedOffsets } from '../lib/passage.ts';
import { safeUrl } from '../lib/render.ts';
import { StoreController } from '../state/controller.ts';
import { formatDate } from '../state/dates.ts';
import { anchorPassage, editableDatasets, type Anchored } from '../state/record.ts';
import type { SourceView } from '../state/store.ts';
import type { ActorChoice } from './kg-actor-pick.ts';
import { showWhile } from './dialog.ts';
import './kg-record-fact.ts';
import './kg-toast.ts';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the quote is in the text: the stored offsets when they hold it, else a whitespace-tolerant search. */
export function locateQuote(text: string, view: Pick<SourceView, 'quote' | 'start' | 'end'>): [number, number] | null {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (view.start !== undefined && view.end !== undefined && view.start >= 0 && view.end <= text.length && view.end > view.start) {
    if (!view.quote || norm(text.slice(view.start, view.end)) === norm(view.quote)) return [view.start, view.end];
  }
  const words = view.quote.trim().split(/\s+/).filter(Boolean).map(escapeRegExp);
  if (!words.length) return view.start !== undefined && view.end !== undefined ? [view.start, view.end] : null;
  const match = new RegExp(words.join('\\s*'), 'u').exec(text);
  if (match) return [match.index, match.index + match[0].length];
  return view.start !== undefined && view.end !== undefined && view.end <= text.length ? [view.start, view.end] : null;
}

@customElement('kg-source-viewer')
export class KgSourceViewer extends LitElement {
  static override styles = css`
    dialog { width: min(72rem, 96vw); max-height: 86vh; padding: 0; border: 1px solid var(--kg-border); border-radius: 10px; background: var(--kg-bg); color: var(--kg-fg); box-shadow: 0 20px 60px #0006; }
    dialog::backdrop { background: #0007; }
    .frame { display: flex; flex-direction: column; max-height: 86vh; }
    header { padding: 0.8rem 1rem 0.6rem; border-bottom: 1px solid var(--kg-border); display: flex; gap: 1rem; align-items: flex-start; }
    h2 { font-size: 1.1rem; margin: 0 0 0.2rem; }
    .meta { font-size: 0.85rem; color: var(--kg-muted); }
    .close { margin-left: auto; }
    .body { display: flex; flex: 1; min-height: 0; }
    .reading { display: flex; flex-direction: column; flex: 1; min-width: 0; min-height: 0; }
    .text { padding: 0.8rem 1.1rem; overflow: auto; white-space: pre-wrap; line-height: 1.6; font-size: 0.95rem; flex: 1; min-height: 8rem; }
    .evidence { text-decoration: underline 2px var(--kg-accent); text-underline-offset: 3px; background: color-mix(in srgb, var(--kg-mark) 35%, transparent); }
    .passage-bar { display: flex; flex-wrap: wrap; gap: 0.4rem; padding: 0.35rem 1rem; border-bottom: 1px solid var(--kg-border); background: var(--kg-panel); font-size: 0.88rem; align-items: center; }
    .passage-bar .hint { color: var(--kg-muted); }
    aside.record { width: min(26rem, 45%); border-left: 1px solid var(--kg-border); overflow: auto; padding: 0.7rem 0.9rem; }
    .text:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: -3px; }
    mark { background: var(--kg-mark); color: inherit; padding: 0.1em 0; border-radius: 2px; box-shadow: 0 0 0 2px var(--kg-mark); }
    .excerpt { padding: 1rem 1.1rem; }
    blockquote { font-style: italic; border-left: 3px solid var(--kg-accent); margin: 0.5rem 0; padding-left: 0.7rem; }
    footer { border-top: 1px solid var(--kg-border); padding: 0.4rem 1rem; font-size: 0.85rem; max-height: 28%; overflow: auto; }
    footer ol { margin: 0.3rem 0; padding-left: 1.2rem; }
    button { font: inherit; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.15rem 0.55rem; cursor: pointer; }
    button.link { background: none; border: none; padding: 0; text-align: left; color: var(--kg-focus); text-decoration: underline; }
    button:focus-visible, a:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    a { color: var(--kg-focus); }
    .status { padding: 1rem; }
  `;

  private readonly ctl = new StoreController(this, (s) => [s.sourceView, s.dataRev, s.session, s.schema]);
  @query('dialog') private dialog!: HTMLDialogElement;
  private scrolledFor: SourceView | null = null;
  /** The words selected in the held text, anchored in it (null: none). */
  @state() private passage: Anchored | null = null;
  /** The form open beside the text, on the passage chosen when it opened. */
  @state() private form: { mode: 'fact' | 'evidence'; passage: Anchored; from: ActorChoice } | null = null;
  private formFor: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('selectionchange', this.onSelection);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('selectionchange', this.onSelection);
  }

  /** The selection, in characters of the stored text (the text is drawn as its characters, one text node per piece). */
  private readonly onSelection = () => {
    const container = this.renderRoot.querySelector<HTMLElement>('.text');
    const text = this.source?.source.text;
    if (!container || !text || !(this.renderRoot instanceof ShadowRoot)) return;
    const offsets = selectedOffsets(this.renderRoot, container);
    const passage = offsets ? anchorPassage(text, offsets[0], offsets[1]) : null;
    if (passage?.start !== this.passage?.start || passage?.end !== this.passage?.end) this.passage = passage;
  };

  /** The source the dialog shows, with its text where held (asked each time it opens: nothing keeps texts). */
  private readonly sourceTask = new Task(this, {
    task: ([id]: readonly [string | null, number], { signal }): Promise<SourceDetails> | typeof initialState => (id ? fetchSource(id, signal) : initialState),
    args: () => {
      const state = this.ctl.ready ? this.ctl.state : null;
      return [state?.sourceView?.sourceId ?? null, state?.dataRev ?? 0] as const;
    },
  });

  override willUpdate(): void {
    // Another source (or none): no passage, no form.
    const id = this.ctl.ready ? (this.ctl.state.sourceView?.sourceId ?? null) : null;
    if (id !== this.formFor) {
      this.formFor = id;
      this.form = null;
      this.passage = null;
    }
  }

  override updated(): void {
    const view = this.ctl.ready ? this.ctl.state.sourceView : null;
    showWhile(this.dialog, Boolean(view));
    const mark = this.renderRoot.querySelector('mark#quote');
    if (view && mark && this.scrolledFor !== view) {
      this.scrolledFor = view;
      mark.scrollIntoView({ block: 'center' });
    }
  }

  private close(): void {
    this.ctl.actions.closeSource();
  }

  /** Escape closes the form beside the text first, then the source. */
  private onCancel(event: Event): void {
    if (this.form) {
      event.preventDefault();
      this.form = null;
      return;
    }
    this.close();
  }

  /** The loaded source, once it is the one the dialog is asked to show (null while it loads). */
  private get source(): SourceDetails | null {
    const value = this.sourceTask.value;
    const view = this.ctl.ready ? this.ctl.state.sourceView : null;
    return value && view && value.source.id === view.sourceId && this.sourceTask.status === TaskStatus.COMPLETE ? value : null;
  }

  private renderBody(view: SourceView) {
    const { error } = this.sourceTask;
    if (this.sourceTask.status === TaskStatus.ERROR) return html`<p class="status" role="alert">The source could not be loaded: ${error instanceof Error ? error.message : String(error)}</p>`;
    const source = this.source;
    if (!source) return html`<p class="status" role="status">Loading the source…</p>`;
    const text = source.source.text;
    if (!text) {
      return html`<div class="excerpt">
        <p>The full text of this source is not held. The dataset quotes it as:</p>
        <blockquote><mark>${view.quote}</mark></blockquote>
      </div>`;
    }
    // Recorded passages with their offsets, underlined; the quote the viewer opened on, marked.
    const recorded = source.statements.flatMap((st) => (st.start !== undefined && st.end !== undefined && st.level === 'quote' ? [[st.start, st.end] as const] : []));
    const run = (from: number, to: number) => evidencePieces(from, to, recorded).map((p) => (p.evidence ? html`<span class="evidence">${text.slice(p.start, p.end)}</span>` : text.slice(p.start, p.end)));
    const range = view.quote || view.start !== undefined ? locateQuote(text, view) : null;
    if (!range) {
      return html`${view.quote ? html`<p class="status">The quote was not found in the text: “${view.quote}”</p>` : nothing}
        <div class="text" tabindex="0" aria-label="Source text">${run(0, text.length)}</div>`;
    }
    const [start, end] = range;
    return html`<div class="text" tabindex="0" aria-label="Source text, the quote highlighted">${run(0, start)}<mark id="quote" aria-label="Quoted passage">${run(start, end)}</mark>${run(end, text.length)}</div>`;
  }

  /** The datasets a fact from this source may go to: the source's own first when the page knows it. */
  private datasets(): { id: string; title: string }[] {
    const state = this.ctl.state;
    const all = editableDatasets(state.session, state.schema);
    const id = this.source?.source.id;
    const own = (this.source?.source as { dataset?: string } | undefined)?.dataset ?? (id ? this.ctl.actions.sourceDataset(id) : undefined);
    return own ? [...all.filter((d) => d.id === own), ...all.filter((d) => d.id !== own)] : all;
  }

  private openForm(mode: 'fact' | 'evidence', passage: Anchored, from: ActorChoice = null): void {
    this.form = { mode, passage, from };
  }

  /** What an editor may do with the selected words. */
  private renderPassageBar() {
    if (!this.source?.source.text || !this.datasets().length || this.form) return nothing;
    const passage = this.passage;
    if (!passage) return html`<div class="passage-bar"><span class="hint">Select words in the text to record a fact from them.</span></div>`;
    const name = passage.quote.length <= 120 ? passage.quote : '';
    // A press on these buttons keeps the selection (it would otherwise collapse before the click), and each acts on the passage drawn.
    return html`<div class="passage-bar" role="group" aria-label="The selected passage" @mousedown=${(e: Event) => e.preventDefault()}>
      <button class="record-passage" @click=${() => this.openForm('fact', passage)}>Record a fact from this passage</button>
      ${name ? html`<button class="new-actor-passage" @click=${() => this.openForm('fact', passage, { new: { type: this.ctl.state.schema?.labels.find((l) => l.declared)?.label ?? '', name } })}>New actor from selection</button>` : nothing}
      <button class="evidence-passage" @click=${() => this.openForm('evidence', passage)}>Add as evidence for an existing fact</button>
      <span class="hint">${passage.end - passage.start} characters selected</span>
    </div>`;
  }

  private renderForm() {
    const form = this.form;
    const source = this.source;
    if (!form || !source) return nothing;
    return html`<aside class="record" aria-label="Record from the passage">
      <kg-record-fact .sourceId=${source.source.id} .passage=${form.passage} .mode=${form.mode} .datasets=${this.datasets()} .initialFrom=${form.from}
        @record-close=${() => { this.form = null; }}></kg-record-fact>
    </aside>`;
  }

  private renderStatements() {
    const source = this.source;
    if (!source?.statements.length || !source.source.text) return nothing;
    return html`<footer>
      <details>
        <summary>Everything the dataset takes from this source (${source.statements.length})</summary>
        <ol>
          ${source.statements.map(
            (s) => html`<li><button class="link" @click=${() => this.ctl.actions.openSource({ sourceId: source.source.id, quote: s.quote ?? '', start: s.start, end: s.end })}>${s.caption}</button>${s.quote ? html`: “${s.quote}”` : html` <span class="level">(rests on the document as a whole)</span>`}</li>`,
          )}
        </ol>
      </details>
    </footer>`;
  }

  override render() {
    const view = this.ctl.ready ? this.ctl.state.sourceView : null;
    const meta = this.source?.source;
    const url = safeUrl(meta?.url);
    return html`<dialog aria-labelledby="source-title" @close=${this.close} @cancel=${this.onCancel}>
      ${view
        ? html`<div class="frame">
            <header>
              <div>
                <h2 id="source-title">${meta?.title ?? view.sourceId}</h2>
                <div class="meta">
                  ${meta?.publisher ?? nothing}${meta?.published ? html` · ${formatDate(meta.published, 'day')}` : nothing}${meta?.language ? html` · ${meta.language}` : nothing}
                  ${url ? html` · <a href=${url} target="_blank" rel="noopener noreferrer">original</a>` : nothing}
                </div>
              </div>
              <button class="close" @click=${this.close} aria-label="Close the source">Close</button>
            </header>
            <div class="body">
              <div class="reading">${this.renderPassageBar()} ${this.renderBody(view)} ${this.renderStatements()}</div>
              ${this.renderForm()}
            </div>
            <kg-toast in-dialog></kg-toast>
          </div>`
        : nothing}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-source-viewer': KgSourceViewer;
  }
}
