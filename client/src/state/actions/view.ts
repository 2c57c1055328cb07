// Actions on how the view looks, with no request: selection, layout, filters and time range, panels, the source dialog, notices.
import type { LayoutName, PanelName, Point, Selection, SourceView, TimeRange } from '../store.ts';
import { ActionGroup } from './group.ts';

export class ViewActions extends ActionGroup {
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
    this.shared.tracker.dismiss();
  }

  setRenderer(renderer: 'canvas' | 'webgl'): void {
    if (renderer !== this.state.renderer) this.store.update({ renderer });
  }
}
