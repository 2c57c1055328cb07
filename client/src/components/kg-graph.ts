// <kg-graph>: the only element that touches Cytoscape; draws a subgraph with a force layout.
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import cytoscape, { type Core } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { Subgraph } from '../api.ts';

cytoscape.use(fcose);

@customElement('kg-graph')
export class KgGraph extends LitElement {
  static override styles = css`
    :host { display: block; position: relative; }
    #cy { position: absolute; inset: 0; }
  `;

  @property({ attribute: false }) graph: Subgraph = { nodes: [], edges: [] };

  private cy?: Core;

  override render() {
    return html`<div id="cy"></div>`;
  }

  override firstUpdated(): void {
    this.cy = cytoscape({
      container: this.renderRoot.querySelector('#cy') as HTMLElement,
      style: [
        { selector: 'node', style: { label: 'data(caption)', 'font-size': 11, 'text-wrap': 'wrap', 'text-max-width': '120px', 'background-color': '#4a7bd0' } },
        { selector: 'edge', style: { label: 'data(type)', 'font-size': 8, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', width: 1.5 } },
      ],
    });
    // Test hook: end-to-end tests count what is drawn without reaching into internals.
    (window as unknown as { __kg?: unknown }).__kg = { cy: this.cy };
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('graph') && this.cy) this.draw();
  }

  private draw(): void {
    const cy = this.cy!;
    cy.batch(() => {
      cy.elements().remove();
      cy.add([
        ...this.graph.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, caption: n.caption } })),
        ...this.graph.edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target, type: e.type } })),
      ]);
    });
    cy.layout({ name: 'fcose', animate: false } as cytoscape.LayoutOptions).run();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-graph': KgGraph;
  }
}
