// Actions of "who matters": what sizes and colours the nodes, and the metrics of what the canvas shows, computed off the main thread.
import type { MetricName, MetricsResult } from '../../metrics/names.ts';
import { visibleElements } from '../filters.ts';
import { stylingFor } from '../styling.ts';
import { ActionGroup } from './group.ts';

/** Identifies a set of elements cheaply: counts plus a hash of the ids. */
function metricsKey(nodes: string[], edges: string[]): string {
  let hash = 2166136261;
  for (const id of [...nodes, '|', ...edges]) {
    for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
    hash = Math.imul(hash ^ 44, 16777619);
  }
  return `${nodes.length}:${edges.length}:${(hash >>> 0).toString(36)}`;
}

export class MetricsActions extends ActionGroup {
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
    const { metricsFor } = await import('../../metrics/run.ts');
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
      const { metricsFor } = await import('../../metrics/run.ts');
      const result = await metricsFor({ nodes: nodes.map((n) => n.id), edges: edges.map((e) => ({ source: e.source, target: e.target })) });
      if (this.state.metrics.key !== key) return;
      this.store.update({ metrics: { ...this.state.metrics, result, computing: false } });
    } catch (error) {
      if (this.state.metrics.key !== key) return;
      this.store.update({ metrics: { ...this.state.metrics, computing: false } });
      this.shared.tracker.fail(error);
    }
  }
}
