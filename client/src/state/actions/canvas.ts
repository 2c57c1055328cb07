// Actions on what the canvas holds: the overview, showing a node or relationship, expanding and collapsing, hiding, pins, undo, evidence.
import { fetchNeighbors, fetchNode, fetchOverview, fetchSubgraph, type Evidence, type WireEdge, type WireNode } from '../../api.ts';
import type { Expansion } from '../store.ts';
import { withNodes, withoutNodes } from './graph.ts';
import { ActionGroup, type Shared } from './group.ts';
import type { ViewActions } from './view.ts';

/** Relationships per expansion page: enough to see a node's surroundings, few enough to read. */
export const EXPAND_PAGE = 25;
export const DEFAULT_OVERVIEW = 300;

export class CanvasActions extends ActionGroup {
  constructor(
    shared: Shared,
    private readonly view: ViewActions,
  ) {
    super(shared);
  }

  async loadOverview(limit = DEFAULT_OVERVIEW): Promise<void> {
    const graph = await this.track(() => fetchOverview(limit));
    if (!graph) return;
    this.store.checkpoint();
    this.graph.replace(graph, { overview: limit });
    this.view.notify(graph.truncated ? `Overview: ${graph.nodes.length} of ${graph.total} nodes` : `Overview: all ${graph.nodes.length} nodes`);
  }

  clearCanvas(): void {
    if (!this.state.nodes.size) return;
    this.store.checkpoint();
    this.store.update({ nodes: new Map(), edges: new Map(), positions: new Map(), expansions: new Map(), pinned: new Set(), selection: null, overview: null, paths: { ...this.state.paths, result: null } });
  }

  /** Puts a node on the canvas (if it is not there) and selects it. */
  async showNode(id: string, node?: WireNode): Promise<void> {
    if (!this.state.nodes.has(id)) {
      const wire = node ?? (await this.track(() => fetchNode(id)))?.node;
      if (!wire) return;
      this.graph.add({ nodes: [wire], edges: [] });
    }
    this.view.select({ kind: 'node', id });
  }

  /** A relationship from a node's story: puts it (and its other end) on the canvas and selects it. One undo step. */
  showRelation(edge: WireEdge, ends: WireNode[], evidence?: Evidence[]): void {
    if (!this.state.edges.has(edge.id)) {
      const missing = ends.filter((n) => (n.id === edge.source || n.id === edge.target) && !this.state.nodes.has(n.id));
      this.graph.add({ nodes: missing, edges: [edge] });
    }
    if (evidence && !this.state.evidence.has(edge.id)) this.store.update({ evidence: new Map(this.state.evidence).set(edge.id, evidence) });
    if (this.state.edges.has(edge.id)) this.view.select({ kind: 'edge', id: edge.id });
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
    this.store.update({ ...withNodes(this.state, this.graph.captioned(nodes), page.edges), expansions, overview: null });
    this.view.select({ kind: 'node', id });
    const added = page.nodes.filter((n) => n.id !== id).length;
    this.view.notify(page.total === 0 ? 'No relationships to expand' : `${added} neighbours, ${page.edges.length} relationships loaded (${Math.min(page.nextOffset ?? page.total, page.total)} of ${page.total})`);
    void this.graph.completeEdges();
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
      this.view.notify('Nothing to collapse: every neighbour is connected elsewhere or pinned');
      return;
    }
    this.store.checkpoint();
    const patch = withoutNodes(state, leaves);
    const expansions = new Map(patch.expansions);
    expansions.delete(id);
    this.store.update({ ...patch, expansions });
    this.view.notify(`Collapsed ${leaves.size} neighbour${leaves.size === 1 ? '' : 's'}`);
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
    this.view.notify(this.store.undo() ? 'Undone' : 'Nothing to undo');
  }

  redo(): void {
    this.view.notify(this.store.redo() ? 'Redone' : 'Nothing to redo');
  }

  /** Evidence of an edge (or node) on the canvas, loaded with the subgraph of its ends when not yet known. */
  async loadEvidence(id: string): Promise<void> {
    if (this.state.evidence.has(id)) return;
    const edge = this.state.edges.get(id);
    const ids = edge ? [edge.source, edge.target] : [id];
    const found = await this.track(() => fetchSubgraph(ids));
    if (!found) return;
    const evidence = this.graph.evidenceWith(found);
    if (!evidence.has(id)) evidence.set(id, []);
    this.store.update({ evidence });
  }
}
