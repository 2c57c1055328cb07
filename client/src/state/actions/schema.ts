// Actions of the schema view and the inferred model: the database's shape over the canvas, a label's top nodes, the user's captions and dates.
import { fetchLabelTop, type DateProperty } from '../../api.ts';
import { ActionGroup, type Shared } from './group.ts';
import type { ViewActions } from './view.ts';

export class SchemaActions extends ActionGroup {
  constructor(
    shared: Shared,
    private readonly view: ViewActions,
  ) {
    super(shared);
  }

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
    this.graph.replace(graph);
    this.store.update({ schemaView: false, panels: { ...this.state.panels, list: true } });
    this.view.notify(graph.nodes.length ? `${label}: the ${graph.nodes.length} most connected nodes and ${graph.edges.length} relationships among them` : `No ${label} nodes`);
    void this.graph.completeEdges();
  }

  /** The user's caption for a label (null: back to the inferred one); every node on the canvas follows. */
  setCaption(label: string, parts: string[] | null): void {
    const captions = new Map(this.state.model.captions);
    if (parts?.length) captions.set(label, parts);
    else captions.delete(label);
    this.graph.setModel({ ...this.state.model, captions });
  }

  /** The user's date property for a label (null: not dated; undefined: back to the inferred one). */
  setDateProperty(label: string, date: DateProperty | null | undefined): void {
    const dates = new Map(this.state.model.dates);
    if (date === undefined) dates.delete(label);
    else dates.set(label, date);
    this.graph.setModel({ ...this.state.model, dates });
  }
}
