// The view in the URL's hash, so a copied link restores it and back/forward walk through view changes.
import { decodeView, encodeView } from './compact.ts';
import { captionsToUrl, datesToUrl, modelFromUrl, NO_OVERRIDES, type ModelOverrides } from './model.ts';
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
  /** The user's corrections to the inferred model: a shared link looks the same. */
  model: ModelOverrides;
}

/** Beyond this length the nodes and positions go in the compact `z=` form (compact.ts). */
export const COMPACT_ABOVE = 1500;

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
  if (state.model.captions.size) parts.push(`cap=${captionsToUrl(state.model)}`);
  if (state.model.dates.size) parts.push(`dt=${datesToUrl(state.model)}`);
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
  const model = fields.has('cap') || fields.has('dt') ? modelFromUrl(fields.get('cap'), fields.get('dt')) : NO_OVERRIDES;
  if (!nodes && overview === null && model === NO_OVERRIDES) return null;

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
    model,
  };
}

function splitFields(hash: string): string[] {
  const text = hash.replace(/^#/, '');
  return text ? text.split('&') : [];
}

/** A hash too long to share, with its nodes and positions put in the compact `z=` form; a short one as it is. */
export async function shortHash(hash: string): Promise<string> {
  if (hash.length <= COMPACT_ABOVE) return hash;
  const parts = splitFields(hash);
  const nodes = parts.find((p) => p.startsWith('n='));
  if (!nodes) return hash;
  const ids = parseList(nodes.slice(2));
  const rawPositions = parts.find((p) => p.startsWith('p='))?.slice(2).split(',') ?? [];
  const positions = rawPositions.length === ids.length ? rawPositions.map((raw) => {
    const [x = 0, y = 0] = raw.split('_').map(Number);
    return { x, y };
  }) : null;
  const z = await encodeView(ids, positions);
  const rest = parts.filter((p) => !p.startsWith('n=') && !p.startsWith('p='));
  return `#${[`z=${z}`, ...rest].join('&')}`;
}

/** The hash with a compact `z=` part unfolded into `n=` and `p=` (what hashToView reads); unreadable data is dropped. */
export async function expandHash(hash: string): Promise<string> {
  const parts = splitFields(hash);
  const z = parts.find((p) => p.startsWith('z='));
  if (!z) return hash;
  const rest = parts.filter((p) => !p.startsWith('z='));
  try {
    const { ids, positions } = await decodeView(z.slice(2));
    const unfolded = [`n=${list(ids)}`];
    if (positions) unfolded.push(`p=${positions.map((p) => `${p.x}_${p.y}`).join(',')}`);
    return `#${[...unfolded, ...rest].join('&')}`;
  } catch {
    return rest.length ? `#${rest.join('&')}` : '';
  }
}

/** The view a URL's hash names, compact or not. */
export async function readView(hash: string): Promise<UrlView | null> {
  return hashToView(await expandHash(hash));
}

/** The URL parts whose change is a step in history; position-only changes replace the current entry. */
export function significantPart(hash: string): string {
  return hash.replace(/(^|&)p=[^&]*/, '');
}
