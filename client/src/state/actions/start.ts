// Actions that open the page and follow its URL: the first load (schema, then the named view or the overview), retry, health, a link restored.
import { fetchOverview, fetchSchema, fetchSubgraph, type Subgraph } from '../../api.ts';
import { captionsToUrl, datesToUrl, isOurs } from '../model.ts';
import type { ViewState } from '../store.ts';
import type { UrlView } from '../url.ts';
import { firstScreen } from '../first-screen.ts';
import { DEFAULT_OVERVIEW } from './canvas.ts';
import { withNodes, withoutEvidence, withoutNodes } from './graph.ts';
import { ActionGroup } from './group.ts';

export class StartActions extends ActionGroup {
  /**
   * First load: the schema, then the view named by the URL, or the first screen the schema's counts call
   * for (first-screen.ts): the overview of a database that can be drawn whole, the schema view of one too
   * large for that (an overview of it would be a sample that says little).
   */
  async start(view: UrlView | null): Promise<void> {
    this.store.update({ phase: 'loading' });
    if (view) this.store.update({ model: view.model });
    const named = view && (view.nodes?.length || view.overview) ? view : null;
    const loaded = await this.track(async () => {
      // The schema first: which first screen to show, and the labels that captions follow, depend on it.
      const schemaValue = await fetchSchema().catch(() => null);
      this.store.update({ schema: schemaValue });
      if (!named && firstScreen(schemaValue, DEFAULT_OVERVIEW) === 'schema') return { graph: null };
      const graph = named ? await this.#fetchView(named) : await fetchOverview(DEFAULT_OVERVIEW);
      return { graph };
    });
    if (!loaded) {
      this.store.update({ phase: 'failed' });
      return;
    }
    if (!loaded.graph) this.store.update({ schemaView: true });
    else if (named) this.#applyView(named, loaded.graph);
    else this.graph.replace(loaded.graph, { overview: DEFAULT_OVERVIEW });
    this.store.update({ phase: 'ready' });
  }

  async retryStart(view: UrlView | null): Promise<void> {
    this.shared.tracker.dismiss();
    await this.start(view);
  }

  checkHealth(): Promise<void> {
    return this.shared.tracker.checkHealth();
  }

  async reloadSchema(): Promise<void> {
    const schema = await fetchSchema().catch(() => null);
    if (schema) this.store.update({ schema });
  }

  /** Back/forward or a pasted link: restores the view the URL names. */
  async restoreView(view: UrlView | null): Promise<void> {
    if (!view) {
      // Back to the first screen: the schema view of a database too large to draw whole, and of any we did not build.
      const schema = this.state.schema;
      const schemaView = firstScreen(schema, DEFAULT_OVERVIEW) === 'schema' || (!isOurs(schema) && (schema?.labels ?? []).some((l) => l.count > 0));
      this.store.update({ ...withoutNodes(this.state, new Set(this.state.nodes.keys())), selection: null, schemaView });
      return;
    }
    const sameNodes = view.nodes !== null && view.nodes.length === this.state.nodes.size && view.nodes.every((id) => this.state.nodes.has(id));
    const sameOverview = view.nodes === null && view.overview !== null && view.overview === this.state.overview;
    if (sameNodes || sameOverview) {
      this.#applyView(view, null);
      return;
    }
    const graph = await this.track(() => this.#fetchView(view));
    if (graph) this.#applyView(view, graph);
  }

  async #fetchView(view: UrlView): Promise<Subgraph> {
    if (view.nodes?.length) {
      const found = await fetchSubgraph(view.nodes);
      this.store.update({ evidence: this.graph.evidenceWith(found) });
      return withoutEvidence(found);
    }
    if (view.overview) return fetchOverview(view.overview);
    return { nodes: [], edges: [] };
  }

  #applyView(view: UrlView, graph: Subgraph | null): void {
    const current = this.state.model;
    if (captionsToUrl(view.model) !== captionsToUrl(current) || datesToUrl(view.model) !== datesToUrl(current)) this.graph.setModel(view.model);
    const patch: Partial<ViewState> = {
      hiddenLabels: new Set(view.hiddenLabels),
      hiddenTypes: new Set(view.hiddenTypes),
      timeRange: view.timeRange,
      panels: { ...this.state.panels, timeline: false, console: false, list: false, paths: false, ...Object.fromEntries(view.panels.map((p) => [p, true])) },
    };
    let nodes = this.state.nodes;
    let edges = this.state.edges;
    if (graph) {
      ({ nodes, edges } = withNodes({ nodes: new Map(), edges: new Map() }, this.graph.captioned(graph.nodes), graph.edges));
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
