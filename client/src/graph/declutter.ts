// After a layout: moves nodes off the edges that do not touch them and apart from each other, so no line reads as passing through an actor.
import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import type { Point } from '../state/store.ts';

/** Room kept between an edge and a node it does not touch, and between two nodes (model pixels). */
const MARGIN = 8;
const ROUNDS = 30;
/** Above this many visible elements the pass is skipped: large views hide captions and draw straight lines at low zoom. */
export const DECLUTTER_LIMIT = 1200;

/** The drawn line of an edge as points: straight, or a sampled Bézier when Cytoscape bends it (parallel edges). */
export function edgePath(edge: EdgeSingular): Point[] {
  const a = edge.source().position();
  const b = edge.target().position();
  const controls = (edge.controlPoints?.() as Point[] | undefined) ?? [];
  if (!controls.length) return [a, b];
  if (controls.length === 1) {
    const c = controls[0]!;
    const out: Point[] = [];
    for (let i = 0; i <= 12; i++) {
      const t = i / 12;
      const u = 1 - t;
      out.push({ x: u * u * a.x + 2 * u * t * c.x + t * t * b.x, y: u * u * a.y + 2 * u * t * c.y + t * t * b.y });
    }
    return out;
  }
  return [a, ...controls, b];
}

/** The point of a polyline closest to p. */
export function closestOnPath(p: Point, path: readonly Point[]): { point: Point; distance: number } {
  let best = { point: path[0]!, distance: Infinity };
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length2 = dx * dx + dy * dy;
    const t = length2 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2)) : 0;
    const q = { x: a.x + t * dx, y: a.y + t * dy };
    const distance = Math.hypot(p.x - q.x, p.y - q.y);
    if (distance < best.distance) best = { point: q, distance };
  }
  return best;
}

function radius(node: NodeSingular): number {
  return Math.max(node.width(), node.height()) / 2;
}

/**
 * Nudges visible, unlocked nodes until no edge passes within MARGIN of a node it does not touch and
 * no two nodes overlap (or ROUNDS runs out). Returns how many moves it made.
 */
export function declutter(cy: Core): number {
  const nodes = cy.nodes(':visible');
  const edges = cy.edges(':visible');
  if (nodes.length < 3 || nodes.length + edges.length > DECLUTTER_LIMIT) return 0;
  let moves = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let moved = 0;
    const push = (node: NodeSingular, dx: number, dy: number) => {
      if (node.locked() || node.grabbed()) return;
      const p = node.position();
      node.position({ x: p.x + dx, y: p.y + dy });
      moved++;
    };
    // Nodes on edges they do not touch.
    edges.forEach((edge) => {
      const path = edgePath(edge);
      const xs = path.map((p) => p.x);
      const ys = path.map((p) => p.y);
      const box = { x1: Math.min(...xs), x2: Math.max(...xs), y1: Math.min(...ys), y2: Math.max(...ys) };
      const ends = new Set([edge.source().id(), edge.target().id()]);
      nodes.forEach((node) => {
        if (ends.has(node.id())) return;
        const p = node.position();
        const room = radius(node) + MARGIN;
        if (p.x < box.x1 - room || p.x > box.x2 + room || p.y < box.y1 - room || p.y > box.y2 + room) return;
        const { point, distance } = closestOnPath(p, path);
        if (distance >= room) return;
        let nx = p.x - point.x;
        let ny = p.y - point.y;
        if (distance < 0.01) {
          // Dead on the line: step off it at right angles.
          const a = path[0]!;
          const b = path[path.length - 1]!;
          nx = -(b.y - a.y);
          ny = b.x - a.x;
        }
        const norm = Math.hypot(nx, ny) || 1;
        const step = room - distance + 2;
        push(node, (nx / norm) * step, (ny / norm) * step);
      });
    });
    // Nodes on each other.
    const list = nodes.toArray() as NodeSingular[];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        const pa = a.position();
        const pb = b.position();
        const need = radius(a) + radius(b) + MARGIN;
        const dx = pb.x - pa.x;
        const dy = pb.y - pa.y;
        const d = Math.hypot(dx, dy);
        if (d >= need) continue;
        const ux = d > 0.01 ? dx / d : 1;
        const uy = d > 0.01 ? dy / d : 0;
        const half = (need - d) / 2 + 1;
        push(a, -ux * half, -uy * half);
        push(b, ux * half, uy * half);
      }
    }
    moves += moved;
    if (!moved) break;
  }
  return moves;
}
