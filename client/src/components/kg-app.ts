// <kg-app>: the page; loads the graph and lays out the panels.
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { fetchOverview, type Subgraph } from '../api.ts';
import './kg-graph.ts';

@customElement('kg-app')
export class KgApp extends LitElement {
  static override styles = css`
    :host { display: flex; flex-direction: column; height: 100vh; }
    header { padding: 0.5rem 1rem; border-bottom: 1px solid #8884; }
    kg-graph { flex: 1; }
    .status { padding: 1rem; }
  `;

  @state() private graph: Subgraph = { nodes: [], edges: [] };
  @state() private status: 'loading' | 'ready' | 'error' = 'loading';
  @state() private message = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.graph = await fetchOverview();
      this.status = 'ready';
    } catch (error) {
      this.status = 'error';
      this.message = error instanceof Error ? error.message : String(error);
    }
  }

  override render() {
    return html`
      <header><strong>Civic Graph</strong></header>
      ${this.status === 'loading' ? html`<p class="status" role="status">Loading the graph…</p>` : null}
      ${this.status === 'error' ? html`<p class="status" role="alert">Could not load the graph: ${this.message}</p>` : null}
      <kg-graph .graph=${this.graph}></kg-graph>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-app': KgApp;
  }
}
