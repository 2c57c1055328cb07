// <kg-search>: a combobox with live suggestions (arrows, Enter, Escape) that puts the chosen node on the canvas and selects it.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { search, type SearchResponse, type WireNode } from '../api.ts';
import { StoreController } from '../state/controller.ts';
import { stylingFor } from '../state/styling.ts';
import { cssProps } from '../lib/css-props.ts';

const DEBOUNCE_MS = 140;

@customElement('kg-search')
export class KgSearch extends LitElement {
  static override styles = css`
    :host { display: block; position: relative; }
    input { width: 100%; box-sizing: border-box; font: inherit; padding: 0.35rem 0.6rem; border: 1px solid var(--kg-border); border-radius: 6px; background: var(--kg-bg); color: inherit; }
    input:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 0; }
    ul { position: absolute; z-index: 20; left: 0; right: 0; top: calc(100% + 2px); margin: 0; padding: 0.2rem 0; list-style: none; background: var(--kg-bg); border: 1px solid var(--kg-border); border-radius: 6px; box-shadow: 0 6px 20px #0003; max-height: 60vh; overflow: auto; }
    li { padding: 0.3rem 0.6rem; cursor: pointer; display: flex; gap: 0.5rem; align-items: baseline; }
    li[aria-selected='true'] { background: var(--kg-focus); color: var(--kg-on-focus); }
    .swatch { width: 0.7rem; height: 0.7rem; border-radius: 50%; flex: none; align-self: center; }
    .label { font-size: 0.8em; opacity: 0.8; margin-left: auto; white-space: nowrap; }
    .aka { font-size: 0.8em; opacity: 0.75; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .empty { padding: 0.35rem 0.6rem; color: var(--kg-muted); }
    li[aria-selected='true'] .swatch { outline: 2px solid #fff; }
  `;

  private readonly ctl = new StoreController(this, (s) => [s.schema]);
  @state() private text = '';
  @state() private results: SearchResponse['results'] = [];
  @state() private open = false;
  @state() private active = -1;
  @state() private searching = false;
  @state() private failure = '';
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
      this.open = false;
      return;
    }
    this.timer = setTimeout(() => void this.run(this.text), DEBOUNCE_MS);
  }

  private async run(text: string): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.searching = true;
    try {
      const response = await search(text.trim(), { limit: 12, signal: controller.signal });
      if (controller.signal.aborted) return;
      this.results = response.results;
      this.failure = '';
      this.active = response.results.length ? 0 : -1;
      this.open = true;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.results = [];
      this.failure = error instanceof Error ? error.message : String(error);
      this.open = true;
    } finally {
      if (this.controller === controller) this.searching = false;
    }
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.results.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.open && this.text.trim()) void this.run(this.text);
        else if (count) this.active = (this.active + 1) % count;
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (count) this.active = (this.active - 1 + count) % count;
        break;
      case 'Enter': {
        event.preventDefault();
        if (this.timer && this.text.trim() && !this.open) {
          // Enter before the suggestions arrived: search now and take the best match.
          clearTimeout(this.timer);
          void this.run(this.text).then(() => this.results[0] && this.choose(this.results[0].node));
          break;
        }
        const chosen = this.results[this.active] ?? this.results[0];
        if (chosen) this.choose(chosen.node);
        break;
      }
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        if (this.open) this.open = false;
        else {
          this.text = '';
          this.input.value = '';
          this.input.blur();
        }
        break;
      default:
    }
  }

  private choose(node: WireNode): void {
    this.open = false;
    clearTimeout(this.timer);
    void this.ctl.actions.showNode(node.id, node);
    // The canvas takes the focus: Enter expands, arrows move, Tab reaches the inspector.
    const app = (this.getRootNode() as ShadowRoot).host;
    (app?.shadowRoot?.querySelector('kg-graph') as HTMLElement | null)?.focus();
  }

  private aliasHint(node: WireNode): string {
    const aliases = node.properties.aliases;
    if (!Array.isArray(aliases) || !aliases.length) return '';
    const words = this.text.trim().toLowerCase();
    const matching = aliases.find((a) => typeof a === 'string' && a.toLowerCase().includes(words));
    return String(matching ?? aliases.slice(0, 2).join(', '));
  }

  override render() {
    const styling = stylingFor(this.ctl.ready ? this.ctl.state.schema : null);
    const listId = 'kg-search-results';
    const activeId = this.open && this.active >= 0 ? `kg-search-option-${this.active}` : '';
    return html`
      <input
        type="search"
        role="combobox"
        aria-label="Search actors and events by name or alias"
        aria-autocomplete="list"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${listId}
        aria-activedescendant=${activeId}
        aria-keyshortcuts="/ Control+K"
        placeholder="Search names and aliases…  ( / )"
        autocomplete="off"
        spellcheck="false"
        .value=${this.text}
        @input=${this.onInput}
        @keydown=${this.onKey}
        @blur=${() => setTimeout(() => (this.open = false), 150)}
        @focus=${() => this.results.length && this.text.trim() && (this.open = true)}
      />
      ${this.open
        ? html`<ul id=${listId} role="listbox" aria-label="Suggestions">
            ${this.results.length === 0
              ? html`<li class="empty" role="option" aria-disabled="true" aria-selected="false">${this.failure ? `Search failed: ${this.failure}` : this.searching ? 'Searching…' : 'No match'}</li>`
              : this.results.map(({ node }, i) => {
                  const style = styling.nodeStyle(node);
                  const hint = this.aliasHint(node);
                  return html`<li
                    id="kg-search-option-${i}"
                    role="option"
                    aria-selected=${i === this.active ? 'true' : 'false'}
                    @mousedown=${(e: Event) => e.preventDefault()}
                    @click=${() => this.choose(node)}
                    @mousemove=${() => (this.active = i)}
                  >
                    <span class="swatch" ${cssProps({ background: style.color })}></span>
                    <span class="caption">${node.caption}</span>
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
