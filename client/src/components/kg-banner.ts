// <kg-banner>: polls GET /api/health and says so, prominently, when the server cannot reach Neo4j, and quietly while it warms up.
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { StoreController } from '../state/controller.ts';

const POLL_OK_MS = 15_000;
const POLL_DOWN_MS = 4_000;
const POLL_WARMING_MS = 3_000;

@customElement('kg-banner')
export class KgBanner extends LitElement {
  static override styles = css`
    :host { display: block; }
    div { background: #b42318; color: #fff; padding: 0.45rem 0.9rem; display: flex; gap: 1rem; align-items: center; }
    button { font: inherit; background: #fff; color: #000; border: none; border-radius: 4px; padding: 0.1rem 0.6rem; cursor: pointer; }
    button:focus-visible { outline: 3px solid #000; outline-offset: 1px; }
    div.warming { background: var(--kg-chip); color: var(--kg-fg); }
  `;

  private readonly ctl = new StoreController(this, (s) => [s.neo4jDown, s.warming]);
  private timer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.schedule(1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), ms);
  }

  private async poll(): Promise<void> {
    if (this.ctl.ready) {
      const wasDown = this.ctl.state.neo4jDown;
      await this.ctl.actions.checkHealth();
      // Back from an outage: the schema (and any failed first load) deserve another try.
      if (wasDown && !this.ctl.state.neo4jDown) {
        void this.ctl.actions.reloadSchema();
        if (this.ctl.state.phase === 'failed') void this.ctl.actions.retryStart(null);
      }
    }
    const state = this.ctl.ready ? this.ctl.state : null;
    this.schedule(state?.neo4jDown ? POLL_DOWN_MS : state?.warming ? POLL_WARMING_MS : POLL_OK_MS);
  }

  override render() {
    const down = this.ctl.ready ? this.ctl.state.neo4jDown : null;
    const warming = this.ctl.ready ? this.ctl.state.warming : null;
    if (!down && warming) {
      return html`<div class="warming" role="status"><span>The server is warming up (${warming}): the first answers may be slow.</span></div>`;
    }
    if (!down) return nothing;
    return html`<div role="alert">
      <strong>Neo4j is unreachable.</strong>
      <span>The graph cannot be loaded or changed until the database answers again (${down}). Retrying every few seconds.</span>
      <button @click=${() => void this.poll()}>Retry now</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-banner': KgBanner;
  }
}
