// What the user can do to the view: the API calls behind each action and the store updates they make.
import {
  ApiError,
  fetchHealth,
  fetchSubgraph,
  fetchLabelTop,
  fetchNeighbors,
  fetchNode,
  fetchOverview,
  fetchPaths,
  fetchSchema,
  type DateProperty,
  type Evidence,
  type Subgraph,
  type TimelineEvent,
  type WireEdge,
  type WireNode,
} from '../api.ts';
import type { MetricName, MetricsResult } from '../metrics/names.ts';
import { visibleElements } from './filters.ts';
import { captionNode, captionsToUrl, datesToUrl, isOurs, type ModelOverrides } from './model.ts';
import { stylingFor } from './styling.ts';
import type { UrlView } from './url.ts';
import type { Expansion, LayoutName, PanelName, Point, Selection, SourceView, Store, TimeRange, ViewState } from './store.ts';

/** Relationships per expansion page: enough to see a node's surroundings, few enough to read. */
export const EXPAND_PAGE = 25;
export const DEFAULT_OVERVIEW = 300;
/** Above this many nodes the canvas does not ask for the edges among everything (the overview already has them). */
const COMPLETE_EDGES_LIMIT = 1000;

type Graph = Pick<ViewState, 'nodes' | 'edges'>;

function withNodes(graph: Graph, nodes: Iterable<WireNode>, edges: Iterable<WireEdge>): Graph {
  const nextNodes = new Map(graph.nodes);
  for (const node of nodes) nextNodes.set(node.id, node);
  const nextEdges = new Map(graph.edges);
  for (const edge of edges) if (nextNodes.has(edge.source) && nextNodes.has(edge.target)) nextEdges.set(edge.id, edge);
  return { nodes: nextNodes, edges: nextEdges };
}

function withoutNodes(state: ViewState, ids: ReadonlySet<string>): Partial<ViewState> {
  const nodes = new Map(state.nodes);
  for (const id of ids) nodes.delete(id);
  const edges = new Map([...state.edges].filter(([, e]) => !ids.has(e.source) && !ids.has(e.target)));
  const expansions = new Map([...state.expansions].filter(([id]) => !ids.has(id)));
  const pinned = new Set([...state.pinned].filter((id) => !ids.has(id)));
  const selection = state.selection && ((state.selection.kind === 'node' && ids.has(state.selection.id)) || (state.selection.kind === 'edge' && !edges.has(state.selection.id))) ? null : state.selection;
  return { nodes, edges, expansions, pinned, selection, overview: null };
}

/** Identifies a set of elements cheaply: counts plus a hash of the ids. */
function metricsKey(nodes: string[], edges: string[]): string {
  let hash = 2166136261;
  for (const id of [...nodes, '|', ...edges]) {
    for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
    hash = Math.imul(hash ^ 44, 16777619);
  }
  return `${nodes.length}:${edges.length}:${(hash >>> 0).toString(36)}`;
}

function message(error: unknown): { message: string; code?: string } {
  if (error instanceof ApiError) return { message: error.message, code: error.code };
  return { message: error instanceof Error ? error.message : String(error) };
}

export class Actions {
  constructor(private readonly store: Store) {}

  private get state(): ViewState {
    return this.store.state;
  }

  /** Counts the request as busy, and turns its failure into the error banner. */
  private async track<T>(work: () => Promise<T>): Promise<T | undefined> {
    this.store.update({ busy: this.state.busy + 1 });
    try {
      return await work();
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return undefined;
      this.store.update({ error: message(error) });
      if (error instanceof ApiError && (error.status === 503 || error.status === 0)) void this.checkHealth();
      return undefined;
    } finally {
      this.store.update({ busy: Math.max(0, this.state.busy - 1) });
    }
  }

  // ---- start, health, schema -------------------------------------------------------------

  /** First load: the schema and either the view named by the URL or the overview. */
  /**
   * First load: the schema, then the view named by the URL, or the whole graph of a database we built,
   * or the schema view of one someone else built (its shape is what orients a reader first; an
   * overview of a large foreign database would be a sample that says little).
   */
  async start(view: UrlView | null): Promise<void> {
    this.store.update({ phase: 'loading' });
    if (view) this.store.update({ model: view.model });
    const named = view && (view.nodes?.length || view.overview) ? view : null;
    const loaded = await this.track(async () => {
      // The schema first: which first screen to show, and the labels that captions follow, depend on it.
      const schemaValue = await fetchSchema().catch(() => null);
      this.store.update({ schema: schemaValue });
      const counts = (schemaValue?.labels ?? []).map((l) => l.count);
      const hasData = counts.some((c) => c > 0);
      // A foreign database small enough to draw whole opens on itself: its graph is its shape.
      const fitsWhole = counts.reduce((a, b) => a + b, 0) <= DEFAULT_OVERVIEW;
      if (!named && schemaValue && hasData && !fitsWhole && !isOurs(schemaValue)) return { graph: null };
      const graph = named ? await this.fetchView(named) : await fetchOverview(DEFAULT_OVERVIEW);
      return { graph };
    });
    if (!loaded) {
      this.store.update({ phase: 'failed' });
      return;
    }
    if (!loaded.graph) this.store.update({ schemaView: true });
    else if (named) this.applyView(named, loaded.graph);
    else this.replaceGraph(loaded.graph, { overview: DEFAULT_OVERVIEW });
    this.store.update({ phase: 'ready' });
  }

  // ---- the schema view and the inferred model -----------------------------------------------

  /** The schema view over the canvas (the toolbar's way back to the database's shape). */
  showSchema(): void {
    this.store.update({ schemaView: true });
  }

  hideSchema(): void {
    this.store.update({ schemaView: false });
  }

  /** A label chosen in the schema view: its most connected nodes with their links, on the canvas instead of the schema. */
  async openLabel(label: string, limit = 25): Promise<void> {
    const graph = await this.track(() => fetchLabelTop(label, limit));
    if (!graph) return;
    this.store.checkpoint();
    this.replaceGraph(graph);
    this.store.update({ schemaView: false, panels: { ...this.state.panels, list: true } });
    this.notify(graph.nodes.length ? `${label}: the ${graph.nodes.length} most connected nodes and ${graph.edges.length} relationships among them` : `No ${label} nodes`);
    void this.completeEdges();
  }

  /** The user's caption for a label (null: back to the inferred one); every node on the canvas follows. */
  setCaption(label: string, parts: string[] | null): void {
    const captions = new Map(this.state.model.captions);
    if (parts?.length) captions.set(label, parts);
    else captions.delete(label);
    this.setModel({ ...this.state.model, captions });
  }

  /** The user's date property for a label (null: not dated; undefined: back to the inferred one). */
  setDateProperty(label: string, date: DateProperty | null | undefined): void {
    const dates = new Map(this.state.model.dates);
    if (date === undefined) dates.delete(label);
    else dates.set(label, date);
    this.setModel({ ...this.state.model, dates });
  }

  private setModel(model: ModelOverrides): void {
    this.store.update({ model });
    const nodes = new Map([...this.state.nodes].map(([id, node]) => [id, this.caption(node, false)] as const));
    // A new time range object: the canvas filters again with the new dates.
    this.store.update({ nodes, timeRange: { ...this.state.timeRange } });
  }

  /** A node with the caption the user chose for its label; `fresh`: as the server sent it. */
  private caption(node: WireNode, fresh = true): WireNode {
    return captionNode(node, stylingFor(this.state.schema).displayLabel(node.labels), this.state.model, fresh);
  }

  private captioned(nodes: Iterable<WireNode>): WireNode[] {
    return [...nodes].map((n) => this.caption(n));
  }

  async retryStart(view: UrlView | null): Promise<void> {
    this.store.update({ error: null });
    await this.start(view);
  }

  async checkHealth(): Promise<void> {
    try {
      const health = await fetchHealth();
      const down = health.ok ? null : health.message || 'Neo4j is unreachable';
      const warming = health.warming ?? null;
      if (down !== this.state.neo4jDown || warming !== this.state.warming) this.store.update({ neo4jDown: down, warming });
    } catch (error) {
      const down = message(error).message;
      if (down !== this.state.neo4jDown) this.store.update({ neo4jDown: down });
    }
  }

  async reloadSchema(): Promise<void> {
    const schema = await fetchSchema().catch(() => null);
    if (schema) this.store.update({ schema });
  }

  // ---- the canvas contents ----------------------------------------------------------------

  private replaceGraph(graph: Subgraph, options: { overview?: number | null; evidence?: Map<string, Evidence[]> } = {}): void {
    const next = withNodes({ nodes: new Map(), edges: new Map() }, this.captioned(graph.nodes), graph.edges);
    this.store.update({
      ...next,
      positions: new Map(),
      expansions: new Map(),
      pinned: new Set(),
      selection: null,
      overview: options.overview ?? null,
      evidence: options.evidence ? new Map([...this.state.evidence, ...options.evidence]) : this.state.evidence,
      paths: { ...this.state.paths, result: null },
      layoutRev: this.state.layoutRev + 1,
      schemaView: false,
    });
  }

  async loadOverview(limit = DEFAULT_OVERVIEW): Promise<void> {
    const graph = await this.track(() => fetchOverview(limit));
    if (!graph) return;
    this.store.checkpoint();
    this.replaceGraph(graph, { overview: limit });
    this.notify(graph.truncated ? `Overview: ${graph.nodes.length} of ${graph.total} nodes` : `Overview: all ${graph.nodes.length} nodes`);
  }

  clearCanvas(): void {
    if (!this.state.nodes.size) return;
    this.store.checkpoint();
    this.store.update({ nodes: new Map(), edges: new Map(), positions: new Map(), expansions: new Map(), pinned: new Set(), selection: null, overview: null, paths: { ...this.state.paths, result: null } });
  }

  /** Adds nodes and edges (one undo step), then fills in the edges among everything on the canvas. */
  private addGraph(graph: Subgraph, checkpoint = true): void {
    if (checkpoint) this.store.checkpoint();
    this.store.update({ ...withNodes(this.state, this.captioned(graph.nodes), graph.edges), overview: null, schemaView: false });
    void this.completeEdges();
  }

  /** Edges among the nodes on the canvas that no expansion brought (so a reloaded link draws the same view). */
  private async completeEdges(): Promise<void> {
    const ids = [...this.state.nodes.keys()];
    if (!ids.length || ids.length > COMPLETE_EDGES_LIMIT) return;
    const induced = await this.track(() => fetchSubgraph(ids));
    if (!induced) return;
    const evidence = new Map(this.state.evidence);
    for (const item of [...induced.nodes, ...induced.edges]) evidence.set(item.id, item.evidence);
    const fresh = induced.edges.filter((e) => !this.state.edges.has(e.id) && this.state.nodes.has(e.source) && this.state.nodes.has(e.target));
    const patch: Partial<ViewState> = { evidence };
    if (fresh.length) patch.edges = withNodes(this.state, [], fresh.map(({ evidence: _e, ...edge }) => edge)).edges;
    this.store.update(patch);
  }

  /** Puts a node on the canvas (if it is not there) and selects it. */
  async showNode(id: string, node?: WireNode): Promise<void> {
    if (!this.state.nodes.has(id)) {
      const wire = node ?? (await this.track(() => fetchNode(id)))?.node;
      if (!wire) return;
      this.addGraph({ nodes: [wire], edges: [] });
    }
    this.select({ kind: 'node', id });
  }

  /** A relationship from a node's story: puts it (and its other end) on the canvas and selects it. One undo step. */
  showRelation(edge: WireEdge, ends: WireNode[], evidence?: Evidence[]): void {
    if (!this.state.edges.has(edge.id)) {
      const missing = ends.filter((n) => (n.id === edge.source || n.id === edge.target) && !this.state.nodes.has(n.id));
      this.addGraph({ nodes: missing, edges: [edge] });
    }
    if (evidence && !this.state.evidence.has(edge.id)) this.store.update({ evidence: new Map(this.state.evidence).set(edge.id, evidence) });
    if (this.state.edges.has(edge.id)) this.select({ kind: 'edge', id: edge.id });
  }

  /** One page of a node's neighbours; `more` continues after the last page, `types` narrows to relationship types. */
  async expand(id: string, options: { types?: string[] | null; more?: boolean } = {}): Promise<void> {
    const previous = this.state.expansions.get(id);
    const types = options.types ?? (options.more ? previous?.types ?? null : null);
    const sameQuery = previous && JSON.stringify(previous.types) === JSON.stringify(types);
    const offset = options.more && sameQuery ? previous.nextOffset ?? 0 : 0;
    const page = await this.track(() => fetchNeighbors(id, { types: types ?? undefined, limit: EXPAND_PAGE, offset }));
    if (!page) return;
    this.store.checkpoint();
    const expansions = new Map(this.state.expansions);
    const expansion: Expansion = { total: page.total, nextOffset: page.nextOffset, types };
    expansions.set(id, expansion);
    const nodes = this.state.nodes.has(id) ? page.nodes : [page.node, ...page.nodes];
    this.store.update({ ...withNodes(this.state, this.captioned(nodes), page.edges), expansions, overview: null });
    this.select({ kind: 'node', id });
    const added = page.nodes.filter((n) => n.id !== id).length;
    this.notify(page.total === 0 ? 'No relationships to expand' : `${added} neighbours, ${page.edges.length} relationships loaded (${Math.min(page.nextOffset ?? page.total, page.total)} of ${page.total})`);
    void this.completeEdges();
  }

  /** Removes the neighbours that hang only on this node (and are not pinned). */
  collapse(id: string): void {
    const state = this.state;
    const neighbours = new Map<string, Set<string>>();
    for (const edge of state.edges.values()) {
      neighbours.set(edge.source, (neighbours.get(edge.source) ?? new Set()).add(edge.target));
      neighbours.set(edge.target, (neighbours.get(edge.target) ?? new Set()).add(edge.source));
    }
    const leaves = new Set<string>();
    for (const other of neighbours.get(id) ?? []) {
      const around = neighbours.get(other) ?? new Set();
      if (other !== id && !state.pinned.has(other) && [...around].every((n) => n === id)) leaves.add(other);
    }
    if (!leaves.size) {
      this.notify('Nothing to collapse: every neighbour is connected elsewhere or pinned');
      return;
    }
    this.store.checkpoint();
    const patch = withoutNodes(state, leaves);
    const expansions = new Map(patch.expansions);
    expansions.delete(id);
    this.store.update({ ...patch, expansions });
    this.notify(`Collapsed ${leaves.size} neighbour${leaves.size === 1 ? '' : 's'}`);
  }

  hide(ids: string[]): void {
    const present = new Set(ids.filter((id) => this.state.nodes.has(id)));
    if (!present.size) return;
    this.store.checkpoint();
    this.store.update(withoutNodes(this.state, present));
  }

  togglePin(id: string): void {
    if (!this.state.nodes.has(id)) return;
    this.store.checkpoint();
    const pinned = new Set(this.state.pinned);
    if (!pinned.delete(id)) pinned.add(id);
    this.store.update({ pinned });
  }

  undo(): void {
    this.notify(this.store.undo() ? 'Undone' : 'Nothing to undo');
  }

  redo(): void {
    this.notify(this.store.redo() ? 'Redone' : 'Nothing to redo');
  }

  // ---- selection, layout, filters, panels --------------------------------------------------

  select(selection: Selection): void {
    const current = this.state.selection;
    if (current?.kind === selection?.kind && current?.id === selection?.id) return;
    this.store.update({ selection });
  }

  setLayout(layout: LayoutName): void {
    this.store.checkpoint();
    this.store.update({ layout, layoutRev: this.state.layoutRev + 1 });
  }

  rerunLayout(): void {
    this.store.checkpoint();
    this.store.update({ layoutRev: this.state.layoutRev + 1 });
  }

  /** kg-graph reports where things ended up, for undo and the URL. */
  reportPositions(positions: Map<string, Point>): void {
    this.store.update({ positions });
  }

  toggleLabel(label: string): void {
    const hiddenLabels = new Set(this.state.hiddenLabels);
    if (!hiddenLabels.delete(label)) hiddenLabels.add(label);
    this.store.update({ hiddenLabels });
  }

  toggleType(type: string): void {
    const hiddenTypes = new Set(this.state.hiddenTypes);
    if (!hiddenTypes.delete(type)) hiddenTypes.add(type);
    this.store.update({ hiddenTypes });
  }

  showAllTypes(): void {
    this.store.update({ hiddenLabels: new Set(), hiddenTypes: new Set() });
  }

  setTimeRange(range: TimeRange): void {
    let { from, to } = range;
    if (from && to && from > to) [from, to] = [to, from];
    this.store.update({ timeRange: { from, to } });
  }

  setPanel(name: PanelName, open: boolean): void {
    if (this.state.panels[name] === open) return;
    this.store.update({ panels: { ...this.state.panels, [name]: open } });
  }

  togglePanel(name: PanelName): void {
    this.setPanel(name, !this.state.panels[name]);
  }

  openSource(view: SourceView): void {
    this.store.update({ sourceView: view });
  }

  closeSource(): void {
    this.store.update({ sourceView: null });
  }

  notify(text: string | null): void {
    this.store.update({ notice: text });
  }

  dismissError(): void {
    this.store.update({ error: null });
  }

  setRenderer(renderer: 'canvas' | 'webgl'): void {
    if (renderer !== this.state.renderer) this.store.update({ renderer });
  }

  // ---- who matters ------------------------------------------------------------------------

  setSizeBy(sizeBy: MetricName | null): void {
    this.store.update({ metrics: { ...this.state.metrics, sizeBy } });
    void this.refreshMetrics();
  }

  setColorBy(colorBy: 'label' | 'community'): void {
    this.store.update({ metrics: { ...this.state.metrics, colorBy } });
    void this.refreshMetrics();
  }

  /** The metrics of what the canvas shows now, computed if they are not (exports carry them). */
  async currentMetrics(): Promise<MetricsResult | null> {
    const { nodes, edges } = visibleElements(this.state, stylingFor(this.state.schema));
    const key = metricsKey(nodes.map((n) => n.id), edges.map((e) => e.id));
    if (this.state.metrics.key === key && this.state.metrics.result) return this.state.metrics.result;
    const { metricsFor } = await import('../metrics/run.ts');
    return metricsFor({ nodes: nodes.map((n) => n.id), edges: edges.map((e) => ({ source: e.source, target: e.target })) }).catch(() => null);
  }

  /** Are metrics shown anywhere (sizes, community colours, the list view's table)? */
  get metricsWanted(): boolean {
    const { metrics, panels } = this.state;
    return metrics.sizeBy !== null || metrics.colorBy === 'community' || panels.list;
  }

  /** Computes the metrics of what the canvas shows (after filters) when they are wanted and out of date. */
  async refreshMetrics(): Promise<void> {
    if (!this.metricsWanted) return;
    const { nodes, edges } = visibleElements(this.state, stylingFor(this.state.schema));
    const key = metricsKey(nodes.map((n) => n.id), edges.map((e) => e.id));
    const current = this.state.metrics;
    if (current.key === key && (current.result || current.computing)) return;
    this.store.update({ metrics: { ...current, key, computing: true } });
    try {
      // graphology loads with the first metrics asked for: the first page stays light.
      const { metricsFor } = await import('../metrics/run.ts');
      const result = await metricsFor({ nodes: nodes.map((n) => n.id), edges: edges.map((e) => ({ source: e.source, target: e.target })) });
      if (this.state.metrics.key !== key) return;
      this.store.update({ metrics: { ...this.state.metrics, result, computing: false } });
    } catch (error) {
      if (this.state.metrics.key !== key) return;
      this.store.update({ metrics: { ...this.state.metrics, computing: false }, error: message(error) });
    }
  }

  // ---- evidence -----------------------------------------------------------------------------

  /** Evidence of an edge (or node) on the canvas, loaded with its subgraph when not yet known. */
  async loadEvidence(id: string): Promise<void> {
    if (this.state.evidence.has(id)) return;
    const edge = this.state.edges.get(id);
    const ids = edge ? [edge.source, edge.target] : [id];
    const induced = await this.track(() => fetchSubgraph(ids));
    if (!induced) return;
    const evidence = new Map(this.state.evidence);
    for (const item of [...induced.nodes, ...induced.edges]) evidence.set(item.id, item.evidence);
    if (!evidence.has(id)) evidence.set(id, []);
    this.store.update({ evidence });
  }

  // ---- paths ------------------------------------------------------------------------------

  setPathEnd(end: 'from' | 'to', id: string | null): void {
    this.store.update({ paths: { ...this.state.paths, [end]: id, result: null }, panels: { ...this.state.panels, paths: true } });
  }

  setPathLength(maxLength: number): void {
    this.store.update({ paths: { ...this.state.paths, maxLength } });
  }

  async findPaths(): Promise<void> {
    const { from, to, maxLength } = this.state.paths;
    if (!from || !to) return;
    this.store.update({ paths: { ...this.state.paths, searching: true, result: null } });
    const found = await this.track(() => fetchPaths(from, to, maxLength));
    if (!found) {
      this.store.update({ paths: { ...this.state.paths, searching: false } });
      return;
    }
    const nodes = found.paths.flatMap((p) => p.nodes);
    const edges = found.paths.flatMap((p) => p.edges);
    const missing = nodes.some((n) => !this.state.nodes.has(n.id)) || edges.some((e) => !this.state.edges.has(e.id));
    if (missing) this.addGraph({ nodes, edges });
    const result = found.paths.map((p) => ({ nodes: p.nodes.map((n) => n.id), edges: p.edges.map((e) => e.id) }));
    this.store.update({ paths: { ...this.state.paths, searching: false, result } });
    this.notify(result.length ? `${result.length} shortest path${result.length === 1 ? '' : 's'} of length ${found.paths[0]?.length ?? ''}` : `No path of at most ${maxLength} steps`);
  }

  clearPaths(): void {
    this.store.update({ paths: { ...this.state.paths, result: null } });
  }

  // ---- timeline and console ---------------------------------------------------------------

  /** Selects a timeline event on the canvas, bringing it (and its participants) there first if needed. */
  async selectEvent(event: TimelineEvent): Promise<void> {
    if (event.kind === 'node') {
      await this.showNode(event.id);
      return;
    }
    if (!this.state.edges.has(event.id)) {
      const ids = [...new Set(event.participants.map((p) => p.id))];
      const induced = await this.track(() => fetchSubgraph(ids));
      if (!induced) return;
      const edge = induced.edges.find((e) => e.id === event.id);
      this.addGraph({ nodes: induced.nodes.map(({ evidence: _e, ...n }) => n), edges: edge ? [edge] : [] });
    }
    if (this.state.edges.has(event.id)) this.select({ kind: 'edge', id: event.id });
  }

  /** A console result drawn on the canvas: replacing what is there, or added to it. One undo step. */
  showResult(graph: Subgraph, mode: 'replace' | 'add'): void {
    if (!graph.nodes.length) return;
    if (mode === 'add') {
      this.addGraph(graph);
      return;
    }
    this.store.checkpoint();
    this.replaceGraph(graph);
    void this.completeEdges();
  }

  // ---- the URL ------------------------------------------------------------------------------

  private async fetchView(view: UrlView): Promise<Subgraph> {
    if (view.nodes && view.nodes.length) {
      const induced = await fetchSubgraph(view.nodes);
      const evidence = new Map(this.state.evidence);
      for (const item of [...induced.nodes, ...induced.edges]) evidence.set(item.id, item.evidence);
      this.store.update({ evidence });
      return { nodes: induced.nodes.map(({ evidence: _e, ...n }) => n), edges: induced.edges.map(({ evidence: _e, ...e }) => e) };
    }
    if (view.overview) return fetchOverview(view.overview);
    return { nodes: [], edges: [] };
  }

  /** Back/forward or a pasted link: restores the view the URL names. */
  async restoreView(view: UrlView | null): Promise<void> {
    if (!view) {
      // Back to the first screen: on a database we did not build, that is its schema view.
      const schemaView = !isOurs(this.state.schema) && (this.state.schema?.labels ?? []).some((l) => l.count > 0);
      this.store.update({ ...withoutNodes(this.state, new Set(this.state.nodes.keys())), selection: null, schemaView });
      return;
    }
    const sameNodes = view.nodes !== null && view.nodes.length === this.state.nodes.size && view.nodes.every((id) => this.state.nodes.has(id));
    const sameOverview = view.nodes === null && view.overview !== null && view.overview === this.state.overview;
    if (sameNodes || sameOverview) {
      this.applyView(view, null);
      return;
    }
    const graph = await this.track(() => this.fetchView(view));
    if (graph) this.applyView(view, graph);
  }

  private applyView(view: UrlView, graph: Subgraph | null): void {
    const current = this.state.model;
    if (captionsToUrl(view.model) !== captionsToUrl(current) || datesToUrl(view.model) !== datesToUrl(current)) this.setModel(view.model);
    const patch: Partial<ViewState> = {
      hiddenLabels: new Set(view.hiddenLabels),
      hiddenTypes: new Set(view.hiddenTypes),
      timeRange: view.timeRange,
      panels: { ...this.state.panels, timeline: false, console: false, list: false, paths: false, ...Object.fromEntries(view.panels.map((p) => [p, true])) },
    };
    let nodes = this.state.nodes;
    let edges = this.state.edges;
    if (graph) {
      ({ nodes, edges } = withNodes({ nodes: new Map(), edges: new Map() }, this.captioned(graph.nodes), graph.edges));
      Object.assign(patch, { nodes, edges, expansions: new Map(), overview: view.nodes ? null : view.overview, paths: { ...this.state.paths, result: null } });
    }
    patch.pinned = new Set(view.pinned.filter((id) => nodes.has(id)));
    const sel = view.selection;
    patch.selection = sel && (sel.kind === 'node' ? nodes : edges).has(sel.id) ? sel : null;
    const everyPlaced = nodes.size > 0 && [...nodes.keys()].every((id) => view.positions.has(id));
    const layoutChanged = view.layout !== this.state.layout;
    patch.layout = view.layout;
    if (everyPlaced) {
      const samePositions = !graph && [...view.positions].every(([id, p]) => {
        const q = this.state.positions.get(id);
        return q && Math.round(q.x) === p.x && Math.round(q.y) === p.y;
      });
      if (!samePositions) Object.assign(patch, { positions: view.positions, positionsRev: this.state.positionsRev + 1 });
    } else if (graph || layoutChanged) {
      Object.assign(patch, { positions: new Map(), layoutRev: this.state.layoutRev + 1 });
    }
    this.store.update(patch);
  }
}
