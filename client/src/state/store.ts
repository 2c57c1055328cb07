// The one store of the explorer's view: what is on the canvas, selection, filters, layout, time range, panels; with undo/redo, and the data fetched for it.
import type { Evidence, GraphSchema, WireEdge, WireNode } from '../api.ts';
import type { MetricName, MetricsResult } from '../metrics/names.ts';
import { FetchedData, type Invalidation } from './fetched.ts';
import { NO_OVERRIDES, type ModelOverrides } from './model.ts';
import { DEFAULT_VISIBILITY, type FactVisibility } from './record.ts';
import { initialSession, NO_RATE_LIMITS, type RateLimits, type SessionState } from './session.ts';

export const LAYOUTS = ['fcose', 'concentric', 'breadthfirst', 'grid'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export interface Point {
  x: number;
  y: number;
}

export type Selection = { kind: 'node' | 'edge'; id: string } | null;

/** How far a node's neighbours have been loaded; drives the "N more" control. */
export interface Expansion {
  total: number;
  nextOffset: number | null;
  types: string[] | null;
}

/** Months as 'YYYY-MM'; null leaves that end open. */
export interface TimeRange {
  from: string | null;
  to: string | null;
}

export interface Panels {
  timeline: boolean;
  console: boolean;
  list: boolean;
  paths: boolean;
  help: boolean;
  /** The administration dialog (admins: users, grants, sessions, audit trail). */
  admin: boolean;
  /** The dialog that adds a source with its text (editors). */
  addSource: boolean;
  /** The list of proposed facts to review (reviewers and editors). */
  review: boolean;
}
export type PanelName = keyof Panels;

export interface SourceView {
  sourceId: string;
  quote: string;
  start?: number;
  end?: number;
}

/** The last write the page made, for its toast's Undo: reverting `revision` of fact `factId`. */
export interface LastWrite {
  factId: string;
  revision: number;
  text: string;
}

export interface PathState {
  from: string | null;
  to: string | null;
  maxLength: number;
  /** Result of the last search: each path as ordered node and edge ids. */
  result: { nodes: string[]; edges: string[] }[] | null;
  searching: boolean;
}

/** Who matters: what sizes and colours the nodes, and the metrics of the visible canvas. */
export interface MetricsState {
  sizeBy: MetricName | null;
  colorBy: 'label' | 'community';
  /** The metrics of `key`'s elements; stale when the canvas or the filters changed since. */
  result: MetricsResult | null;
  key: string;
  computing: boolean;
}

export interface ViewState {
  schema: GraphSchema | null;
  nodes: ReadonlyMap<string, WireNode>;
  edges: ReadonlyMap<string, WireEdge>;
  /** Evidence known so far per node or edge id (edges carry none on the wire outside the JSON export). */
  evidence: ReadonlyMap<string, Evidence[]>;
  /** Last known canvas positions; kg-graph reports them after layouts and drags. */
  positions: ReadonlyMap<string, Point>;
  /** Bumped when positions must be applied to the canvas (undo, URL restore). */
  positionsRev: number;
  pinned: ReadonlySet<string>;
  selection: Selection;
  hiddenLabels: ReadonlySet<string>;
  hiddenTypes: ReadonlySet<string>;
  timeRange: TimeRange;
  layout: LayoutName;
  /** Bumped to ask kg-graph to run the layout over everything. */
  layoutRev: number;
  expansions: ReadonlyMap<string, Expansion>;
  paths: PathState;
  panels: Panels;
  sourceView: SourceView | null;
  /** The overview size when the canvas shows an unmodified overview (keeps large views out of the URL). */
  overview: number | null;
  /** Requests in flight. */
  busy: number;
  /** The first load state of the page. */
  phase: 'loading' | 'ready' | 'failed';
  error: { message: string; code?: string } | null;
  notice: string | null;
  neo4jDown: string | null;
  /** The server's reason while it warms up after a start (health 'warming'); answers may be slow meanwhile. */
  warming: string | null;
  renderer: 'canvas' | 'webgl';
  metrics: MetricsState;
  /** The schema view (labels and relationship types of the database) covers the canvas: the first screen of a database we did not build. */
  schemaView: boolean;
  /** The user's corrections to the inferred model (captions, date properties), kept in the URL. */
  model: ModelOverrides;
  /** Bumped by `Store.invalidate`: what components fetched (details, stories, timelines) is to be fetched again. */
  dataRev: number;
  /** Who uses the page and what they may open (state/session.ts); asked before anything else. */
  session: SessionState;
  /** The server's 429s still being waited out: search's in its box's place, the others in the banner. */
  rateLimits: RateLimits;
  /** What reads are asked to show besides accepted facts (state/record.ts; the X-Show-Facts header follows it). */
  facts: FactVisibility;
  /** The last write, offered for undo until the next one (or until its toast is closed). */
  lastWrite: LastWrite | null;
  /** Proposed facts the user may review (GET /api/review's total); null until asked, or when they review nothing. */
  reviewTotal: number | null;
}

/** The parts of the view that undo and redo restore. */
export interface Snapshot {
  nodes: ViewState['nodes'];
  edges: ViewState['edges'];
  positions: ViewState['positions'];
  pinned: ViewState['pinned'];
  layout: LayoutName;
  expansions: ViewState['expansions'];
  overview: number | null;
  selection: Selection;
}

export function initialState(): ViewState {
  return {
    schema: null,
    nodes: new Map(),
    edges: new Map(),
    evidence: new Map(),
    positions: new Map(),
    positionsRev: 0,
    pinned: new Set(),
    selection: null,
    hiddenLabels: new Set(),
    hiddenTypes: new Set(),
    timeRange: { from: null, to: null },
    layout: 'fcose',
    layoutRev: 0,
    expansions: new Map(),
    paths: { from: null, to: null, maxLength: 4, result: null, searching: false },
    panels: { timeline: false, console: false, list: false, paths: false, help: false, admin: false, addSource: false, review: false },
    sourceView: null,
    overview: null,
    busy: 0,
    phase: 'loading',
    error: null,
    notice: null,
    neo4jDown: null,
    warming: null,
    renderer: 'canvas',
    metrics: { sizeBy: null, colorBy: 'label', result: null, key: '', computing: false },
    schemaView: false,
    model: NO_OVERRIDES,
    dataRev: 0,
    session: initialSession(),
    rateLimits: NO_RATE_LIMITS,
    facts: DEFAULT_VISIBILITY,
    lastWrite: null,
    reviewTotal: null,
  };
}

type Listener = (state: ViewState, previous: ViewState) => void;

const HISTORY_LIMIT = 100;

export class Store {
  private current: ViewState = initialState();
  private readonly listeners = new Set<Listener>();
  private readonly undoStack: Snapshot[] = [];
  private readonly redoStack: Snapshot[] = [];
  /** The one place that holds what the page fetched beside the view (the evidence map is in the state itself). */
  readonly data = new FetchedData();

  get state(): ViewState {
    return this.current;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces parts of the state; listeners run synchronously with the old and new state. */
  update(patch: Partial<ViewState>): void {
    const previous = this.current;
    this.current = { ...previous, ...patch };
    for (const listener of [...this.listeners]) listener(this.current, previous);
  }

  /**
   * After a write: forgets the fetched data it may have changed (FetchedData.invalidate says which) and
   * the evidence known for those ids; components that read fetched data ask again (`dataRev`).
   * Nothing named: everything.
   */
  invalidate(scope?: Invalidation): void {
    this.data.invalidate(scope);
    const ids = new Set(scope?.ids ?? []);
    const evidence = !scope ? new Map() : ids.size ? new Map([...this.current.evidence].filter(([id]) => !ids.has(id))) : this.current.evidence;
    this.update({ evidence, dataRev: this.current.dataRev + 1 });
  }

  snapshot(): Snapshot {
    const s = this.current;
    return { nodes: s.nodes, edges: s.edges, positions: s.positions, pinned: s.pinned, layout: s.layout, expansions: s.expansions, overview: s.overview, selection: s.selection };
  }

  /** Records the current view as an undo step; call before an undoable change. */
  checkpoint(): void {
    this.undoStack.push(this.snapshot());
    if (this.undoStack.length > HISTORY_LIMIT) this.undoStack.shift();
    this.redoStack.length = 0;
  }

  undo(): boolean {
    return this.step(this.undoStack, this.redoStack);
  }

  redo(): boolean {
    return this.step(this.redoStack, this.undoStack);
  }

  /** Restores the newest view of `from`, keeping the present one on `to` (undo and redo mirror each other). */
  private step(from: typeof this.undoStack, to: typeof this.undoStack): boolean {
    const view = from.pop();
    if (!view) return false;
    to.push(this.snapshot());
    this.restore(view);
    return true;
  }

  private restore(snapshot: Snapshot): void {
    const selection = snapshot.selection && (snapshot.selection.kind === 'node' ? snapshot.nodes : snapshot.edges).has(snapshot.selection.id) ? snapshot.selection : null;
    this.update({ ...snapshot, selection, positionsRev: this.current.positionsRev + 1, paths: { ...this.current.paths, result: null } });
  }
}
