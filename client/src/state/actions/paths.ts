// Actions of the paths panel: the two ends, the longest path asked for, the search and its highlight.
import { fetchPaths } from '../../api.ts';
import { ActionGroup, type Shared } from './group.ts';
import type { ViewActions } from './view.ts';

export class PathActions extends ActionGroup {
  constructor(
    shared: Shared,
    private readonly view: ViewActions,
  ) {
    super(shared);
  }

  setPathEnd(end: 'from' | 'to', id: string | null): void {
    this.store.update({ paths: { ...this.state.paths, [end]: id, result: null }, panels: { ...this.state.panels, paths: true } });
  }

  setPathLength(maxLength: number): void {
    this.store.update({ paths: { ...this.state.paths, maxLength } });
  }

  /** The shortest paths between the two ends, put on the canvas (one undo step when they bring something new) and highlighted. */
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
    if (missing) this.graph.add({ nodes, edges });
    const result = found.paths.map((p) => ({ nodes: p.nodes.map((n) => n.id), edges: p.edges.map((e) => e.id) }));
    this.store.update({ paths: { ...this.state.paths, searching: false, result } });
    this.view.notify(result.length ? `${result.length} shortest path${result.length === 1 ? '' : 's'} of length ${found.paths[0]?.length ?? ''}` : `No path of at most ${maxLength} steps`);
  }

  clearPaths(): void {
    this.store.update({ paths: { ...this.state.paths, result: null } });
  }
}
