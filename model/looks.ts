// The one rule for how labels and types nobody declared look (foreign databases, FtM schemata, neo4j-admin folders,
// the page's fallback): one palette, one hash, one order. No imports, so the client uses this very file.

/** Shapes Cytoscape draws; a declared label's `shape` is one of these. */
export const NODE_SHAPES = [
  'ellipse', 'triangle', 'round-triangle', 'rectangle', 'round-rectangle', 'bottom-round-rectangle', 'cut-rectangle', 'barrel',
  'rhomboid', 'right-rhomboid', 'diamond', 'round-diamond', 'pentagon', 'round-pentagon', 'hexagon', 'round-hexagon',
  'concave-hexagon', 'heptagon', 'round-heptagon', 'octagon', 'round-octagon', 'star', 'tag', 'round-tag', 'vee',
] as const;
export type NodeShape = (typeof NODE_SHAPES)[number];

/** Twelve colours far apart in hue and lightness (no two blues, no two yellows). */
export const PALETTE: readonly string[] = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#ffd92f', '#1b3a6b'];

/** One shape per round of the palette: the first round ellipses, the second round rectangles, ... */
export const SHAPE_ROUNDS: readonly NodeShape[] = ['ellipse', 'round-rectangle', 'diamond', 'hexagon', 'triangle', 'star', 'octagon', 'vee', 'rhomboid', 'pentagon', 'tag', 'barrel'];

export interface Look {
  color: string;
  shape: NodeShape;
}

/** `#rrggbb` for a hue (degrees), saturation and lightness (0..1). */
export function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** FNV-1a over the name's UTF-16 code units: the same number in every browser, process and session. */
function hash(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** The colour of the `index`th place of a sorted set: the palette in order, then hues a golden angle apart, all distinct. */
export function colourAt(index: number, palette: readonly string[] = PALETTE): string {
  if (index < palette.length) return palette[index]!;
  const beyond = index - palette.length;
  return hslToHex((beyond * 137.508) % 360, 0.55, beyond % 2 ? 0.42 : 0.52);
}

/**
 * The colour of a name nobody declared: with `index`, its place in a sorted set of such names (colourAt, so
 * distinct names get distinct colours); without, the palette colour the name's hash picks, the same for the
 * name everywhere it has no place in a set (a neo4j-admin folder's inferred labels, the page's fallback).
 */
export function colourFor(name: string, index?: number, palette: readonly string[] = PALETTE): string {
  return index === undefined ? palette[hash(name) % palette.length]! : colourAt(index, palette);
}

/** The shape of the `index`th name of a sorted set: a new shape each time the palette comes round; an ellipse without a place. */
export function shapeFor(index?: number, paletteSize = PALETTE.length): NodeShape {
  return index === undefined ? 'ellipse' : SHAPE_ROUNDS[Math.floor(index / paletteSize) % SHAPE_ROUNDS.length]!;
}

const sortedNames = (names: readonly string[]) => [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Distinct looks for labels, the same for the same set of labels: over the sorted names, colourFor and
 * shapeFor by place, the palette skipping colours `taken` by declared labels (all of it, if all are taken).
 */
export function assignLooks(labels: readonly string[], taken: readonly string[] = []): Map<string, Look> {
  const takenLower = new Set(taken.map((t) => t.toLowerCase()));
  const free = PALETTE.filter((c) => !takenLower.has(c));
  const palette = free.length ? free : PALETTE;
  return new Map(sortedNames(labels).map((label, i) => [label, { color: colourFor(label, i, palette), shape: shapeFor(i, palette.length) }]));
}

/** A distinct colour per relationship type: hues spread evenly over the sorted names, muted so nodes stay in front. */
export function relationshipColors(types: readonly string[]): Map<string, string> {
  const sorted = sortedNames(types);
  // Alternating lightness keeps neighbours in hue apart when there are many types.
  return new Map(sorted.map((type, i) => [type, hslToHex((i * 360) / Math.max(sorted.length, 1), 0.45, i % 2 ? 0.38 : 0.52)]));
}
