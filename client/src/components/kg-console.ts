// <kg-console>: the read-only Cypher console (CodeMirror 6, loaded on first use): examples, parameters, history, graph and table results.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { HighlightStyle, StreamLanguage, bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { cypher } from '@codemirror/legacy-modes/mode/cypher';
import { EditorState } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { failureText } from '../lib/error-text.ts';
import { inOwnText } from '../lib/cypher-errors.ts';
import { ApiError, fetchNamedQueries, runCypher, type CypherResult, type NamedQuery } from '../api.ts';
import { StoreController } from '../state/controller.ts';
import { codeMirrorKeys, consoleHandlers, routeKey } from '../state/shortcuts.ts';
import './kg-result-table.ts';

const HISTORY_KEY = 'civic-graph.cypher-history';
/** Neo4j's query type codes, in words. */
const QUERY_TYPES: Record<string, string> = { r: 'read-only', rw: 'read/write', w: 'write', s: 'schema' };
const HISTORY_LIMIT = 30;

interface HistoryItem {
  query: string;
  params: string;
}

function loadHistory(): HistoryItem[] {
  try {
    const raw = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? raw.filter((h): h is HistoryItem => typeof h?.query === 'string' && typeof h?.params === 'string') : [];
  } catch {
    return [];
  }
}

/** Colours that read on both themes: they take the page's variables. */
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--kg-cm-keyword)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--kg-cm-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--kg-cm-number)' },
  { tag: tags.comment, color: 'var(--kg-muted)', fontStyle: 'italic' },
  { tag: [tags.variableName, tags.propertyName], color: 'var(--kg-cm-variable)' },
  { tag: [tags.typeName, tags.className, tags.labelName, tags.tagName], color: 'var(--kg-cm-label)' },
  { tag: [tags.operator, tags.punctuation, tags.bracket], color: 'var(--kg-muted)' },
  { tag: [tags.function(tags.variableName), tags.standard(tags.name)], color: 'var(--kg-cm-function)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '0.9rem', color: 'var(--kg-fg)', backgroundColor: 'var(--kg-bg)' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' },
  '.cm-content': { caretColor: 'var(--kg-fg)' },
  '.cm-gutters': { backgroundColor: 'var(--kg-panel)', color: 'var(--kg-muted)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--kg-chip) 60%, transparent)' },
  '&.cm-focused': { outline: '3px solid var(--kg-focus)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'color-mix(in srgb, var(--kg-focus) 35%, transparent) !important' },
});

@customElement('kg-console')
export class KgConsole extends LitElement {
  static override styles = css`
    :host {
      display: grid; grid-template-columns: minmax(20rem, 1fr) 1.3fr; min-height: 0;
      --kg-cm-keyword: #8b2bb9; --kg-cm-string: #0a7d32; --kg-cm-number: #b35c00; --kg-cm-variable: #1d4ed8; --kg-cm-label: #a21caf; --kg-cm-function: #0e7490;
    }
    @media (prefers-color-scheme: dark) {
      :host { --kg-cm-keyword: #d8a8ff; --kg-cm-string: #8be39b; --kg-cm-number: #ffc27a; --kg-cm-variable: #93c5fd; --kg-cm-label: #f0abfc; --kg-cm-function: #67e8f9; }
    }
    .editor-side { display: flex; flex-direction: column; min-height: 0; border-right: 1px solid var(--kg-border); }
    .bar { display: flex; gap: 0.35rem; align-items: center; padding: 0.3rem 0.5rem; flex-wrap: wrap; border-bottom: 1px solid var(--kg-border); }
    h2 { font-size: 0.95rem; margin: 0 0.3rem 0 0; }
    .editor { flex: 1; min-height: 5rem; overflow: hidden; }
    label { font-size: 0.82rem; color: var(--kg-muted); }
    textarea { font: 0.85rem ui-monospace, monospace; color: inherit; background: var(--kg-bg); border: 1px solid var(--kg-border); border-radius: 4px; height: 3.2rem; resize: vertical; width: 100%; box-sizing: border-box; }
    textarea:focus-visible, select:focus-visible, button:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    .params { padding: 0.3rem 0.5rem; border-top: 1px solid var(--kg-border); }
    .params .invalid { color: var(--kg-danger); font-size: 0.8rem; }
    button, select { font: inherit; font-size: 0.85rem; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.12rem 0.45rem; cursor: pointer; max-width: 14rem; }
    .primary { background: var(--kg-focus); border-color: var(--kg-focus); color: var(--kg-on-focus); }
    button:disabled { opacity: 0.5; cursor: default; }
    .close { margin-left: auto; }
    .results { display: flex; flex-direction: column; min-height: 0; }
    .summary { padding: 0.3rem 0.6rem; font-size: 0.84rem; color: var(--kg-muted); border-bottom: 1px solid var(--kg-border); display: flex; gap: 0.6rem; flex-wrap: wrap; align-items: center; }
    .error { margin: 0.5rem 0.6rem; padding: 0.5rem 0.6rem; border: 1px solid var(--kg-danger); border-radius: 6px; color: var(--kg-danger); font-size: 0.88rem; white-space: pre-wrap; overflow-wrap: anywhere; }
    .error code { font-weight: 700; }
    kg-result-table { flex: 1; }
    .hint { padding: 0.6rem; color: var(--kg-muted); font-size: 0.86rem; }
    .mode { display: inline-flex; gap: 0.5rem; font-size: 0.82rem; }
  `;

  private readonly ctl = new StoreController(this, () => []);
  @query('.editor') private editorHost!: HTMLElement;
  /** The example queries the server offers for this database (asked once per console). */
  private readonly examplesTask = new Task(this, {
    task: (_args: readonly [], { signal }) => fetchNamedQueries(signal),
    args: () => [] as const,
    onComplete: (queries) => {
      // No history: the editor starts on the first example the server offers for this database.
      const first = queries[0];
      if (first && !this.history.length && !this.query.trim()) this.setQuery(first.cypher.trim(), JSON.stringify(first.params ?? {}, null, 1));
    },
  });
  @state() private params = '{}';
  @state() private paramsError = '';
  @state() private running = false;
  @state() private result: CypherResult | null = null;
  @state() private error: { code: string; message: string } | null = null;
  @state() private history: HistoryItem[] = loadHistory();
  @state() private mode: 'replace' | 'add' = 'replace';
  private view?: EditorView;
  private abort?: AbortController;
  /** The console's keys, as the shortcuts table says (the editor's keymap takes the same keys). */
  private readonly keys = consoleHandlers({ run: () => void this.run() });

  private get examples(): NamedQuery[] {
    return this.examplesTask.value ?? [];
  }

  private get examplesError(): string {
    return failureText(this.examplesTask.error);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
    this.view?.destroy();
    this.view = undefined;
  }

  override firstUpdated(): void {
    this.view = new EditorView({
      parent: this.editorHost,
      root: this.shadowRoot ?? undefined,
      state: EditorState.create({
        // The examples depend on the open database: the first one fills the editor when it arrives.
        doc: this.history[0]?.query ?? this.examples[0]?.cypher.trim() ?? '',
        extensions: [
          lineNumbers(),
          history(),
          drawSelection(),
          highlightActiveLine(),
          bracketMatching(),
          StreamLanguage.define(cypher),
          syntaxHighlighting(highlight),
          placeholder('MATCH (n) RETURN n LIMIT 25'),
          keymap.of([
            ...codeMirrorKeys('run-query').map((key) => ({ key, run: () => {
              void this.run();
              return true;
            }, preventDefault: true })),
            { key: 'Escape', run: (view) => {
              view.contentDOM.blur();
              return true;
            } },
            ...defaultKeymap,
            ...historyKeymap,
            indentWithTab,
          ]),
          EditorView.contentAttributes.of({ 'aria-label': 'Cypher query (Ctrl+Enter runs it; Escape leaves the editor)' }),
          theme,
        ],
      }),
    });
    if (this.history[0]) this.params = this.history[0].params;
    this.view.focus();
  }

  get query(): string {
    return this.view?.state.doc.toString() ?? '';
  }

  /** Replaces the editor's text (examples, history, and tests). */
  setQuery(text: string, params?: string): void {
    this.view?.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
    if (params !== undefined) this.params = params;
    this.paramsError = '';
  }

  private parseParams(): Record<string, unknown> | null {
    const text = this.params.trim() || '{}';
    try {
      const value = JSON.parse(text) as unknown;
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('parameters must be a JSON object, like {"id": "org/aeem"}');
      this.paramsError = '';
      return value as Record<string, unknown>;
    } catch (error) {
      this.paramsError = error instanceof Error ? error.message : String(error);
      return null;
    }
  }

  async run(): Promise<void> {
    const queryText = this.query.trim();
    if (!queryText || this.running) return;
    const params = this.parseParams();
    if (!params) return;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.running = true;
    this.error = null;
    try {
      const result = await runCypher(queryText, params, abort.signal);
      this.result = result;
      this.remember({ query: queryText, params: this.params });
      if (result.graph.nodes.length) this.ctl.actions.showResult(result.graph, this.mode);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      this.result = null;
      if (error instanceof ApiError) {
        // Positions as the user counts them: in the editor's text, not in the server's "EXPLAIN ..." copy.
        const own = inOwnText(error.message);
        this.error = { code: error.code, message: own.message };
        if (own.offset !== null && this.view) {
          const at = Math.min(this.query.length - this.query.trimStart().length + own.offset, this.view.state.doc.length);
          this.view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
        }
      } else this.error = { code: 'error', message: String(error) };
    } finally {
      if (this.abort === abort) this.running = false;
    }
  }

  private remember(item: HistoryItem): void {
    this.history = [item, ...this.history.filter((h) => h.query !== item.query)].slice(0, HISTORY_LIMIT);
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(this.history));
    } catch {
      // A full or blocked storage only costs the history.
    }
  }

  private choose(list: 'example' | 'history', event: Event): void {
    const select = event.target as HTMLSelectElement;
    const index = Number(select.value);
    select.value = '';
    if (!Number.isInteger(index)) return;
    if (list === 'example') {
      const example = this.examples[index];
      if (example) this.setQuery(example.cypher.trim(), JSON.stringify(example.params ?? {}, null, 1));
    } else {
      const item = this.history[index];
      if (item) this.setQuery(item.query, item.params);
    }
    this.view?.focus();
  }

  private renderSummary() {
    const result = this.result;
    if (!result) return nothing;
    const { summary, graph } = result;
    return html`<div class="summary" role="status">
      <span>${summary.rowCount} row${summary.rowCount === 1 ? '' : 's'}${summary.truncated ? ' (capped: more rows exist)' : ''}</span>
      <span>${graph.nodes.length} nodes, ${graph.edges.length} relationships ${graph.nodes.length ? (this.mode === 'replace' ? 'drawn on the canvas' : 'added to the canvas') : ''}</span>
      <span>${QUERY_TYPES[summary.queryType] ?? summary.queryType}</span>
      <span>${Math.round(summary.ms)} ms</span>
    </div>`;
  }

  override render() {
    return html`
      <section class="editor-side" aria-label="Cypher console">
        <div class="bar">
          <h2>Cypher</h2>
          <button class="primary run" ?disabled=${this.running} aria-keyshortcuts="Control+Enter" title="Run (Ctrl+Enter)" @click=${() => this.run()}>${this.running ? 'Running…' : 'Run'}</button>
          ${this.running ? html`<button @click=${() => this.abort?.abort()}>Cancel</button>` : nothing}
          <select aria-label="Example queries" @change=${(e: Event) => this.choose('example', e)} title=${this.examplesError ? `Examples unavailable: ${this.examplesError}` : 'Example queries'}>
            <option value="">Examples…</option>
            ${this.examples.map((q, i) => html`<option value=${i} title=${q.description}>${q.title}</option>`)}
          </select>
          <select aria-label="Query history" @change=${(e: Event) => this.choose('history', e)} ?disabled=${!this.history.length}>
            <option value="">History…</option>
            ${this.history.map((h, i) => html`<option value=${i}>${h.query.replace(/\s+/g, ' ').slice(0, 70)}</option>`)}
          </select>
          <span class="mode" role="radiogroup" aria-label="Results on the canvas">
            <label><input type="radio" name="mode" .checked=${this.mode === 'replace'} @change=${() => (this.mode = 'replace')} /> replace</label>
            <label><input type="radio" name="mode" .checked=${this.mode === 'add'} @change=${() => (this.mode = 'add')} /> add</label>
          </span>
          <button class="close" aria-label="Close the console" @click=${() => this.ctl.actions.setPanel('console', false)}>✕</button>
        </div>
        <div class="editor"></div>
        <div class="params">
          <label for="params">Parameters (JSON)</label>
          <textarea id="params" spellcheck="false" .value=${this.params} @input=${(e: Event) => (this.params = (e.target as HTMLTextAreaElement).value)}
            @keydown=${(e: KeyboardEvent) => routeKey('console', e, this.keys)}></textarea>
          ${this.paramsError ? html`<div class="invalid" role="alert">${this.paramsError}</div>` : nothing}
        </div>
      </section>
      <section class="results" aria-label="Query results" aria-busy=${this.running ? 'true' : 'false'}>
        ${this.error
          ? html`<div class="error" role="alert"><code>${this.error.code}</code>: ${this.error.message}</div>`
          : nothing}
        ${this.renderSummary()}
        ${!this.result && !this.error ? html`<p class="hint">Read-only: writes and administration are refused. Ctrl+Enter runs the query; nodes and relationships in the result are drawn on the canvas, the rows appear here.</p>` : nothing}
        <kg-result-table .result=${this.result}></kg-result-table>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-console': KgConsole;
  }
}
