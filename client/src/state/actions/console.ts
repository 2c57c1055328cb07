// Actions of the Cypher console: a result's graph drawn on the canvas, replacing what is there or added to it.
import type { Subgraph } from '../../api.ts';
import { ActionGroup } from './group.ts';

export class ConsoleActions extends ActionGroup {
  /** A console result drawn on the canvas: replacing what is there, or added to it. One undo step. */
  showResult(graph: Subgraph, mode: 'replace' | 'add'): void {
    if (!graph.nodes.length) return;
    if (mode === 'add') {
      this.graph.add(graph);
      return;
    }
    this.store.checkpoint();
    this.graph.replace(graph);
    void this.graph.completeEdges();
  }
}
