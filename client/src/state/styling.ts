// Display metadata from GET /api/schema: which label a node shows as, its colour and shape; a stable palette for the rest.
import type { GraphSchema, LabelInfo, WireNode } from '../api.ts';

/** Shapes Cytoscape draws; anything else the schema names falls back to an ellipse. */
export const NODE_SHAPES: ReadonlySet<string> = new Set([
  'ellipse', 'triangle', 'round-triangle', 'rectangle', 'round-rectangle', 'bottom-round-rectangle', 'cut-rectangle', 'barrel',
  'rhomboid', 'right-rhomboid', 'diamond', 'round-diamond', 'pentagon', 'round-pentagon', 'hexagon', 'round-hexagon',
  'concave-hexagon', 'heptagon', 'round-heptagon', 'octagon', 'round-octagon', 'star', 'tag', 'round-tag', 'vee',
]);

/** Distinct, readable on light and dark backgrounds. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#1f9e89', '#c45a9b'];

/** Colours for numbered groups (communities): the palette in order, then again. */
export function groupColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}

/** Same text, same colour, in every browser and every session. */
export function paletteColor(text: string): string {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return PALETTE[(hash >>> 0) % PALETTE.length]!;
}

const CSS_COLOR = /^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla)\([\d\s.,%]+\)|[a-z]{3,20})$/i;

function safeColor(color: string | undefined, fallback: string): string {
  return color && CSS_COLOR.test(color.trim()) ? color.trim() : fallback;
}

export interface LabelStyle {
  label: string;
  color: string;
  shape: string;
}

/** Lookup tables built once per schema. */
export class Styling {
  private readonly labels = new Map<string, LabelInfo>();
  private readonly typeColors = new Map<string, string>();

  constructor(readonly schema: GraphSchema | null) {
    for (const info of schema?.labels ?? []) this.labels.set(info.label, info);
    for (const info of schema?.relationshipTypes ?? []) this.typeColors.set(info.type, safeColor(info.color, paletteColor(info.type)));
  }

  /**
   * The label a node is shown as: among its labels that the schema knows, the declared one with the
   * fewest nodes (the most specific, so a shared umbrella label never wins), else its first label.
   */
  displayLabel(labels: readonly string[]): string {
    let best: LabelInfo | undefined;
    for (const label of labels) {
      const info = this.labels.get(label);
      if (!info) continue;
      if (!best || (info.declared && !best.declared) || (info.declared === best.declared && info.count < best.count)) best = info;
    }
    return best?.label ?? labels[0] ?? '(no label)';
  }

  labelStyle(label: string): LabelStyle {
    const info = this.labels.get(label);
    const shape = info && NODE_SHAPES.has(info.shape) ? info.shape : 'ellipse';
    return { label, color: safeColor(info?.color, paletteColor(label)), shape };
  }

  nodeStyle(node: Pick<WireNode, 'labels'>): LabelStyle {
    return this.labelStyle(this.displayLabel(node.labels));
  }

  typeColor(type: string): string {
    return this.typeColors.get(type) ?? paletteColor(type);
  }

  labelInfo(label: string): LabelInfo | undefined {
    return this.labels.get(label);
  }
}

const cache = new WeakMap<GraphSchema, Styling>();
const empty = new Styling(null);

export function stylingFor(schema: GraphSchema | null): Styling {
  if (!schema) return empty;
  let styling = cache.get(schema);
  if (!styling) cache.set(schema, (styling = new Styling(schema)));
  return styling;
}
