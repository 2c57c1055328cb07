// The legend of a drawing (labels with colour and shape, relationship types with colour), for PNG and SVG exports.
import type { Drawing } from '../state/context.ts';

export interface LegendEntries {
  labels: { label: string; color: string; shape: string; count: number }[];
  types: { type: string; color: string; count: number }[];
}

export function legendOf(drawing: Drawing): LegendEntries {
  const labels = new Map<string, { label: string; color: string; shape: string; count: number }>();
  for (const n of drawing.nodes) {
    const entry = labels.get(n.label) ?? { label: n.label, color: n.color, shape: n.shape, count: 0 };
    entry.count++;
    labels.set(n.label, entry);
  }
  const types = new Map<string, { type: string; color: string; count: number }>();
  for (const e of drawing.edges) {
    const entry = types.get(e.type) ?? { type: e.type, color: e.color, count: 0 };
    entry.count++;
    types.set(e.type, entry);
  }
  return {
    labels: [...labels.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
    types: [...types.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
  };
}
