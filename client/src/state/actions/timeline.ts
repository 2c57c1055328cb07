// Actions of the timeline panel: an event chosen in it is selected on the canvas, brought there first if needed.
import { fetchSubgraph, type TimelineEvent } from '../../api.ts';
import type { CanvasActions } from './canvas.ts';
import { withoutEvidence } from './graph.ts';
import { ActionGroup, type Shared } from './group.ts';
import type { ViewActions } from './view.ts';

export class TimelineActions extends ActionGroup {
  constructor(
    shared: Shared,
    private readonly canvas: CanvasActions,
    private readonly view: ViewActions,
  ) {
    super(shared);
  }

  /** Selects a timeline event on the canvas, bringing it (and its participants) there first if needed. */
  async selectEvent(event: TimelineEvent): Promise<void> {
    if (event.kind === 'node') {
      await this.canvas.showNode(event.id);
      return;
    }
    if (!this.state.edges.has(event.id)) {
      const ids = [...new Set(event.participants.map((p) => p.id))];
      const found = await this.track(() => fetchSubgraph(ids));
      if (!found) return;
      const { nodes, edges } = withoutEvidence(found);
      const edge = edges.find((e) => e.id === event.id);
      this.graph.add({ nodes, edges: edge ? [edge] : [] });
    }
    if (this.state.edges.has(event.id)) this.view.select({ kind: 'edge', id: event.id });
  }
}
