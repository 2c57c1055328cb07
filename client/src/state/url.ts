// The view in the URL's hash, so a copied link restores it and back/forward walk through view changes.
import { LAYOUTS, type LayoutName, type PanelName, type Point, type Selection, type TimeRange, type ViewState } from './store.ts';

/** Above this many nodes the URL names the overview instead of every node (links must stay shareable). */
export const URL_NODE_LIMIT = 400;

export interface UrlView {
  nodes: string[] | null;
  overview: number | null;
  positions: Map<string, Point>;
  pinned: string[];
  selection: Selection;
  hiddenLabels: string[];
  hiddenTypes: string[];
  timeRange: TimeRange;
  layout: LayoutName;
  panels: PanelName[];
}

const URL_PANELS: readonly PanelName[] = ['timeline', 'console', 'list', 'paths'];

/** Ids stay readable: slashes and colons need no escaping inside a fragment. */
function encodeId(id: string): string {
  return encodeURIComponent(id).replace(/%2F/gi, '/').replace(/%3A/gi, ':');
}

function decodeId(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function list(values: Iterable<string>): string {
  return [...values].map(encodeId).join(',');
}

function parseList(text: string | undefined): string[] {
  return text ? text.split(',').filter(Boolean).map(decodeId) : [];
}

const MONTH = /^\d{4}-\d{2}$/;

export function viewToHash(state: ViewState): string {
  const parts: string[] = [];
  const ids = [...state.nodes.keys()];
  const asOverview = state.overview !== null && ids.length > URL_NODE_LIMIT;
  if (asOverview) {
    parts.push(`o=${state.overview}`);
  } else if (ids.length) {
    parts.push(`n=${list(ids)}`);
    const positions = ids.map((id) => state.positions.get(id));
    if (positions.every(Boolean)) parts.push(`p=${positions.map((p) => `${Math.round(p!.x)}_${Math.round(p!.y)}`).join(',')}`);
  } else if (state.overview !== null) {
    parts.push(`o=${state.overview}`);
  }
  if (state.pinned.size && !asOverview) parts.push(`pin=${list(state.pinned)}`);
  if (state.selection) parts.push(`s=${state.selection.kind === 'node' ? 'n' : 'e'}:${encodeId(state.selection.id)}`);
  if (state.layout !== 'fcose') parts.push(`l=${state.layout}`);
  if (state.hiddenLabels.size) parts.push(`hl=${list(state.hiddenLabels)}`);
  if (state.hiddenTypes.size) parts.push(`ht=${list(state.hiddenTypes)}`);
  if (state.timeRange.from) parts.push(`from=${state.timeRange.from}`);
  if (state.timeRange.to) parts.push(`to=${state.timeRange.to}`);
  const panels = URL_PANELS.filter((name) => state.panels[name]);
  if (panels.length) parts.push(`panels=${panels.join(',')}`);
  return parts.length ? `#${parts.join('&')}` : '';
}

export function hashToView(hash: string): UrlView | null {
  const text = hash.replace(/^#/, '');
  if (!text) return null;
  const fields = new Map<string, string>();
  for (const part of text.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const nodes = fields.has('n') ? parseList(fields.get('n')) : null;
  const overviewNumber = Number(fields.get('o'));
  const overview = Number.isInteger(overviewNumber) && overviewNumber > 0 ? overviewNumber : null;
  if (!nodes && overview === null) return null;

  const positions = new Map<string, Point>();
  const rawPositions = fields.get('p')?.split(',') ?? [];
  if (nodes && rawPositions.length === nodes.length) {
    rawPositions.forEach((raw, i) => {
      const [x, y] = raw.split('_').map(Number);
      if (Number.isFinite(x) && Number.isFinite(y)) positions.set(nodes[i]!, { x: x!, y: y! });
    });
  }
  let selection: Selection = null;
  const rawSelection = fields.get('s');
  if (rawSelection && /^[ne]:/.test(rawSelection)) selection = { kind: rawSelection[0] === 'n' ? 'node' : 'edge', id: decodeId(rawSelection.slice(2)) };
  const layout = fields.get('l');
  const from = fields.get('from');
  const to = fields.get('to');
  return {
    nodes,
    overview,
    positions,
    pinned: parseList(fields.get('pin')),
    selection,
    hiddenLabels: parseList(fields.get('hl')),
    hiddenTypes: parseList(fields.get('ht')),
    timeRange: { from: from && MONTH.test(from) ? from : null, to: to && MONTH.test(to) ? to : null },
    layout: (LAYOUTS as readonly string[]).includes(layout ?? '') ? (layout as LayoutName) : 'fcose',
    panels: (fields.get('panels')?.split(',') ?? []).filter((p): p is PanelName => (URL_PANELS as readonly string[]).includes(p)),
  };
}

/** The URL parts whose change is a step in history; position-only changes replace the current entry. */
export function significantPart(hash: string): string {
  return hash.replace(/(^|&)p=[^&]*/, '');
}
