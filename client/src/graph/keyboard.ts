// Moving the selection with the arrow keys: the nearest visible node in that direction, preferring the straight line.
import type { Core, NodeSingular } from 'cytoscape';
import type { Point } from '../state/store.ts';

export const ARROWS: Readonly<Record<string, Point>> = { ArrowRight: { x: 1, y: 0 }, ArrowLeft: { x: -1, y: 0 }, ArrowUp: { x: 0, y: -1 }, ArrowDown: { x: 0, y: 1 } };

/** The node to select after an arrow key from `currentId` (none: the leftmost node); null when there is none that way. */
export function nextNode(cy: Core, currentId: string | null, dir: Point): string | null {
  const visible = cy.nodes(':visible');
  if (!visible.length) return null;
  const current = currentId ? cy.getElementById(currentId) : undefined;
  if (!current || current.empty() || !current.visible()) {
    const first = visible.sort((a, b) => (a as NodeSingular).position().x - (b as NodeSingular).position().x || (a as NodeSingular).position().y - (b as NodeSingular).position().y)[0]!;
    return first.id();
  }
  const from = current.position();
  let best: { id: string; score: number } | null = null;
  visible.forEach((n) => {
    if (n.id() === current.id()) return;
    const p = n.position();
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const along = dx * dir.x + dy * dir.y;
    if (along <= 0) return;
    const across = Math.abs(dx * dir.y - dy * dir.x);
    const score = along + 2 * across;
    if (!best || score < best.score) best = { id: n.id(), score };
  });
  return best ? (best as { id: string }).id : null;
}

/**
 * Edges by keyboard: the next (or previous) visible edge of `anchorId`, clockwise from twelve
 * o'clock around it, after `currentEdge`; null when the node has none.
 */
export function nextEdge(cy: Core, anchorId: string, currentEdge: string | null, backwards = false): string | null {
  const anchor = cy.getElementById(anchorId);
  if (anchor.empty()) return null;
  const at = (anchor as NodeSingular).position();
  const edges = (anchor as NodeSingular)
    .connectedEdges(':visible')
    .map((e) => {
      const other = e.source().id() === anchorId ? e.target() : e.source();
      const p = other.position();
      const angle = (Math.atan2(p.x - at.x, -(p.y - at.y)) + 2 * Math.PI) % (2 * Math.PI);
      return { id: e.id(), angle };
    })
    .sort((a, b) => a.angle - b.angle || a.id.localeCompare(b.id));
  if (!edges.length) return null;
  const i = currentEdge ? edges.findIndex((e) => e.id === currentEdge) : -1;
  const next = i < 0 ? (backwards ? edges.length - 1 : 0) : (i + (backwards ? -1 : 1) + edges.length) % edges.length;
  return edges[next]!.id;
}
