// What the canvas offers to exports: a PNG of everything and the drawing (positions, sizes, styles) of what is visible.
import type { Core } from 'cytoscape';
import type { Drawing } from '../state/context.ts';

export function png(cy: Core, background: string): Promise<Blob> {
  return cy.png({ output: 'blob-promise', full: true, scale: 2, bg: background, maxWidth: 8000, maxHeight: 8000 });
}

export function drawing(cy: Core): Drawing {
  return {
    nodes: cy.nodes(':visible').map((n) => ({
      id: n.id(),
      x: n.position().x,
      y: n.position().y,
      width: n.width(),
      height: n.height(),
      color: String(n.data('color')),
      shape: String(n.data('shape')),
      caption: String(n.data('caption')),
      label: String(n.data('label')),
    })),
    edges: cy.edges(':visible').map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id(), type: String(e.data('type')), color: String(e.data('color')) })),
  };
}
