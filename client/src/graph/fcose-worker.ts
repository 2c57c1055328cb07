// A Web Worker that runs the fcose layout on a headless Cytoscape, so a large view's layout never freezes the page (layouts.ts starts it).
import cytoscape, { type ElementDefinition, type LayoutOptions } from 'cytoscape';
import fcose from 'cytoscape-fcose';

cytoscape.use(fcose);

export interface LayoutRequest {
  run: number;
  nodes: { id: string; x: number; y: number }[];
  edges: { id: string; source: string; target: string }[];
  options: Record<string, unknown>;
}

export interface LayoutAnswer {
  run: number;
  positions?: [string, number, number][];
  error?: string;
  /** Milliseconds spent in the worker building the headless graph and running fcose (read by the benchmark). */
  ms?: { build: number; layout: number };
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { run, nodes, edges, options } = event.data;
  try {
    const started = performance.now();
    const elements: ElementDefinition[] = [
      ...nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id }, position: { x: n.x, y: n.y } })),
      ...edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target } })),
    ];
    // Sizes as the page draws them; headless Cytoscape needs them to keep nodes apart.
    const cy = cytoscape({ headless: true, styleEnabled: true, style: [{ selector: 'node', style: { width: 30, height: 30 } }], elements });
    const built = performance.now();
    const layout = cy.layout({ ...options, name: 'fcose', animate: false, fit: false } as LayoutOptions);
    layout.one('layoutstop', () => {
      const positions: [string, number, number][] = cy.nodes().map((n) => [n.id(), n.position().x, n.position().y]);
      const ms = { build: Math.round(built - started), layout: Math.round(performance.now() - built) };
      (self as unknown as Worker).postMessage({ run, positions, ms } satisfies LayoutAnswer);
      cy.destroy();
    });
    layout.run();
  } catch (error) {
    (self as unknown as Worker).postMessage({ run, error: String(error) } satisfies LayoutAnswer);
  }
};
