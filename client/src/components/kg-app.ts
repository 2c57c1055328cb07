// <kg-app>: the page; owns the one store, provides it by context, asks who uses it first (sign-in in team mode), lays out the panels and handles shortcuts.
import { ContextProvider } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { createActions } from '../state/actions/index.ts';
import { explorerContext, type Explorer } from '../state/context.ts';
import { StoreController } from '../state/controller.ts';
import { visibleElements } from '../state/filters.ts';
import { consoleOpen, explorerOpen, isAdmin } from '../state/session.ts';
import { ariaKeys, pageHandlers, routeKey, type DockPanel, type ShortcutAction } from '../state/shortcuts.ts';
import { Store } from '../state/store.ts';
import { stylingFor } from '../state/styling.ts';
import { readView } from '../state/url.ts';
import { syncUrl } from '../state/url-sync.ts';
import { testHook } from '../graph/test-hook.ts';
import './kg-account.ts';
import './kg-add-source.ts';
import './kg-banner.ts';
import './kg-countdown.ts';
import './kg-graph.ts';
import './kg-help.ts';
import './kg-inspector.ts';
import './kg-legend.ts';
import './kg-owner-name.ts';
import './kg-list-view.ts';
import './kg-paths.ts';
import './kg-schema-view.ts';
import './kg-review.ts';
import './kg-search.ts';
import './kg-sign-in.ts';
import './kg-source-viewer.ts';
import './kg-timeline.ts';
import './kg-toast.ts';
import './kg-toolbar.ts';

/** Is the key meant for a text field (or the code editor) rather than for the page? */
function typingInto(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Was the key pressed in a modal dialog (help, administration, tokens)? The dialog has the keys then, not the canvas behind it. */
function inDialog(event: KeyboardEvent): boolean {
  return event.composedPath().some((target) => target instanceof HTMLDialogElement && target.open);
}

/** A failed single sign-on comes back as `/?signin_error=CODE`: read once, then taken out of the address. */
function takeSignInError(): string | null {
  const params = new URLSearchParams(location.search);
  const code = params.get('signin_error');
  if (code === null) return null;
  params.delete('signin_error');
  const search = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
  return code;
}

function onControl(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  return target instanceof HTMLElement && ['BUTTON', 'A', 'SUMMARY'].includes(target.tagName);
}

@customElement('kg-app')
export class KgApp extends LitElement {
  static override styles = css`
    :host {
      --kg-bg: #ffffff; --kg-fg: #1d1d22; --kg-muted: #5b5b66; --kg-panel: #f6f6f8; --kg-border: #d6d6de;
      --kg-accent: #b45309; --kg-focus: #2563eb; --kg-on-focus: #ffffff; --kg-mark: #ffe066; --kg-danger: #b42318; --kg-chip: #ececf1;
      display: grid; height: 100vh; color: var(--kg-fg); background: var(--kg-bg);
      grid-template-rows: auto auto 1fr auto; grid-template-columns: 220px 1fr 340px;
      grid-template-areas: 'banner banner banner' 'header header header' 'left main right' 'dock dock dock';
      font: 14px/1.4 system-ui, sans-serif;
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --kg-bg: #17181c; --kg-fg: #e8e8ea; --kg-muted: #a8a8b3; --kg-panel: #202228; --kg-border: #3a3c45;
        --kg-accent: #fbbf24; --kg-focus: #60a5fa; --kg-on-focus: #0b1220; --kg-mark: #8a6d00; --kg-danger: #f97066; --kg-chip: #2c2e36;
      }
    }
    kg-banner, .top { grid-area: banner; }
    /* The explorer's parts are the grid's items; the wrapper only makes them inert while sign-in is over them. */
    .explorer { display: contents; }
    kg-account { margin-left: auto; }
    .boot { position: fixed; inset: 0; display: grid; place-items: center; }
    .boot > div { background: var(--kg-panel); border: 1px solid var(--kg-border); padding: 1rem 1.25rem; border-radius: 8px; max-width: 28rem; text-align: center; }
    .console-closed { padding: 0.7rem 0.9rem; background: var(--kg-panel); overflow: auto; }
    .console-closed h2 { font-size: 0.95rem; margin: 0 0 0.4rem; display: flex; align-items: center; }
    .console-closed h2 button { margin-left: auto; }
    .console-closed p { margin: 0.3rem 0; max-width: 40rem; }
    .console-closed .note { color: var(--kg-muted); font-size: 0.88rem; }
    .rate-limited { border-color: var(--kg-accent) !important; }
    header { grid-area: header; display: flex; align-items: center; gap: 0.75rem; padding: 0.4rem 0.75rem; border-bottom: 1px solid var(--kg-border); min-width: 0; }
    h1 { font-size: 1.05rem; margin: 0; white-space: nowrap; }
    .dataset { color: var(--kg-muted); font-size: 0.88rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 28rem; }
    kg-search { flex: 1; max-width: 34rem; }
    .left { grid-area: left; border-right: 1px solid var(--kg-border); overflow: auto; background: var(--kg-panel); min-height: 0; }
    .right { grid-area: right; border-left: 1px solid var(--kg-border); overflow: auto; background: var(--kg-panel); min-height: 0; }
    main { grid-area: main; position: relative; display: flex; flex-direction: column; min-width: 0; min-height: 0; }
    .canvas { flex: 1; min-height: 0; position: relative; display: flex; flex-direction: column; }
    kg-graph { flex: 1; min-height: 0; }
    /* Over the canvas, which stays laid out underneath (its size and layouts do not depend on the schema view). */
    kg-schema-view { position: absolute; inset: 0; z-index: 3; }
    kg-schema-view[hidden] { display: none; }
    .dock { grid-area: dock; display: flex; border-top: 1px solid var(--kg-border); height: 34vh; min-height: 200px; }
    .dock > * { flex: 1; min-width: 0; border-right: 1px solid var(--kg-border); }
    .dock > kg-console { flex: 2.2; }
    .overlay { position: absolute; inset: 3rem 0 0 0; display: grid; place-items: center; pointer-events: none; }
    .overlay > div { pointer-events: auto; background: var(--kg-panel); border: 1px solid var(--kg-border); padding: 1rem 1.25rem; border-radius: 8px; max-width: 28rem; text-align: center; }
    .status { position: absolute; left: 0.5rem; bottom: 2rem; display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; max-width: calc(100% - 1rem); pointer-events: none; }
    .status > * { pointer-events: auto; background: var(--kg-panel); border: 1px solid var(--kg-border); border-radius: 6px; padding: 0.25rem 0.5rem; font-size: 0.85rem; }
    .counts { position: absolute; right: 0.5rem; bottom: 0.5rem; font-size: 0.8rem; color: var(--kg-muted); background: var(--kg-bg); border-radius: 4px; padding: 0.1rem 0.4rem; pointer-events: none; }
    .error { border-color: var(--kg-danger) !important; color: var(--kg-danger); }
    .busy::before { content: ''; display: inline-block; width: 0.7em; height: 0.7em; margin-right: 0.4em; border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%; animation: spin 0.8s linear infinite; vertical-align: -1px; }
    @keyframes spin { to { transform: rotate(360deg); } }
    @media (prefers-reduced-motion: reduce) { .busy::before { animation: none; } }
    button { font: inherit; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.2rem 0.55rem; cursor: pointer; }
    button:focus-visible, a:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    .icon { background: none; border: none; padding: 0 0.2rem; }
    .panel-toggles { display: flex; gap: 0.3rem; }
    .panel-toggles button[aria-pressed='true'] { background: var(--kg-focus); color: var(--kg-on-focus); border-color: var(--kg-focus); }
    @media (max-width: 900px) {
      :host { grid-template-columns: 1fr; grid-template-rows: auto auto 60vh auto auto auto; height: auto; min-height: 100vh;
        grid-template-areas: 'banner' 'header' 'main' 'right' 'left' 'dock'; }
      header { flex-wrap: wrap; }
      .dock { flex-direction: column; height: auto; }
      .dock > * { min-height: 260px; border-right: none; border-bottom: 1px solid var(--kg-border); }
      .left, .right { border: none; border-top: 1px solid var(--kg-border); }
    }
  `;

  private readonly store = new Store();
  private readonly actions = createActions(this.store);
  private readonly explorer: Explorer = { store: this.store, actions: this.actions, canvas: null };
  private readonly provider = new ContextProvider(this, { context: explorerContext, initialValue: this.explorer });
  private readonly ctl = new StoreController(
    this,
    (s) => [s.phase, s.nodes, s.edges, s.busy > 0, s.error, s.notice, s.panels, s.renderer, s.hiddenLabels, s.hiddenTypes, s.timeRange, s.schema, s.schemaView, s.session, s.rateLimits.other],
    this.explorer,
  );
  private stopUrl?: () => void;
  private stopWatching?: () => void;
  private consoleLoaded = false;
  private adminLoaded = false;
  /** Once shown, the schema view stays (hidden): its drawing is kept for the way back, never torn down mid-frame. */
  private schemaShown = false;
  private noticeTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.provider;
    const hook = testHook();
    hook.store = this.store;
    hook.actions = this.actions;
    this.stopUrl = syncUrl(this.store, this.actions);
    window.addEventListener('keydown', this.onKey);
    this.stopWatching = this.actions.watchApi();
    // Who uses the page, before anything else: in team mode nothing is asked of the graph until someone signs in.
    void this.actions.loadSession(takeSignInError());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopUrl?.();
    this.stopWatching?.();
    window.removeEventListener('keydown', this.onKey);
  }

  override updated(): void {
    const state = this.store.state;
    // Signed in (or owner mode): the first load, once, with the view the URL names.
    if (explorerOpen(state.session) && !state.session.started) void this.actions.openExplorer(() => readView(location.hash));
    // The canvas or the filters changed: metrics on display follow what is visible.
    if (state.phase === 'ready') void this.actions.refreshMetrics();
    if (state.panels.admin && !this.adminLoaded && isAdmin(state.session)) {
      this.adminLoaded = true;
      import('./kg-admin.ts').catch((error) => this.store.update({ error: { message: `The administration could not load: ${String(error)}` } }));
    }
    if (state.panels.console && !this.consoleLoaded && consoleOpen(state.session)) {
      this.consoleLoaded = true;
      // The console and CodeMirror load on first use only; the first page stays light.
      import('./kg-console.ts').catch((error) => this.store.update({ error: { message: `The console could not load: ${String(error)}` } }));
    }
    if (state.notice) {
      clearTimeout(this.noticeTimer);
      const shown = state.notice;
      this.noticeTimer = setTimeout(() => {
        if (this.store.state.notice === shown) this.actions.notify(null);
      }, 6000);
    }
  }

  /** The page's keys, as the shortcuts table (state/shortcuts.ts) says; kg-help lists the same table. */
  private readonly shortcuts = pageHandlers({
    actions: this.actions,
    state: () => this.store.state,
    typing: typingInto,
    onControl,
    panelAround: (event) => this.panelAround(event),
    focusSearch: () => this.focusSearch(),
    focusCanvas: () => this.renderRoot.querySelector('kg-graph')?.focus(),
    fit: () => this.explorer.canvas?.fit(),
  });

  private readonly onKey = (event: KeyboardEvent) => {
    const session = this.store.state.session;
    if (inDialog(event) || !session.started || !explorerOpen(session)) return;
    routeKey('page', event, this.shortcuts, typingInto(event));
  };

  /** The dock or side panel the key was pressed in, if any. */
  private panelAround(event: KeyboardEvent): DockPanel | null {
    const tags: Record<string, DockPanel> = { 'KG-TIMELINE': 'timeline', 'KG-LIST-VIEW': 'list', 'KG-CONSOLE': 'console', 'KG-PATHS': 'paths' };
    for (const target of event.composedPath()) {
      if (target instanceof HTMLElement && tags[target.tagName]) return tags[target.tagName]!;
    }
    return null;
  }

  private async copyLink(): Promise<void> {
    try {
      await navigator.clipboard.writeText(location.href);
      this.actions.notify('Link to this view copied');
    } catch {
      // Clipboard refused (no permission, not a secure context): the link is still in the address bar.
      this.actions.notify(`Copy this link: ${location.href}`);
    }
  }

  private focusSearch(): void {
    this.renderRoot.querySelector('kg-search')?.focusInput();
  }

  private renderOverlay() {
    const s = this.store.state;
    if (s.phase === 'loading') return html`<div class="overlay"><div role="status" class="busy">Loading the graph…</div></div>`;
    if (s.phase === 'failed') {
      return html`<div class="overlay"><div role="alert">
        <p><strong>Could not load the graph.</strong></p>
        <p>${s.error?.message ?? 'The server did not answer.'}${s.error?.code ? html` (<code>${s.error.code}</code>)` : nothing}</p>
        <button @click=${async () => this.actions.retryStart(await readView(location.hash))}>Retry</button>
      </div></div>`;
    }
    if (!s.nodes.size) {
      const holdsData = (s.schema?.labels ?? []).some((l) => l.count > 0);
      return html`<div class="overlay"><div role="status">
        <p><strong>The canvas is empty.</strong></p>
        <p>Search for an actor above (press <kbd>/</kbd>), load the overview, or ask a Cypher question in the console.</p>
        ${s.schema && !holdsData ? this.renderHowToLoad() : nothing}
        <button @click=${() => this.actions.loadOverview()}>Load the overview</button>
        ${holdsData ? html`<button @click=${() => this.actions.showSchema()}>Show the schema</button>` : nothing}
      </div></div>`;
    }
    return nothing;
  }

  /** An empty database: how data comes in, on the server's command line (ingest/README.md), the FtM form that says where facts come from first. */
  private renderHowToLoad() {
    return html`<p class="how-to-load">The database holds nothing yet. Load data on the server's command line:<br />
      a FollowTheMoney file, saying where its facts come from:
      <code>npm run import -- --source-url https://example.org/dump --publisher "Example Registry" entities.ftm.json</code><br />
      a neo4j-admin CSV folder: <code>npm run import -- FOLDER</code>; the Mali dataset: <code>npm run seed</code>.</p>`;
  }

  /** What the canvas shows: with filters on, how many of what is loaded pass them. */
  private renderCounts(): string {
    const s = this.ctl.state;
    const filtered = s.hiddenLabels.size > 0 || s.hiddenTypes.size > 0 || s.timeRange.from !== null || s.timeRange.to !== null;
    if (!filtered) return `${s.nodes.size} nodes · ${s.edges.size} relationships`;
    const shown = visibleElements(s, stylingFor(s.schema));
    return `${shown.nodes.length} of ${s.nodes.size} nodes · ${shown.edges.length} of ${s.edges.size} relationships shown`;
  }

  /** Which dataset is open, from the schema: the first thing a reader should know. */
  private renderDatasets() {
    const datasets = this.ctl.state.schema?.datasets ?? [];
    if (!datasets.length) return nothing;
    const titles = datasets.map((d) => `${d.title}${d.synthetic ? ' (synthetic)' : ''}`).join(' · ');
    return html`<span class="dataset" title=${datasets.map((d) => d.description ?? d.title).join('\n')}>${titles}</span>`;
  }

  /** Before the explorer: the session being asked, or why it could not be. */
  private renderBoot() {
    const session = this.ctl.state.session;
    if (session.status === 'failed') {
      return html`<div class="boot"><div role="alert">
        <p><strong>Could not reach the server.</strong></p>
        <p>${session.failure}</p>
        <button @click=${() => this.actions.loadSession()}>Retry</button>
      </div></div>`;
    }
    return html`<div class="boot"><div role="status" class="busy">Opening Civic Graph…</div></div>`;
  }

  /** A 429 outside search: the banner says the page is being rate-limited, and for how long. */
  private renderRateLimit() {
    const limit = this.ctl.state.rateLimits.other;
    if (!limit) return nothing;
    return html`<span role="alert" class="error rate-limited">The server is rate-limiting this page (${limit.path}); you may try again in
      <kg-countdown .until=${limit.until} @countdown-end=${() => this.actions.rateLimitOver('other')}></kg-countdown> s.</span>`;
  }

  /** The console panel of a user whose grants do not cover every dataset: why it stays closed. */
  private renderConsoleClosed() {
    return html`<section class="console-closed" aria-labelledby="console-closed-title">
      <h2 id="console-closed-title">Cypher console
        <button class="icon" aria-label="Close the console panel" @click=${() => this.actions.setPanel('console', false)}>✕</button></h2>
      <p>The console reads the whole database; it opens to users whose grants cover every dataset; ask an admin.</p>
      <p class="note">Search, the canvas, paths and the timeline show what your grants let you see.</p>
    </section>`;
  }

  override render() {
    const s = this.ctl.state;
    const session = s.session;
    if (session.status === 'unknown' || session.status === 'failed') return html`<kg-banner></kg-banner>${this.renderBoot()}`;
    // Team mode, nobody signed in yet: the sign-in screen alone (the explorer has asked nothing of the graph).
    if (!session.started && !explorerOpen(session)) return html`<kg-banner></kg-banner><kg-sign-in></kg-sign-in>`;
    const locked = !explorerOpen(session);
    return html`<div class="explorer" ?inert=${locked}>${this.renderExplorer()}</div>
      ${locked ? html`<kg-sign-in></kg-sign-in>` : nothing}`;
  }

  private renderExplorer() {
    const s = this.ctl.state;
    if (s.schemaView) this.schemaShown = true;
    const canConsole = consoleOpen(s.session);
    const toggle = (name: DockPanel, text: string) => {
      const keys = ariaKeys(`toggle-${name}` satisfies ShortcutAction);
      return html`<button aria-pressed=${s.panels[name] ? 'true' : 'false'} aria-keyshortcuts=${keys} title="${text} (${keys})" @click=${() => this.actions.togglePanel(name)}>${text}</button>`;
    };
    return html`
      <div class="top">
        <kg-banner></kg-banner>
        ${s.session.mode === 'owner' ? html`<kg-owner-name></kg-owner-name>` : nothing}
      </div>
      <header>
        <h1>Civic Graph</h1>
        ${this.renderDatasets()}
        <kg-search></kg-search>
        <nav class="panel-toggles" aria-label="Panels">
          ${toggle('paths', 'Paths')} ${toggle('timeline', 'Timeline')} ${toggle('list', 'List')} ${toggle('console', 'Cypher')}
          <button class="copy-link" title="Copy a link to this view (nodes, layout, filters, panels)" @click=${() => this.copyLink()}>Copy link</button>
          <button aria-keyshortcuts="?" title="Keyboard shortcuts (?)" @click=${() => this.actions.setPanel('help', true)}>?</button>
        </nav>
        <kg-account></kg-account>
      </header>
      <aside class="left" aria-label="Legend and filters"><kg-legend></kg-legend></aside>
      <main>
        <kg-toolbar></kg-toolbar>
        <div class="canvas">
          <kg-graph></kg-graph>
          ${(s.schemaView || this.schemaShown) && s.phase === 'ready' ? html`<kg-schema-view ?hidden=${!s.schemaView}></kg-schema-view>` : nothing}
        </div>
        ${s.schemaView ? nothing : this.renderOverlay()}
        <div class="status">
          ${s.busy > 0 ? html`<span class="busy" role="status">Loading…</span>` : nothing}
          ${s.notice ? html`<span role="status" class="notice">${s.notice}</span>` : nothing}
          ${this.renderRateLimit()}
          ${s.error && s.phase !== 'failed' && !(s.error.code === 'rate_limited' && s.rateLimits.other)
            ? html`<span role="alert" class="error">${s.error.message}${s.error.code ? html` (${s.error.code})` : nothing}
                <button class="icon" aria-label="Dismiss the error" @click=${() => this.actions.dismissError()}>✕</button></span>`
            : nothing}
        </div>
        <div class="counts" aria-live="polite">${this.renderCounts()}${s.renderer === 'webgl' ? html` · <span class="renderer" title="Large view: drawn with WebGL">WebGL</span>` : nothing}</div>
      </main>
      <aside class="right" aria-label="Details">
        ${s.panels.paths ? html`<kg-paths></kg-paths>` : nothing}
        <kg-inspector></kg-inspector>
      </aside>
      ${s.panels.timeline || s.panels.list || s.panels.console
        ? html`<div class="dock">
            ${s.panels.console ? (canConsole ? html`<kg-console></kg-console>` : this.renderConsoleClosed()) : nothing}
            ${s.panels.timeline ? html`<kg-timeline></kg-timeline>` : nothing}
            ${s.panels.list ? html`<kg-list-view></kg-list-view>` : nothing}
          </div>`
        : nothing}
      <kg-source-viewer></kg-source-viewer>
      <kg-add-source></kg-add-source>
      <kg-review></kg-review>
      <kg-toast></kg-toast>
      <kg-help></kg-help>
      ${isAdmin(s.session) && s.panels.admin ? html`<kg-admin></kg-admin>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-app': KgApp;
  }
}
