// Display metadata from GET /api/schema: which label a node shows as, its colour and shape; the one rule (model/looks.ts) for the rest.
import { colourAt, colourFor, NODE_SHAPES as SHAPES } from '../../../model/looks.ts';
import type { GraphSchema, LabelInfo, WireNode } from '../api.ts';

/** Shapes Cytoscape draws; anything else the schema names falls back to an ellipse. */
export const NODE_SHAPES: ReadonlySet<string> = new Set(SHAPES);

/** Colours for numbered groups (communities): distinct for distinct numbers, as for the places of a sorted set of labels. */
export function groupColor(index: number): string {
  return colourAt(Math.max(0, Math.trunc(index)));
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
    for (const info of schema?.relationshipTypes ?? []) this.typeColors.set(info.type, safeColor(info.color, colourFor(info.type)));
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
    return { label, color: safeColor(info?.color, colourFor(label)), shape };
  }

  nodeStyle(node: Pick<WireNode, 'labels'>): LabelStyle {
    return this.labelStyle(this.displayLabel(node.labels));
  }

  typeColor(type: string): string {
    return this.typeColors.get(type) ?? colourFor(type);
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
  if (!styling) {
    styling = new Styling(schema);
    cache.set(schema, styling);
  }
  return styling;
}
