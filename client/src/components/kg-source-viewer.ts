// <kg-source-viewer>: a dialog with a source's full text (where held), the quoted words highlighted and scrolled into view.
import { initialState, Task, TaskStatus } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query } from 'lit/decorators.js';
import { fetchSource, type SourceDetails } from '../api.ts';
import { safeUrl } from '../lib/render.ts';
import { StoreController } from '../state/controller.ts';
import { formatDate } from '../state/dates.ts';
import type { SourceView } from '../state/store.ts';
import { showWhile } from './dialog.ts';

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
    dialog { width: min(52rem, 92vw); max-height: 86vh; padding: 0; border: 1px solid var(--kg-border); border-radius: 10px; background: var(--kg-bg); color: var(--kg-fg); box-shadow: 0 20px 60px #0006; }
    dialog::backdrop { background: #0007; }
    .frame { display: flex; flex-direction: column; max-height: 86vh; }
    header { padding: 0.8rem 1rem 0.6rem; border-bottom: 1px solid var(--kg-border); display: flex; gap: 1rem; align-items: flex-start; }
    h2 { font-size: 1.1rem; margin: 0 0 0.2rem; }
    .meta { font-size: 0.85rem; color: var(--kg-muted); }
    .close { margin-left: auto; }
    .text { padding: 0.8rem 1.1rem; overflow: auto; white-space: pre-wrap; line-height: 1.6; font-size: 0.95rem; flex: 1; min-height: 8rem; }
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

  private readonly ctl = new StoreController(this, (s) => [s.sourceView, s.dataRev]);
  @query('dialog') private dialog!: HTMLDialogElement;
  private scrolledFor: SourceView | null = null;

  /** The source the dialog shows, with its text where held (asked each time it opens: nothing keeps texts). */
  private readonly sourceTask = new Task(this, {
    task: ([id]: readonly [string | null, number], { signal }): Promise<SourceDetails> | typeof initialState => (id ? fetchSource(id, signal) : initialState),
    args: () => {
      const state = this.ctl.ready ? this.ctl.state : null;
      return [state?.sourceView?.sourceId ?? null, state?.dataRev ?? 0] as const;
    },
  });

  override updated(): void {
    const view = this.ctl.ready ? this.ctl.state.sourceView : null;
    showWhile(this.dialog, Boolean(view));
    const mark = this.renderRoot.querySelector('mark');
    if (view && mark && this.scrolledFor !== view) {
      this.scrolledFor = view;
      mark.scrollIntoView({ block: 'center' });
    }
  }

  private close(): void {
    this.ctl.actions.closeSource();
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
    const range = locateQuote(text, view);
    if (!range) {
      return html`<p class="status">The quote was not found in the text: “${view.quote}”</p>
        <div class="text" tabindex="0" aria-label="Source text">${text}</div>`;
    }
    const [start, end] = range;
    return html`<div class="text" tabindex="0" aria-label="Source text, the quote highlighted">${text.slice(0, start)}<mark id="quote" aria-label="Quoted passage">${text.slice(start, end)}</mark>${text.slice(end)}</div>`;
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
    return html`<dialog aria-labelledby="source-title" @close=${this.close} @cancel=${this.close}>
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
            ${this.renderBody(view)} ${this.renderStatements()}
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
