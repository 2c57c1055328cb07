// <kg-schema-view>: the database's shape over the canvas (labels sized by count, relationship types with counts); a label opens its most connected nodes.
import { initialState, Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import { fetchSchemaGraph, type SchemaGraph } from '../api.ts';
import { testHook } from '../graph/test-hook.ts';
import { failureText } from '../lib/error-text.ts';
import { cssProps } from '../lib/css-props.ts';
import { shapeSwatch } from '../lib/shapes.ts';
import { StoreController } from '../state/controller.ts';
import { NODE_SHAPES, stylingFor } from '../state/styling.ts';

const MIN_SIZE = 36;
const MAX_SIZE = 110;

function dark(): boolean {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

@customElement('kg-schema-view')
export class KgSchemaView extends LitElement {
  static override styles = css`
    :host { display: grid; grid-template-columns: 1fr 15rem; background: var(--kg-bg); min-height: 0; }
    #schema-cy { position: relative; min-width: 0; min-height: 0; }
    aside { border-left: 1px solid var(--kg-border); overflow: auto; padding: 0.6rem 0.7rem; background: var(--kg-panel); font-size: 0.9rem; }
    h2 { font-size: 0.95rem; margin: 0 0 0.3rem; }
    p { margin: 0.2rem 0 0.6rem; color: var(--kg-muted); font-size: 0.85rem; }
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 2px; }
    button { font: inherit; color: inherit; background: none; border: 1px solid transparent; border-radius: 5px; padding: 0.2rem 0.35rem; cursor: pointer; width: 100%; display: flex; gap: 0.45rem; align-items: center; text-align: left; }
    button:hover { background: var(--kg-chip); }
    button:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    .swatch { width: 0.8rem; height: 0.8rem; border-radius: 50%; flex: none; }
    .name { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .count { margin-left: auto; color: var(--kg-muted); font-variant-numeric: tabular-nums; font-size: 0.85em; }
    .back { width: auto; display: inline-block; border-color: var(--kg-border); background: var(--kg-chip); margin-top: 0.6rem; }
    .status { padding: 1rem; color: var(--kg-muted); }
    @media (max-width: 900px) { :host { grid-template-columns: 1fr; grid-template-rows: 1fr auto; } aside { border-left: none; border-top: 1px solid var(--kg-border); } }
  `;

  private readonly ctl = new StoreController(this, (s) => [s.schemaView, s.schema, s.nodes.size > 0]);
  /** The database's shape, read once: the drawing is made from it once and kept while hidden. */
  private readonly graphTask = new Task(this, {
    task: ([ready]: readonly [boolean]) => (ready ? fetchSchemaGraph() : initialState),
    args: () => [this.ctl.ready] as const,
  });
  private cy?: Core;

  private get graph(): SchemaGraph | null {
    return this.graphTask.value ?? null;
  }

  private get error(): string {
    return failureText(this.graphTask.error);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cy?.destroy();
    this.cy = undefined;
    const hook = testHook();
    if (hook.schemaCy) hook.schemaCy = undefined;
  }

  private wasHidden = false;

  override updated(): void {
    if (this.graph && !this.cy && this.graph.labels.length && this.shown) this.draw(this.graph);
  }

  /** Shown again (kg-app hides rather than removes it): the container may have changed size meanwhile. */
  protected override willUpdate(): void {
    if (this.wasHidden && this.shown && this.cy) {
      requestAnimationFrame(() => {
        this.cy?.resize();
        this.cy?.fit(undefined, 40);
      });
    }
    this.wasHidden = !this.shown;
  }

  /** kg-app hides the element (rather than removing it) while the store says the canvas is in front. */
  private get shown(): boolean {
    return this.ctl.ready && this.ctl.state.schemaView;
  }

  private draw(graph: SchemaGraph): void {
    const container = this.renderRoot.querySelector<HTMLElement>('#schema-cy');
    if (!container) return;
    const styling = stylingFor(this.ctl.state.schema);
    const max = Math.max(1, ...graph.labels.map((l) => l.count));
    const fg = dark() ? '#e8e8ea' : '#1d1d22';
    const bg = dark() ? '#17181c' : '#ffffff';
    const elements: ElementDefinition[] = [
      ...graph.labels.map((l) => ({
        data: {
          id: `label:${l.label}`,
          label: l.label,
          count: l.count,
          // The schema's look wins over the graph's when both say (the legend and canvas follow the schema).
          color: styling.labelInfo(l.label) ? styling.labelStyle(l.label).color : l.color,
          shape: NODE_SHAPES.has(l.shape) ? l.shape : 'ellipse',
          // By area: a label with four times the nodes looks twice as wide.
          size: Math.round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt(l.count / max)),
          display: `${l.label}\n${l.count.toLocaleString('en')}`,
        },
      })),
      ...graph.relationships
        .filter((r) => graph.labels.some((l) => l.label === r.from) && graph.labels.some((l) => l.label === r.to))
        .map((r) => ({
          data: { id: `rel:${r.type}:${r.from}:${r.to}`, source: `label:${r.from}`, target: `label:${r.to}`, type: r.type, count: r.count, color: r.color, display: `${r.type} ${r.count.toLocaleString('en')}` },
        })),
    ];
    const cy = cytoscape({
      container,
      elements,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(color)', shape: 'data(shape)' as never, width: 'data(size)', height: 'data(size)', label: 'data(display)',
            'text-wrap': 'wrap', 'text-valign': 'bottom', 'text-margin-y': 4, 'font-size': 13, color: fg, 'text-outline-width': 2, 'text-outline-color': bg,
            'border-width': 1, 'border-color': 'rgba(0,0,0,0.3)',
          },
        },
        {
          selector: 'edge',
          style: {
            width: 2, 'line-color': 'data(color)', 'target-arrow-color': 'data(color)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier',
            'control-point-step-size': 40, 'loop-direction': '-45deg', 'loop-sweep': '-60deg',
            label: 'data(display)', 'font-size': 10, color: fg, 'text-rotation': 'autorotate', 'text-outline-width': 2, 'text-outline-color': bg, opacity: 0.9,
          },
        },
        { selector: 'node:active, node.hover', style: { 'border-width': 4, 'border-color': dark() ? '#fbbf24' : '#b45309' } },
      ],
      // Circle, largest first: the same picture every time for the same database.
      layout: { name: 'circle', sort: (a: NodeSingular, b: NodeSingular) => b.data('count') - a.data('count') || String(a.data('label')).localeCompare(String(b.data('label'))), padding: 40, avoidOverlap: true } as never,
    });
    cy.on('tap', 'node', (event) => void this.open(String(event.target.data('label'))));
    cy.on('mouseover', 'node', (event) => {
      event.target.addClass('hover');
      container.style.cursor = 'pointer';
    });
    cy.on('mouseout', 'node', (event) => {
      event.target.removeClass('hover');
      container.style.cursor = '';
    });
    this.cy = cy;
    testHook().schemaCy = cy;
  }

  private async open(label: string): Promise<void> {
    await this.ctl.actions.openLabel(label);
  }

  override render() {
    if (!this.ctl.ready) return nothing;
    const { state, actions } = this.ctl;
    const graph = this.graph;
    const styling = stylingFor(state.schema);
    const labels = [...(graph?.labels ?? [])].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    return html`
      <div id="schema-cy" role="img" aria-label="The database's labels and relationship types (the list beside reads them)"></div>
      <aside aria-labelledby="schema-title">
        <h2 id="schema-title">What the database holds</h2>
        ${this.error ? html`<p role="alert">The schema could not be loaded: ${this.error}</p>` : nothing}
        ${!graph && !this.error ? html`<p role="status">Reading the schema…</p>` : nothing}
        ${graph && !labels.length ? html`<p class="empty" role="status">The database is empty: no labels, no relationships.</p>` : nothing}
        ${labels.length
          ? html`<p>Each circle is a label, sized by its nodes; each arrow a relationship type with its count. Choose a label to see its most connected nodes.</p>
              <ul aria-label="Labels">
                ${labels.map(
                  (l) => html`<li><button data-label=${l.label} title="Show the most connected ${l.label} nodes and their links" @click=${() => this.open(l.label)}>
                    <span class="swatch" ${cssProps(shapeSwatch(styling.labelInfo(l.label) ? styling.labelStyle(l.label).color : l.color, l.shape))}></span>
                    <span class="name">${l.label}</span><span class="count">${l.count.toLocaleString('en')}</span>
                  </button></li>`,
                )}
              </ul>`
          : nothing}
        ${state.nodes.size ? html`<button class="back" @click=${() => actions.hideSchema()}>Back to the canvas</button>` : nothing}
      </aside>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-schema-view': KgSchemaView;
  }
}
