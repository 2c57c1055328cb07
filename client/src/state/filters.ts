// Which canvas elements the legend toggles and the time range leave visible; shared by the canvas, list view and exports.
import type { WireEdge, WireNode } from '../api.ts';
import { daysInMonth, periodEnd, periodOf } from './dates.ts';
import { datePrecision, nodeDate } from './model.ts';
import type { Styling } from './styling.ts';
import type { TimeRange, ViewState } from './store.ts';

type Period = { start: string; end: string } | null;

/** Does an element's dated period overlap the range? Undated elements always pass. */
export function inTimeRange(properties: Record<string, unknown>, range: TimeRange): boolean {
  if (!range.from && !range.to) return true;
  return periodInRange(periodOf(properties), range);
}

/**
 * A node's dated period: from the date property the user chose for its label, else the wire `date`
 * the server derived from the inferred one (any database), else the stored dates of our model.
 */
export function nodePeriod(node: WireNode, state: Pick<ViewState, 'model'>, styling: Styling): Period {
  const dated = nodeDate(node, styling.displayLabel(node.labels), state.model);
  if (dated === undefined) return periodOf(node.properties);
  if (dated === null) return null;
  return { start: dated.date, end: periodEnd(dated.date, datePrecision(dated.format)) };
}

export function nodeInTimeRange(node: WireNode, state: Pick<ViewState, 'model' | 'timeRange'>, styling: Styling): boolean {
  const range = state.timeRange;
  if (!range.from && !range.to) return true;
  return periodInRange(nodePeriod(node, state, styling), range);
}

function periodInRange(period: Period, range: TimeRange): boolean {
  if (!period) return true;
  if (range.from && period.end < `${range.from}-01`) return false;
  if (range.to) {
    const [y = 0, m = 1] = range.to.split('-').map(Number);
    if (period.start > `${range.to}-${String(daysInMonth(y, m)).padStart(2, '0')}`) return false;
  }
  return true;
}

export function nodeVisible(node: WireNode, state: ViewState, styling: Styling): boolean {
  if (state.hiddenLabels.size && state.hiddenLabels.has(styling.displayLabel(node.labels))) return false;
  return nodeInTimeRange(node, state, styling);
}

export function edgeVisible(edge: WireEdge, state: ViewState, styling: Styling): boolean {
  if (state.hiddenTypes.has(edge.type)) return false;
  if (!inTimeRange(edge.properties, state.timeRange)) return false;
  const source = state.nodes.get(edge.source);
  const target = state.nodes.get(edge.target);
  return !!source && !!target && nodeVisible(source, state, styling) && nodeVisible(target, state, styling);
}

export function visibleElements(state: ViewState, styling: Styling): { nodes: WireNode[]; edges: WireEdge[] } {
  const nodes = [...state.nodes.values()].filter((n) => nodeVisible(n, state, styling));
  const edges = [...state.edges.values()].filter((e) => edgeVisible(e, state, styling));
  return { nodes, edges };
}
