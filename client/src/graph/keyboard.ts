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
