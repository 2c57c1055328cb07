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
    return quadratic(a, controls[0]!, b);
  }
  return [a, ...controls, b];
}

/** The point of segment ab closest to p (closestOnPath for a straight edge, without building a path). */
function closestOnSegment(p: Point, a: Point, b: Point): { point: Point; distance: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2)) : 0;
  const x = a.x + t * dx;
  const y = a.y + t * dy;
  return { point: { x, y }, distance: Math.hypot(p.x - x, p.y - y) };
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

/** A bend of an edge in the frame of its ends: `t` along source to target, `d` pixels to the left of it. */
interface Bend {
  t: number;
  d: number;
}

function bendsOf(edge: EdgeSingular): Bend[] {
  const a = edge.source().position();
  const b = edge.target().position();
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  // Cytoscape's own control points (parallel edges), not the sampled curve: the curve is sampled again from them.
  const controls = (edge.controlPoints?.() as Point[] | undefined) ?? [];
  return controls.map((c) => ({ t: ((c.x - a.x) * dx + (c.y - a.y) * dy) / (length * length), d: ((c.y - a.y) * dx - (c.x - a.x) * dy) / length }));
}

/** The drawn line from the current end positions: straight, a sampled quadratic Bézier (one bend), or a polyline. */
function pathFrom(a: Point, b: Point, bends: readonly Bend[]): Point[] {
  if (!bends.length) return [a, b];
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const controls = bends.map(({ t, d }) => ({ x: a.x + t * dx - (d * dy) / length, y: a.y + t * dy + (d * dx) / length }));
  if (controls.length > 1) return [a, ...controls, b];
  return quadratic(a, controls[0]!, b);
}

/**
 * Nudges visible, unlocked nodes until no edge passes within MARGIN of a node it does not touch and
 * no two nodes overlap (or ROUNDS runs out). Returns how many moves it made.
 *
 * It works on plain arrays and moves the nodes once at the end: going through Cytoscape for every
 * position read and move took 5.8 s for 1,000 elements (npm run bench -- --only ui, with
 * CIVIC_UI_PROFILE), most of the app's layout time at that size.
 */
export function declutter(cy: Core): number {
  const nodes = cy.nodes(':visible');
  const edges = cy.edges(':visible');
  if (nodes.length < 3 || nodes.length + edges.length > DECLUTTER_LIMIT) return 0;
  const list = nodes.toArray() as NodeSingular[];
  const index = new Map(list.map((node, i) => [node.id(), i]));
  const pos: Point[] = list.map((node) => ({ ...node.position() }));
  const room = list.map((node) => radius(node));
  const fixed = list.map((node) => node.locked() || node.grabbed());
  const lines: { a: number; b: number; bends: Bend[] }[] = [];
  edges.forEach((edge) => {
    const a = index.get(edge.source().id());
    const b = index.get(edge.target().id());
    if (a !== undefined && b !== undefined) lines.push({ a, b, bends: bendsOf(edge) });
  });
  const movedNodes = new Set<number>();
  let moves = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let moved = 0;
    const push = (i: number, dx: number, dy: number) => {
      if (fixed[i]) return;
      pos[i] = { x: pos[i]!.x + dx, y: pos[i]!.y + dy };
      movedNodes.add(i);
      moved++;
    };
    // Nodes on edges they do not touch.
    for (const line of lines) {
      const path = pathFrom(pos[line.a]!, pos[line.b]!, line.bends);
      let x1 = Infinity;
      let x2 = -Infinity;
      let y1 = Infinity;
      let y2 = -Infinity;
      for (const p of path) {
        x1 = Math.min(x1, p.x);
        x2 = Math.max(x2, p.x);
        y1 = Math.min(y1, p.y);
        y2 = Math.max(y2, p.y);
      }
      for (let i = 0; i < list.length; i++) {
        if (i === line.a || i === line.b) continue;
        const p = pos[i]!;
        const need = room[i]! + MARGIN;
        if (p.x < x1 - need || p.x > x2 + need || p.y < y1 - need || p.y > y2 + need) continue;
        const { point, distance } = path.length === 2 ? closestOnSegment(p, path[0]!, path[1]!) : closestOnPath(p, path);
        if (distance >= need) continue;
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
        const step = need - distance + 2;
        push(i, (nx / norm) * step, (ny / norm) * step);
      }
    }
    // Nodes on each other.
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const pa = pos[i]!;
        const pb = pos[j]!;
        const need = room[i]! + room[j]! + MARGIN;
        const dx = pb.x - pa.x;
        const dy = pb.y - pa.y;
        if (Math.abs(dx) >= need || Math.abs(dy) >= need) continue;
        const d = Math.hypot(dx, dy);
        if (d >= need) continue;
        const ux = d > 0.01 ? dx / d : 1;
        const uy = d > 0.01 ? dy / d : 0;
        const half = (need - d) / 2 + 1;
        push(i, -ux * half, -uy * half);
        push(j, ux * half, uy * half);
      }
    }
    moves += moved;
    if (!moved) break;
  }
  if (movedNodes.size) {
    cy.batch(() => {
      for (const i of movedNodes) list[i]!.position(pos[i]!);
    });
  }
  return moves;
}

/** A quadratic Bézier curve from `a` to `b` bent by `c`, as 13 points (how Cytoscape draws a one-control-point edge). */
function quadratic(a: Point, c: Point, b: Point): Point[] {
  const out: Point[] = [];
  for (let i = 0; i <= 12; i++) {
    const t = i / 12;
    const u = 1 - t;
    out.push({ x: u * u * a.x + 2 * u * t * c.x + t * t * b.x, y: u * u * a.y + 2 * u * t * c.y + t * t * b.y });
  }
  return out;
}
