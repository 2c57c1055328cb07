// <kg-search>: a combobox with live suggestions (arrows, Enter, Escape), never stale, that puts the chosen node on the canvas or opens the chosen source; while the server rate-limits search, the wait in its place.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { ApiError, search, type SearchResponse, type WireNode } from '../api.ts';
import { StoreController } from '../state/controller.ts';
import { composeCaption } from '../state/model.ts';
import { routeKey, searchHandlers } from '../state/shortcuts.ts';
import { stylingFor } from '../state/styling.ts';
import { cssProps } from '../lib/css-props.ts';
import './kg-countdown.ts';

const DEBOUNCE_MS = 140;

@customElement('kg-search')
export class KgSearch extends LitElement {
  static override styles = css`
    :host { display: block; position: relative; min-width: 0; }
    input { width: 100%; box-sizing: border-box; font: inherit; padding: 0.35rem 0.6rem; border: 1px solid var(--kg-border); border-radius: 6px; background: var(--kg-bg); color: inherit; }
    input:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 0; }
    ul { position: absolute; z-index: 20; left: 0; right: 0; top: calc(100% + 2px); margin: 0; padding: 0.2rem 0; list-style: none; background: var(--kg-bg); border: 1px solid var(--kg-border); border-radius: 6px; box-shadow: 0 6px 20px #0003; max-height: 60vh; overflow: auto; }
    li { padding: 0.3rem 0.6rem; cursor: pointer; display: flex; gap: 0.5rem; align-items: baseline; }
    li[aria-selected='true'] { background: var(--kg-focus); color: var(--kg-on-focus); }
    .swatch { width: 0.7rem; height: 0.7rem; border-radius: 50%; flex: none; align-self: center; }
    .label { font-size: 0.8em; opacity: 0.8; margin-left: auto; white-space: nowrap; }
    .swatch.doc { border-radius: 1px; border: 1px solid currentColor; }
    .spinner { position: absolute; right: 2rem; top: 50%; width: 0.8rem; height: 0.8rem; margin-top: -0.4rem; border: 2px solid var(--kg-muted); border-right-color: transparent; border-radius: 50%; animation: spin 0.8s linear infinite; }
    @keyframes spin { to { transform: rotate(360deg); } }
    @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
    /* While the answer to what is typed is on its way, no list: a previous query's suggestions are never offered. */
    .loading { position: absolute; z-index: 20; left: 0; right: 0; top: calc(100% + 2px); padding: 0.3rem 0.6rem; background: var(--kg-bg); border: 1px solid var(--kg-border); border-radius: 6px; box-shadow: 0 6px 20px #0003; color: var(--kg-muted); }
    .aka { font-size: 0.8em; opacity: 0.75; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .empty { padding: 0.35rem 0.6rem; color: var(--kg-muted); }
    li[aria-selected='true'] .swatch { outline: 2px solid #fff; }
    .hint { position: absolute; z-index: 19; left: 0; right: 0; top: calc(100% + 2px); padding: 0.4rem 0.6rem; background: var(--kg-panel); border: 1px solid var(--kg-border); border-radius: 6px; box-shadow: 0 6px 20px #0002; font-size: 0.85rem; color: var(--kg-muted); display: flex; gap: 0.5rem; align-items: flex-start; }
    .hint code { display: block; margin-top: 0.2rem; color: var(--kg-fg); background: var(--kg-bg); padding: 0.15rem 0.3rem; border-radius: 4px; white-space: pre-wrap; word-break: break-all; user-select: all; }
    .hint button { font: inherit; color: inherit; background: none; border: none; cursor: pointer; padding: 0 0.2rem; }
    .hint button:focus-visible { outline: 3px solid var(--kg-focus); }
    .limited { box-sizing: border-box; padding: 0.35rem 0.6rem; border: 1px solid var(--kg-accent); border-radius: 6px; background: var(--kg-panel); color: var(--kg-fg); font-size: 0.9rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  `;

  private readonly ctl = new StoreController(this, (s) => [s.schema, s.model, s.rateLimits.search]);
  /** The box had the focus when search was rate-limited: it gets it back when the wait ends. */
  private focusAfterWait = false;
  private wasLimited = false;
  @state() private text = '';
  @state() private results: SearchResponse['results'] = [];
  /** The query the results answer; suggestions for any other text are stale and never shown or chosen. */
  @state() private resultsFor = '';
  @state() private open = false;
  @state() private active = -1;
  @state() private searching = false;
  @state() private failure = '';
  /** The note that search scans (and how the operator makes it fast) was read and closed: it says so once. */
  @state() private hintClosed = false;
  private hintSeen = false;
  @query('input') private input!: HTMLInputElement;
  private timer?: ReturnType<typeof setTimeout>;
  private controller?: AbortController;

  focusInput(): void {
    this.input?.focus();
    this.input?.select();
  }

  private onInput(event: Event): void {
    this.text = (event.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    if (!this.text.trim()) {
      this.controller?.abort();
      this.results = [];
      this.resultsFor = '';
      this.searching = false;
      this.open = false;
      return;
    }
    // Loading shows from the first key: the list says "Searching…" instead of the previous query's answers.
    this.searching = true;
    this.open = true;
    this.timer = setTimeout(() => void this.run(this.text), DEBOUNCE_MS);
  }

  /** Are the suggestions on screen the answer to what the field holds now? */
  private get fresh(): boolean {
    return this.resultsFor === this.text.trim();
  }

  private pending?: Promise<void>;

  private run(text: string): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = this.fetch(text);
    return this.pending;
  }

  private async fetch(text: string): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.searching = true;
    try {
      const response = await search(text.trim(), { limit: 12, signal: controller.signal });
      if (controller.signal.aborted) return;
      this.results = response.results;
      this.resultsFor = text.trim();
      // Said once: after the first answer the reader has seen the note and the scan's speed.
      if (response.mode === 'scan' && this.hasFocus) this.hintSeen = true;
      this.failure = '';
      this.active = response.results.length ? 0 : -1;
      this.open = true;
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && error.status === 429) {
        // The wait shows in the box's place (the store holds it); the search runs again when it ends.
        this.open = false;
        return;
      }
      this.results = [];
      this.resultsFor = text.trim();
      this.failure = error instanceof Error ? error.message : String(error);
      this.open = true;
    } finally {
      if (this.controller === controller) this.searching = false;
    }
  }

  /** The search box's keys, as the shortcuts table says. */
  private readonly keys = searchHandlers({
    move: (step) => {
      const count = this.fresh ? this.results.length : 0;
      if (step === 1 && !this.open && this.text.trim()) void this.run(this.text);
      else if (count) this.active = (this.active + step + count) % count;
    },
    choose: () => {
      const text = this.text.trim();
      if (!text) return;
      if (!this.fresh) {
        // Enter before the answer to this text arrived: wait for it (never a stale suggestion) and take the best match.
        const waiting = this.timer !== undefined || !this.pending ? this.run(this.text) : this.pending;
        void waiting.then(() => {
          if (this.text.trim() === text && this.fresh && this.results[0]) this.choose(this.results[0].node);
        });
        return;
      }
      const chosen = this.results[this.active] ?? this.results[0];
      if (chosen) this.choose(chosen.node);
    },
    close: () => {
      if (this.open) this.open = false;
      else {
        this.text = '';
        this.input.value = '';
        this.input.blur();
      }
    },
  });

  private onKey(event: KeyboardEvent): void {
    routeKey('search', event, this.keys);
  }

  private choose(node: WireNode): void {
    this.open = false;
    clearTimeout(this.timer);
    if (node.labels.includes('Source')) {
      // A source is not drawn: its record, its text and the statements citing it open in the source viewer.
      this.ctl.actions.openSource({ sourceId: node.id, quote: '' });
      return;
    }
    void this.ctl.actions.showNode(node.id, node);
    // The canvas takes the focus: Enter expands, arrows move, Tab reaches the inspector.
    const app = (this.getRootNode() as ShadowRoot).host;
    (app?.shadowRoot?.querySelector('kg-graph') as HTMLElement | null)?.focus();
  }

  /** The caption the user chose for the node's label, if they chose one (the canvas shows the same). */
  private caption(node: WireNode, label: string): string {
    const parts = this.ctl.ready ? this.ctl.state.model.captions.get(label) : undefined;
    return parts?.length ? composeCaption(node.properties, parts, node.caption) : node.caption;
  }

  private aliasHint(node: WireNode): string {
    const aliases = node.properties.aliases;
    if (!Array.isArray(aliases) || !aliases.length) return '';
    const words = this.text.trim().toLowerCase();
    const matching = aliases.find((a) => typeof a === 'string' && a.toLowerCase().includes(words));
    return String(matching ?? aliases.slice(0, 2).join(', '));
  }

  /** In scan mode, once, beside the field: search reads every name (slower on a large database) and the command that makes it fast. */
  private renderScanHint() {
    const search = this.ctl.ready ? this.ctl.state.schema?.search : undefined;
    if (search?.mode !== 'scan' || this.hintClosed || !this.hasFocus || this.open) return nothing;
    if (this.hintSeen && !this.text.trim()) return nothing;
    const command = search.command ?? search.createIndex;
    return html`<div class="hint" role="note">
      <span>Search reads every name${search.properties?.length ? ` (${search.properties.join(', ')})` : ''}, as this database has no full-text index.
        ${command ? html`It becomes instant once the operator runs:<code>${command}</code>` : nothing}</span>
      <button aria-label="Close this note" @mousedown=${(e: Event) => e.preventDefault()} @click=${() => (this.hintClosed = true)}>✕</button>
    </div>`;
  }

  @state() private hasFocus = false;

  private get limited() {
    return this.ctl.ready ? this.ctl.state.rateLimits.search : null;
  }

  override willUpdate(): void {
    // Before the box gives way to the wait (and loses the focus): whether to give the focus back after it.
    if (this.limited && !this.wasLimited) this.focusAfterWait ||= this.hasFocus;
  }

  override updated(): void {
    const limited = this.limited !== null;
    if (this.wasLimited && !limited) {
      // The wait is over: the last search runs again by itself.
      if (this.text.trim()) void this.run(this.text);
      if (this.focusAfterWait) this.input?.focus();
      this.focusAfterWait = false;
    }
    this.wasLimited = limited;
  }

  override render() {
    const limit = this.limited;
    if (limit) {
      // Short, the number inside the box's width; the title says the rest.
      return html`<div class="limited" role="status" title="The server is rate-limiting search; what you typed is searched again by itself when the wait ends">Rate-limited: searching again in
        <kg-countdown .until=${limit.until} @countdown-end=${() => this.ctl.actions.rateLimitOver('search')}></kg-countdown> s</div>`;
    }
    const styling = stylingFor(this.ctl.ready ? this.ctl.state.schema : null);
    const listId = 'kg-search-results';
    const activeId = this.open && this.fresh && this.active >= 0 ? `kg-search-option-${this.active}` : '';
    return html`
      <input
        type="search"
        role="combobox"
        aria-label="Search actors and events by name or alias"
        aria-autocomplete="list"
        aria-expanded=${this.open && this.fresh ? 'true' : 'false'}
        aria-controls=${listId}
        aria-activedescendant=${activeId}
        aria-keyshortcuts="/ Control+K"
        placeholder="Search names and aliases…  ( / )"
        autocomplete="off"
        spellcheck="false"
        .value=${this.text}
        @input=${this.onInput}
        @keydown=${this.onKey}
        @blur=${() => {
          this.hasFocus = false;
          setTimeout(() => (this.open = false), 150);
        }}
        @focus=${() => {
          this.hasFocus = true;
          if (this.results.length && this.text.trim()) this.open = true;
        }}
      />
      ${this.text.trim() && (this.searching || !this.fresh) ? html`<span class="spinner" role="status" aria-label="Searching"></span>` : nothing}
      ${this.renderScanHint()}
      ${this.open && !this.fresh
        ? html`<div class="loading" role="status">Searching…</div>`
        : nothing}
      ${this.open && this.fresh
        ? html`<ul id=${listId} role="listbox" aria-label="Suggestions">
            ${this.results.length === 0
              ? html`<li class="empty" role="option" aria-disabled="true" aria-selected="false">${this.failure ? `Search failed: ${this.failure}` : 'No match'}</li>`
              : this.results.map(({ node }, i) => {
                  const source = node.labels.includes('Source');
                  const style = source ? { color: 'transparent', label: 'Source' } : styling.nodeStyle(node);
                  const hint = source ? [node.properties.publisher, node.properties.published].filter(Boolean).join(' · ') : this.aliasHint(node);
                  return html`<li
                    id="kg-search-option-${i}"
                    role="option"
                    aria-selected=${i === this.active ? 'true' : 'false'}
                    @mousedown=${(e: Event) => e.preventDefault()}
                    @click=${() => this.choose(node)}
                    @mousemove=${() => (this.active = i)}
                  >
                    <span class="swatch ${source ? 'doc' : ''}" ${cssProps({ background: style.color })}></span>
                    <span class="caption">${this.caption(node, style.label)}</span>
                    ${hint && hint !== node.caption ? html`<span class="aka">${hint}</span>` : nothing}
                    <span class="label">${style.label}</span>
                  </li>`;
                })}
          </ul>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-search': KgSearch;
  }
}
