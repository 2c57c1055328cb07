// Store to Cytoscape: adds, updates and removes elements, and mirrors filters, pins, paths and selection, all inside one cy.batch().
import type { Core, ElementDefinition } from 'cytoscape';
import { edgeVisible, nodeVisible } from '../state/filters.ts';
import type { Point, ViewState } from '../state/store.ts';
import { groupColor, stylingFor, type Styling } from '../state/styling.ts';

/** What changed between the state last mirrored and this one. */
export function graphChanged(before: ViewState | undefined, state: ViewState): boolean {
  return !before || before.nodes !== state.nodes || before.edges !== state.edges || before.schema !== state.schema || before.expansions !== state.expansions;
}

function metricsChanged(before: ViewState | undefined, state: ViewState): boolean {
  const a = before?.metrics;
  const b = state.metrics;
  return !a || a.sizeBy !== b.sizeBy || a.colorBy !== b.colorBy || a.result !== b.result;
}

/** Node size in pixels: 30 by default; sized by a metric, 16 to 64 by the square root of its share of the maximum (area follows the value). */
export function nodeSize(state: ViewState, id: string): number {
  const { sizeBy, result } = state.metrics;
  if (!sizeBy || !result) return 30;
  const max = result.max[sizeBy];
  const value = result.values.get(id)?.[sizeBy];
  if (value === undefined || !max) return 16;
  return Math.round(16 + 48 * Math.sqrt(value / max));
}

/**
 * Mirrors `state` onto `cy`, touching only what differs from `before` (undefined: everything).
 * `carried` holds positions from a replaced instance. Returns the added nodes that have no known
 * position (the caller lays them out).
 */
export function reconcile(cy: Core, state: ViewState, before: ViewState | undefined, carried: ReadonlyMap<string, Point>): Set<string> {
  const styling = stylingFor(state.schema);
  const changed = graphChanged(before, state);
  let unplaced = new Set<string>();
  cy.batch(() => {
    if (changed || metricsChanged(before, state)) unplaced = syncElements(cy, state, styling, carried);
    if (changed || !before || before.hiddenLabels !== state.hiddenLabels || before.hiddenTypes !== state.hiddenTypes || before.timeRange !== state.timeRange) {
      syncFilters(cy, state, styling);
    }
    if (changed || !before || before.pinned !== state.pinned) syncPins(cy, state);
    if (changed) syncStatuses(cy, state);
    if (changed || !before || before.paths.result !== state.paths.result) syncPaths(cy, state);
    if (changed || !before || before.selection !== state.selection) syncSelection(cy, state);
  });
  return unplaced;
}

/** Relationships not yet loaded around each expanded node: the "+N more" in its caption. */
function moreCounter(state: ViewState): (id: string) => number {
  const incident = new Map<string, number>();
  for (const edge of state.edges.values()) {
    incident.set(edge.source, (incident.get(edge.source) ?? 0) + 1);
    if (edge.target !== edge.source) incident.set(edge.target, (incident.get(edge.target) ?? 0) + 1);
  }
  return (id) => {
    const expansion = state.expansions.get(id);
    if (!expansion || expansion.types || expansion.nextOffset === null) return 0;
    return Math.max(0, expansion.total - (incident.get(id) ?? 0));
  };
}

function viewportCenter(cy: Core): Point {
  const extent = cy.extent();
  return { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
}

/** Adds, removes and updates elements; returns the added nodes that have no known position. */
function syncElements(cy: Core, state: ViewState, styling: Styling, carried: ReadonlyMap<string, Point>): Set<string> {
  const removeIds = new Set<string>();
  cy.elements().forEach((ele) => {
    const id = ele.id();
    if (ele.isNode() ? !state.nodes.has(id) : !state.edges.has(id)) removeIds.add(id);
  });
  if (removeIds.size) cy.collection(cy.elements().filter((e) => removeIds.has(e.id()))).remove();

  const more = moreCounter(state);
  const nodeData = (id: string) => {
    const node = state.nodes.get(id)!;
    const style = styling.nodeStyle(node);
    const extra = more(id);
    const community = state.metrics.colorBy === 'community' ? state.metrics.result?.values.get(id)?.community : undefined;
    const color = community !== undefined ? groupColor(community) : style.color;
    return { id, caption: node.caption, label: style.label, color, shape: style.shape, size: nodeSize(state, id), display: extra ? `${node.caption}\n+${extra} more` : node.caption };
  };

  const fresh: ElementDefinition[] = [];
  const newIds = new Set<string>();
  const unplaced = new Set<string>();
  const anchors = new Map<string, number>();
  for (const id of state.nodes.keys()) {
    const existing = cy.getElementById(id);
    if (existing.nonempty()) {
      const data = nodeData(id);
      // Only real changes: setting data restyles the element, which costs on large views.
      if (existing.data('display') !== data.display || existing.data('color') !== data.color || existing.data('shape') !== data.shape || existing.data('label') !== data.label || existing.data('size') !== data.size) existing.data(data);
      continue;
    }
    newIds.add(id);
  }
  // New nodes start next to a neighbour already placed, so adding never scatters the picture.
  const placed = (id: string): Point | undefined => {
    const node = cy.getElementById(id);
    return node.nonempty() ? node.position() : undefined;
  };
  let ring = 0;
  const center = viewportCenter(cy);
  const neighbours = new Map<string, string[]>();
  if (newIds.size) {
    for (const edge of state.edges.values()) {
      if (newIds.has(edge.source)) neighbours.set(edge.source, [...(neighbours.get(edge.source) ?? []), edge.target]);
      if (newIds.has(edge.target)) neighbours.set(edge.target, [...(neighbours.get(edge.target) ?? []), edge.source]);
    }
  }
  for (const id of newIds) {
    let position = state.positions.get(id) ?? carried.get(id);
    if (!position) {
      unplaced.add(id);
      let anchor: Point | undefined;
      for (const other of neighbours.get(id) ?? []) {
        if (newIds.has(other)) continue;
        anchor = placed(other);
        if (anchor) break;
      }
      const base = anchor ?? center;
      const key = `${base.x},${base.y}`;
      const count = anchors.get(key) ?? 0;
      anchors.set(key, count + 1);
      const angle = count * 2.39996; // golden angle: evenly spread without knowing the count
      const radius = 90 + 14 * Math.sqrt(count) + (anchor ? 0 : 40 * Math.sqrt(ring++));
      position = { x: base.x + radius * Math.cos(angle), y: base.y + radius * Math.sin(angle) };
    }
    fresh.push({ group: 'nodes', data: nodeData(id), position: { ...position } });
  }
  for (const edge of state.edges.values()) {
    const existing = cy.getElementById(edge.id);
    const data = { id: edge.id, source: edge.source, target: edge.target, type: edge.type, color: styling.typeColor(edge.type) };
    if (existing.nonempty()) {
      if (existing.data('color') !== data.color) existing.data('color', data.color);
      continue;
    }
    fresh.push({ group: 'edges', data });
  }
  if (fresh.length) cy.add(fresh);
  return unplaced;
}

function syncFilters(cy: Core, state: ViewState, styling: Styling): void {
  cy.nodes().forEach((n) => {
    const node = state.nodes.get(n.id());
    n.toggleClass('filtered', !node || !nodeVisible(node, state, styling));
  });
  cy.edges().forEach((e) => {
    const edge = state.edges.get(e.id());
    e.toggleClass('filtered', !edge || !edgeVisible(edge, state, styling));
  });
}

/** A recorded fact's status (properties.factStatus) as a class: proposed ones dashed, retired and rejected ones greyed. */
function syncStatuses(cy: Core, state: ViewState): void {
  cy.elements().forEach((ele) => {
    const id: string = ele.id();
    const item = ele.isNode() ? state.nodes.get(id) : state.edges.get(id);
    const status = item?.properties.factStatus;
    ele.toggleClass('proposed', status === 'proposed');
    ele.toggleClass('retired', status === 'retired' || status === 'rejected');
  });
}

/** Pinned nodes are locked, so no layout and no drag moves them. */
function syncPins(cy: Core, state: ViewState): void {
  cy.nodes().forEach((n) => {
    const pinned = state.pinned.has(n.id());
    n.toggleClass('pinned', pinned);
    if (pinned) n.lock();
    else n.unlock();
  });
}

function syncPaths(cy: Core, state: ViewState): void {
  const result = state.paths.result;
  cy.elements().removeClass('path dimmed');
  if (!result?.length) return;
  const ids = new Set(result.flatMap((p) => [...p.nodes, ...p.edges]));
  cy.elements().forEach((ele) => {
    if (ids.has(ele.id())) ele.addClass('path');
    else ele.addClass('dimmed');
  });
}

function syncSelection(cy: Core, state: ViewState): void {
  const wanted = state.selection?.id;
  cy.$(':selected').forEach((ele) => {
    if (ele.id() !== wanted) ele.unselect();
  });
  if (wanted) {
    const ele = cy.getElementById(wanted);
    if (ele.nonempty() && !ele.selected()) ele.select();
  }
}

/** Pans (without zooming) so the selected element is on screen. */
export function revealSelection(cy: Core, state: ViewState): void {
  const ele = state.selection ? cy.getElementById(state.selection.id) : undefined;
  if (!ele || ele.empty() || ele.hasClass('filtered')) return;
  const box = ele.renderedBoundingBox();
  const w = cy.width();
  const h = cy.height();
  if (box.x1 >= 0 && box.y1 >= 0 && box.x2 <= w && box.y2 <= h) return;
  cy.animate({ center: { eles: ele }, duration: 250 } as never);
}
