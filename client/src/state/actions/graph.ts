// The canvas edits several action groups make: adding and replacing nodes and edges (captioned), filling in the edges among them, their evidence.
import { fetchSubgraph, type Evidence, type Subgraph, type SubgraphWithEvidence, type WireEdge, type WireNode } from '../../api.ts';
import { captionNode, type ModelOverrides } from '../model.ts';
import type { Store, ViewState } from '../store.ts';
import { stylingFor } from '../styling.ts';
import type { Tracker } from './tracker.ts';

/** Above this many nodes the canvas does not ask for the edges among everything (the overview already has them). */
const COMPLETE_EDGES_LIMIT = 1000;

type Graph = Pick<ViewState, 'nodes' | 'edges'>;

/** The graph with these nodes and edges added; an edge whose ends are not both there is left out. */
export function withNodes(graph: Graph, nodes: Iterable<WireNode>, edges: Iterable<WireEdge>): Graph {
  const nextNodes = new Map(graph.nodes);
  for (const node of nodes) nextNodes.set(node.id, node);
  const nextEdges = new Map(graph.edges);
  for (const edge of edges) if (nextNodes.has(edge.source) && nextNodes.has(edge.target)) nextEdges.set(edge.id, edge);
  return { nodes: nextNodes, edges: nextEdges };
}

/** The view without these nodes, their edges, expansions, pins, and a selection that went with them. */
export function withoutNodes(state: ViewState, ids: ReadonlySet<string>): Partial<ViewState> {
  const nodes = new Map(state.nodes);
  for (const id of ids) nodes.delete(id);
  const edges = new Map([...state.edges].filter(([, e]) => !ids.has(e.source) && !ids.has(e.target)));
  const expansions = new Map([...state.expansions].filter(([id]) => !ids.has(id)));
  const pinned = new Set([...state.pinned].filter((id) => !ids.has(id)));
  const selection = state.selection && ((state.selection.kind === 'node' && ids.has(state.selection.id)) || (state.selection.kind === 'edge' && !edges.has(state.selection.id))) ? null : state.selection;
  return { nodes, edges, expansions, pinned, selection, overview: null };
}

/** A subgraph with evidence as the canvas holds it: the evidence goes to the store's evidence map, apart. */
export function withoutEvidence(graph: SubgraphWithEvidence): Subgraph {
  return { nodes: graph.nodes.map(({ evidence: _e, ...n }) => n), edges: graph.edges.map(({ evidence: _e, ...e }) => e) };
}

export class GraphEdits {
  constructor(
    private readonly store: Store,
    private readonly tracker: Tracker,
  ) {}

  private get state(): ViewState {
    return this.store.state;
  }

  /** A node with the caption the user chose for its label; `fresh`: as the server sent it. */
  caption(node: WireNode, fresh = true): WireNode {
    return captionNode(node, stylingFor(this.state.schema).displayLabel(node.labels), this.state.model, fresh);
  }

  captioned(nodes: Iterable<WireNode>): WireNode[] {
    return [...nodes].map((n) => this.caption(n));
  }

  /** The user's corrections to the inferred model: every node on the canvas is captioned again. */
  setModel(model: ModelOverrides): void {
    this.store.update({ model });
    const nodes = new Map([...this.state.nodes].map(([id, node]) => [id, this.caption(node, false)] as const));
    // A new time range object: the canvas filters again with the new dates.
    this.store.update({ nodes, timeRange: { ...this.state.timeRange } });
  }

  /** The store's evidence map with what this subgraph carries for its nodes and edges. */
  evidenceWith(graph: SubgraphWithEvidence): Map<string, Evidence[]> {
    const evidence = new Map(this.state.evidence);
    for (const item of [...graph.nodes, ...graph.edges]) evidence.set(item.id, item.evidence);
    return evidence;
  }

  /** Everything on the canvas becomes this graph, laid out afresh (the caller checkpoints when it is an undo step). */
  replace(graph: Subgraph, options: { overview?: number | null; evidence?: Map<string, Evidence[]> } = {}): void {
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

  /** Adds nodes and edges (one undo step), then fills in the edges among everything on the canvas. */
  add(graph: Subgraph, checkpoint = true): void {
    if (checkpoint) this.store.checkpoint();
    this.store.update({ ...withNodes(this.state, this.captioned(graph.nodes), graph.edges), overview: null, schemaView: false });
    void this.completeEdges();
  }

  /** Edges among the nodes on the canvas that no expansion brought (so a reloaded link draws the same view). */
  async completeEdges(): Promise<void> {
    const ids = [...this.state.nodes.keys()];
    if (!ids.length || ids.length > COMPLETE_EDGES_LIMIT) return;
    const found = await this.tracker.track(() => fetchSubgraph(ids));
    if (!found) return;
    const fresh = found.edges.filter((e) => !this.state.edges.has(e.id) && this.state.nodes.has(e.source) && this.state.nodes.has(e.target));
    const patch: Partial<ViewState> = { evidence: this.evidenceWith(found) };
    if (fresh.length) patch.edges = withNodes(this.state, [], fresh.map(({ evidence: _e, ...edge }) => edge)).edges;
    this.store.update(patch);
  }
}
