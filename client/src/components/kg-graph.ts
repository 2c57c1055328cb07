// <kg-graph>: the only element that touches Cytoscape; mirrors the store's canvas state inside cy.batch().
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import cytoscape, { type Core, type ElementDefinition, type LayoutOptions, type NodeSingular, type StylesheetJson } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { LayoutAnswer, LayoutRequest } from '../layout/fcose-worker.ts';
import type { CanvasPort, Drawing, Explorer } from '../state/context.ts';
import { StoreController } from '../state/controller.ts';
import { edgeVisible, nodeVisible } from '../state/filters.ts';
import type { Point, ViewState } from '../state/store.ts';
import { stylingFor, type Styling } from '../state/styling.ts';

cytoscape.use(fcose);

/** Above this many elements the canvas switches to Cytoscape's WebGL renderer (when the browser has WebGL 2). */
export const WEBGL_THRESHOLD = 2000;
/** Above this many elements layouts run without animation and cheaper, and captions wait for a closer zoom. */
const LARGE = 1000;
/** In large views, node captions show from this zoom on (below it they would be a grey smudge). */
const CAPTION_ZOOM = 0.75;

interface KgHook {
  cy?: Core;
  renderer?: 'canvas' | 'webgl';
  layoutRuns?: number;
  layoutRunning?: boolean;
  /** Milliseconds from navigation start to the first frame with nodes on the canvas. */
  firstNodesMs?: number;
  /** Milliseconds from navigation start to the first frame with the first layout finished. */
  firstDrawnMs?: number;
  [key: string]: unknown;
}

export function testHook(): KgHook {
  const w = window as unknown as { __kg?: KgHook };
  return (w.__kg ??= {});
}

function webglAvailable(): boolean {
  try {
    return !!document.createElement('canvas').getContext('webgl2');
  } catch {
    return false;
  }
}

function darkScheme(): boolean {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

function stylesheet(dark: boolean, large: boolean, captions = true): StylesheetJson {
  const fg = dark ? '#e8e8ea' : '#1d1d22';
  const bg = dark ? '#17181c' : '#ffffff';
  const muted = dark ? '#a8a8b3' : '#55555f';
  const accent = dark ? '#ffcf4d' : '#d97706';
  const path = dark ? '#5ee0ff' : '#0077cc';
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        shape: 'data(shape)' as never,
        label: captions ? 'data(display)' : '',
        width: 30,
        height: 30,
        'font-size': 12,
        color: fg,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '100px',
        'text-outline-width': 2,
        'text-outline-color': bg,
        'border-width': 1,
        'border-color': dark ? 'rgba(0,0,0,0.5)' : 'rgba(0,0,0,0.25)',
        'min-zoomed-font-size': large ? 10 : 6,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': 'data(color)',
        'target-arrow-color': 'data(color)',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        'curve-style': large ? 'straight' : 'bezier',
        label: large ? '' : 'data(type)',
        'font-size': 9,
        color: muted,
        'text-rotation': 'autorotate',
        'text-outline-width': 2,
        'text-outline-color': bg,
        'min-zoomed-font-size': 7,
        opacity: 0.85,
      },
    },
    { selector: 'node.pinned', style: { 'border-width': 3, 'border-style': 'double', 'border-color': fg } },
    { selector: 'node:selected', style: { 'border-width': 5, 'border-color': accent, 'border-style': 'solid', 'font-weight': 'bold', 'z-index': 10 } },
    { selector: 'edge:selected', style: { width: 4, 'line-color': accent, 'target-arrow-color': accent, color: fg, 'z-index': 10 } },
    { selector: '.dimmed', style: { opacity: 0.18 } },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': path, opacity: 1 } },
    { selector: 'edge.path', style: { width: 4, 'line-color': path, 'target-arrow-color': path, opacity: 1, 'z-index': 9 } },
    { selector: '.filtered', style: { display: 'none' } },
  ];
}

@customElement('kg-graph')
export class KgGraph extends LitElement implements CanvasPort {
  static override styles = css`
    :host { display: block; position: relative; outline: none; }
    :host(:focus-visible) { box-shadow: inset 0 0 0 3px var(--kg-focus, #2563eb); }
    #cy { position: absolute; inset: 0; }
  `;

  private readonly ctl = new StoreController(this, (s) => [
    s.nodes, s.edges, s.schema, s.selection, s.hiddenLabels, s.hiddenTypes, s.timeRange, s.layoutRev, s.positionsRev, s.pinned, s.paths.result, s.expansions,
  ]);

  private cy?: Core;
  private mode: 'canvas' | 'webgl' = 'canvas';
  private synced?: ViewState;
  private dark = darkScheme();
  private large = false;
  private layoutRuns = 0;
  private runningLayout?: cytoscape.Layouts;
  private readonly media = window.matchMedia?.('(prefers-color-scheme: dark)');
  private captions = true;
  private readonly onScheme = () => {
    this.dark = darkScheme();
    this.restyle();
  };

  private restyle(): void {
    this.cy?.style(stylesheet(this.dark, this.large, this.captions));
  }

  /** Large views drop node captions when zoomed out: thousands of labels stay readable by not being drawn. */
  private updateCaptions(): void {
    const cy = this.cy;
    if (!cy) return;
    const captions = !this.large || cy.zoom() >= CAPTION_ZOOM;
    if (captions === this.captions) return;
    this.captions = captions;
    this.restyle();
  }

  /** Panels opening and closing change the canvas size without a window resize; keep the drawing in sight. */
  private readonly resizer = new ResizeObserver(() => {
    const cy = this.cy;
    if (!cy) return;
    cy.resize();
    clearTimeout(this.refitTimer);
    this.refitTimer = setTimeout(() => {
      const visible = cy.elements(':visible');
      if (visible.nonempty() && !this.inView(cy, visible) && !this.runningLayout) cy.animate({ fit: { eles: visible, padding: 30 }, duration: 200 } as never);
    }, 150);
  });
  private refitTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizer.observe(this);
    this.tabIndex = 0;
    this.setAttribute('role', 'application');
    this.setAttribute('aria-roledescription', 'graph canvas');
    this.media?.addEventListener('change', this.onScheme);
    this.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizer.disconnect();
    this.media?.removeEventListener('change', this.onScheme);
    this.removeEventListener('keydown', this.onKey);
    const explorer = this.ctl.explorerRef;
    if (explorer?.canvas === this) explorer.canvas = null;
    this.cy?.destroy();
    this.cy = undefined;
    this.layoutWorker?.terminate();
    this.layoutWorker = undefined;
  }

  override render() {
    return html`<div id="cy"></div>`;
  }

  override updated(): void {
    if (!this.ctl.ready) return;
    const explorer = this.ctl.explorerRef as Explorer;
    explorer.canvas = this;
    this.sync(this.ctl.state);
    const s = this.ctl.state;
    this.setAttribute('aria-label', `Graph canvas: ${s.nodes.size} nodes, ${s.edges.size} relationships. Arrow keys move the selection; Enter expands; the list view reads them as tables.`);
  }

  // ---- the Cytoscape instance -----------------------------------------------------------------

  private wantedMode(state: ViewState): 'canvas' | 'webgl' {
    return state.nodes.size + state.edges.size > WEBGL_THRESHOLD && webglAvailable() ? 'webgl' : 'canvas';
  }

  private create(mode: 'canvas' | 'webgl'): Core {
    const previous = this.cy;
    const keep = new Map<string, Point>();
    previous?.nodes().forEach((n) => void keep.set(n.id(), { ...n.position() }));
    previous?.destroy();
    this.synced = undefined;
    this.mode = mode;
    const options: cytoscape.CytoscapeOptions & Record<string, unknown> = {
      container: this.renderRoot.querySelector('#cy') as HTMLElement,
      style: stylesheet(this.dark, this.large, this.captions),
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      textureOnViewport: this.large && mode === 'canvas',
      hideEdgesOnViewport: this.large && mode === 'canvas',
    };
    if (mode === 'webgl') {
      options.renderer = { name: 'canvas', webgl: true, webglTexSize: 4096, webglBatchSize: 4096, webglBgColor: this.dark ? [23, 24, 28] : [255, 255, 255] };
    }
    const cy = cytoscape(options);
    this.cy = cy;
    this.pendingPositions = keep;
    cy.on('tap', 'node', (event) => this.ctl.actions.select({ kind: 'node', id: event.target.id() }));
    cy.on('tap', 'edge', (event) => this.ctl.actions.select({ kind: 'edge', id: event.target.id() }));
    cy.on('tap', (event) => {
      if (event.target === cy) this.ctl.actions.select(null);
    });
    cy.on('dbltap', 'node', (event) => void this.ctl.actions.expand(event.target.id()));
    cy.on('dragfree', 'node', () => this.reportPositions());
    cy.on('zoom', () => this.updateCaptions());
    const hook = testHook();
    hook.cy = cy;
    hook.renderer = mode;
    this.ctl.actions.setRenderer(mode);
    return cy;
  }

  /** Positions carried over when the renderer is swapped. */
  private pendingPositions = new Map<string, Point>();
  private layoutRevSeen?: number;
  private positionsRevSeen?: number;

  // ---- mirroring the store ---------------------------------------------------------------------

  private sync(state: ViewState): void {
    const large = state.nodes.size + state.edges.size > LARGE;
    const mode = this.wantedMode(state);
    // The canvas renderer reads textureOnViewport and hideEdgesOnViewport once, when it is created:
    // a view that grows past LARGE needs a new instance, or every pan frame redraws every element
    // (a 20k-element pan took 0.9 s a frame instead of 33 ms; npm run bench -- --only ui).
    if (!this.cy || mode !== this.mode || (mode === 'canvas' && large !== this.large)) {
      this.large = large;
      this.captions = !large;
      this.create(mode);
    } else if (large !== this.large) {
      this.large = large;
      this.captions = !large || this.cy.zoom() >= CAPTION_ZOOM;
      this.restyle();
    }
    const cy = this.cy!;
    const before = this.synced;
    const styling = stylingFor(state.schema);
    const graphChanged = !before || before.nodes !== state.nodes || before.edges !== state.edges || before.schema !== state.schema || before.expansions !== state.expansions;
    let unplaced = new Set<string>();

    cy.batch(() => {
      if (graphChanged) unplaced = this.syncElements(cy, state, styling);
      if (graphChanged || !before || before.hiddenLabels !== state.hiddenLabels || before.hiddenTypes !== state.hiddenTypes || before.timeRange !== state.timeRange) {
        this.syncFilters(cy, state, styling);
      }
      if (graphChanged || !before || before.pinned !== state.pinned) {
        cy.nodes().forEach((n) => {
          const pinned = state.pinned.has(n.id());
          n.toggleClass('pinned', pinned);
          if (pinned) n.lock();
          else n.unlock();
        });
      }
      if (graphChanged || !before || before.paths.result !== state.paths.result) this.syncPaths(cy, state);
      if (graphChanged || !before || before.selection !== state.selection) this.syncSelection(cy, state);
    });

    const hook = testHook();
    if (hook.firstNodesMs === undefined && cy.nodes().length) requestAnimationFrame(() => (hook.firstNodesMs ??= Math.round(performance.now())));

    // Kept apart from `synced`, which a renderer swap resets: a layout asked for in the same change still runs.
    const positionsChanged = this.positionsRevSeen !== undefined && this.positionsRevSeen !== state.positionsRev;
    const layoutRequested = this.layoutRevSeen !== undefined && this.layoutRevSeen !== state.layoutRev;
    this.positionsRevSeen = state.positionsRev;
    this.layoutRevSeen = state.layoutRev;
    this.synced = state;

    if (positionsChanged) this.applyPositions(cy, state);
    if (layoutRequested) {
      this.runLayout(state, null);
    } else if (unplaced.size) {
      // Nothing known placed yet: a full layout; otherwise only the newcomers move.
      this.runLayout(state, unplaced.size === cy.nodes().length ? null : unplaced);
    } else if (!before && cy.nodes().length) {
      cy.fit(undefined, 30);
    }
    if (state.selection && (!before || before.selection?.id !== state.selection.id)) this.revealSelection(cy, state);
  }

  /** Adds, removes and updates elements; returns the added nodes that have no known position. */
  private syncElements(cy: Core, state: ViewState, styling: Styling): Set<string> {
    const removeIds = new Set<string>();
    cy.elements().forEach((ele) => {
      const id = ele.id();
      if (ele.isNode() ? !state.nodes.has(id) : !state.edges.has(id)) removeIds.add(id);
    });
    if (removeIds.size) cy.collection(cy.elements().filter((e) => removeIds.has(e.id()))).remove();

    const incident = new Map<string, number>();
    for (const edge of state.edges.values()) {
      incident.set(edge.source, (incident.get(edge.source) ?? 0) + 1);
      if (edge.target !== edge.source) incident.set(edge.target, (incident.get(edge.target) ?? 0) + 1);
    }
    const more = (id: string) => {
      const expansion = state.expansions.get(id);
      if (!expansion || expansion.types || expansion.nextOffset === null) return 0;
      return Math.max(0, expansion.total - (incident.get(id) ?? 0));
    };
    const nodeData = (id: string) => {
      const node = state.nodes.get(id)!;
      const style = styling.nodeStyle(node);
      const extra = more(id);
      return { id, caption: node.caption, label: style.label, color: style.color, shape: style.shape, display: extra ? `${node.caption}\n+${extra} more` : node.caption };
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
        if (existing.data('display') !== data.display || existing.data('color') !== data.color || existing.data('shape') !== data.shape || existing.data('label') !== data.label) existing.data(data);
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
    const center = this.viewportCenter(cy);
    const neighbours = new Map<string, string[]>();
    if (newIds.size) {
      for (const edge of state.edges.values()) {
        if (newIds.has(edge.source)) neighbours.set(edge.source, [...(neighbours.get(edge.source) ?? []), edge.target]);
        if (newIds.has(edge.target)) neighbours.set(edge.target, [...(neighbours.get(edge.target) ?? []), edge.source]);
      }
    }
    for (const id of newIds) {
      let position = state.positions.get(id) ?? this.pendingPositions.get(id);
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
    this.pendingPositions = new Map();
    return unplaced;
  }

  private viewportCenter(cy: Core): Point {
    const extent = cy.extent();
    return { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
  }

  private syncFilters(cy: Core, state: ViewState, styling: Styling): void {
    cy.nodes().forEach((n) => {
      const node = state.nodes.get(n.id());
      n.toggleClass('filtered', !node || !nodeVisible(node, state, styling));
    });
    cy.edges().forEach((e) => {
      const edge = state.edges.get(e.id());
      e.toggleClass('filtered', !edge || !edgeVisible(edge, state, styling));
    });
  }

  private syncPaths(cy: Core, state: ViewState): void {
    const result = state.paths.result;
    cy.elements().removeClass('path dimmed');
    if (!result || !result.length) return;
    const ids = new Set(result.flatMap((p) => [...p.nodes, ...p.edges]));
    cy.elements().forEach((ele) => {
      if (ids.has(ele.id())) ele.addClass('path');
      else ele.addClass('dimmed');
    });
  }

  private syncSelection(cy: Core, state: ViewState): void {
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
  private revealSelection(cy: Core, state: ViewState): void {
    const ele = state.selection ? cy.getElementById(state.selection.id) : undefined;
    if (!ele || ele.empty() || ele.hasClass('filtered')) return;
    const box = ele.renderedBoundingBox();
    const w = cy.width();
    const h = cy.height();
    if (box.x1 >= 0 && box.y1 >= 0 && box.x2 <= w && box.y2 <= h) return;
    cy.animate({ center: { eles: ele }, duration: 250 } as never);
  }

  private applyPositions(cy: Core, state: ViewState): void {
    this.runningLayout?.stop();
    if (testHook().layoutRunning) {
      // A layout still running in the worker would move the nodes after this; drop its answer.
      this.workerRun++;
      testHook().layoutRunning = false;
    }
    const animate = cy.nodes().length < 300;
    cy.nodes().forEach((n) => {
      const p = state.positions.get(n.id());
      if (!p) return;
      const locked = n.locked();
      if (locked) n.unlock();
      if (animate) n.animate({ position: p, duration: 300 } as never);
      else n.position(p);
      if (locked) n.lock();
    });
    if (animate) setTimeout(() => cy.fit(undefined, 30), 320);
    else cy.fit(undefined, 30);
  }

  private layoutOptions(state: ViewState, nodes: number): LayoutOptions & Record<string, unknown> {
    const animate = nodes <= 300;
    const base = { animate, animationDuration: 400, fit: true, padding: 30 };
    switch (state.layout) {
      case 'concentric':
        return { ...base, name: 'concentric', minNodeSpacing: 30, concentric: (n: NodeSingular) => n.degree(false), levelWidth: () => 2 };
      case 'breadthfirst': {
        const roots = state.selection?.kind === 'node' ? `[id = ${JSON.stringify(state.selection.id)}]` : undefined;
        return { ...base, name: 'breadthfirst', directed: false, spacingFactor: 1.1, ...(roots ? { roots } : {}) };
      }
      case 'grid':
        return { ...base, name: 'grid', avoidOverlap: true, avoidOverlapPadding: 20 };
      default:
        if (nodes > LARGE) {
          // Large views: fcose's spectral ('draft') pass alone. The force-directed refinement after it took
          // 41 s for 1667 nodes here (bench: npm run bench -- --only ui); the spectral pass takes about one.
          // Captions are hidden at this size, so uniform sizes lose nothing.
          return { ...base, name: 'fcose', quality: 'draft', randomize: true, uniformNodeDimensions: true, nodeDimensionsIncludeLabels: false, nodeRepulsion: 4500, idealEdgeLength: 50 };
        }
        return {
          ...base,
          name: 'fcose',
          quality: 'default',
          randomize: true,
          nodeRepulsion: 4500,
          idealEdgeLength: 70,
          nodeSeparation: 60,
          gravity: 0.5,
          gravityRange: 2.5,
          // Captions take room too; without this, long names overlap their neighbours.
          nodeDimensionsIncludeLabels: true,
          numIter: 2500,
        };
    }
  }

  /** Lays out everything, or (incremental) only `only`, keeping every other node where it is. */
  private runLayout(state: ViewState, only: Set<string> | null): void {
    const cy = this.cy!;
    this.runningLayout?.stop();
    this.workerRun++;
    const nodes = cy.nodes();
    if (!nodes.length) return;
    let options: LayoutOptions & Record<string, unknown>;
    const temporarilyLocked: NodeSingular[] = [];
    if (only) {
      // Placed nodes stay put: fcose treats them as fixed, and locking keeps every layout off them.
      const fixed = nodes.filter((n) => !only.has(n.id())).nodes();
      fixed.forEach((n) => {
        if (!n.locked()) {
          n.lock();
          temporarilyLocked.push(n);
        }
      });
      options = {
        name: 'fcose',
        animate: nodes.length <= 300,
        animationDuration: 400,
        fit: false,
        randomize: false,
        quality: 'default',
        nodeRepulsion: 4500,
        idealEdgeLength: 70,
        nodeDimensionsIncludeLabels: nodes.length <= LARGE,
        fixedNodeConstraint: fixed.map((n) => ({ nodeId: n.id(), position: { ...n.position() } })),
      };
    } else {
      options = this.layoutOptions(state, nodes.length);
      if (state.pinned.size && options.name === 'fcose') {
        options.fixedNodeConstraint = nodes.filter((n) => state.pinned.has(n.id())).nodes().map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
      }
    }
    const hook = testHook();
    hook.layoutRunning = true;
    const done = () => this.afterLayout(cy, only, temporarilyLocked);
    if (options.name === 'fcose' && nodes.length > LARGE && typeof Worker !== 'undefined') {
      this.layoutInWorker(cy, options, done);
      return;
    }
    const layout = cy.elements(':visible').union(cy.nodes()).layout(options as LayoutOptions);
    this.runningLayout = layout;
    layout.one('layoutstop', () => {
      if (this.runningLayout === layout) this.runningLayout = undefined;
      done();
    });
    try {
      layout.run();
    } catch (error) {
      // fcose refuses some constraint sets; the ring placement is a fine fallback.
      console.warn('layout failed', error);
      done();
    }
  }

  private afterLayout(cy: Core, only: Set<string> | null, temporarilyLocked: NodeSingular[]): void {
    for (const n of temporarilyLocked) n.unlock();
    if (only && cy.nodes().length) {
      const added = cy.nodes().filter((n) => only.has(n.id()));
      // Keep the new nodes in sight without jumping around.
      if (added.length && !this.inView(cy, added)) cy.animate({ fit: { eles: cy.elements(':visible'), padding: 30 }, duration: 300 } as never);
    }
    const hook = testHook();
    this.layoutRuns++;
    hook.layoutRuns = this.layoutRuns;
    hook.layoutRunning = false;
    if (hook.firstDrawnMs === undefined && cy.nodes().length) {
      // The frame after the layout is the first one showing the graph in place.
      requestAnimationFrame(() => (hook.firstDrawnMs ??= Math.round(performance.now())));
    }
    this.reportPositions();
  }

  private layoutWorker?: Worker;
  /** Bumped by every layout request: a worker's late answer to an older one is dropped. */
  private workerRun = 0;

  /** Large views: fcose runs in a worker while the page stays responsive; the answer moves the nodes at once. */
  private layoutInWorker(cy: Core, options: LayoutOptions & Record<string, unknown>, done: () => void): void {
    const run = this.workerRun;
    const inThread = () => {
      const layout = cy.elements(':visible').union(cy.nodes()).layout(options as LayoutOptions);
      layout.one('layoutstop', done);
      layout.run();
    };
    let worker: Worker;
    try {
      this.layoutWorker ??= new Worker(new URL('../layout/fcose-worker.ts', import.meta.url), { type: 'module' });
      worker = this.layoutWorker;
    } catch {
      inThread();
      return;
    }
    this.ctl.actions.notify(`Laying out ${cy.nodes().length.toLocaleString()} nodes…`);
    worker.onmessage = (event: MessageEvent<LayoutAnswer>) => {
      if (event.data.run !== this.workerRun || this.cy !== cy) return;
      if (!event.data.positions) {
        console.warn('layout worker failed', event.data.error);
        inThread();
        return;
      }
      const placed = new Map(event.data.positions.map(([id, x, y]) => [id, { x, y }]));
      cy.batch(() => {
        cy.nodes().forEach((n) => {
          const p = placed.get(n.id());
          if (p && !n.locked()) n.position(p);
        });
      });
      cy.fit(cy.elements(':visible'), 30);
      this.ctl.actions.notify(null);
      done();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.layoutWorker?.terminate();
      this.layoutWorker = undefined;
      if (run === this.workerRun && this.cy === cy) inThread();
    };
    const request: LayoutRequest = {
      run,
      nodes: cy.nodes().map((n) => ({ id: n.id(), x: n.position().x, y: n.position().y })),
      edges: cy.edges(':visible').map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id() })),
      options: Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v !== 'function')),
    };
    worker.postMessage(request);
  }

  private inView(cy: Core, eles: cytoscape.CollectionReturnValue): boolean {
    const box = eles.renderedBoundingBox();
    return box.x1 >= 0 && box.y1 >= 0 && box.x2 <= cy.width() && box.y2 <= cy.height();
  }

  private reportPositions(): void {
    const cy = this.cy;
    if (!cy) return;
    const positions = new Map<string, Point>();
    cy.nodes().forEach((n) => {
      const p = n.position();
      positions.set(n.id(), { x: p.x, y: p.y });
    });
    this.ctl.actions.reportPositions(positions);
  }

  // ---- keyboard: move the selection spatially --------------------------------------------------

  private readonly onKey = (event: KeyboardEvent) => {
    const dirs: Record<string, Point> = { ArrowRight: { x: 1, y: 0 }, ArrowLeft: { x: -1, y: 0 }, ArrowUp: { x: 0, y: -1 }, ArrowDown: { x: 0, y: 1 } };
    const dir = dirs[event.key];
    if (!dir || !this.cy || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const cy = this.cy;
    const visible = cy.nodes(':visible');
    if (!visible.length) return;
    const state = this.ctl.state;
    const current = state.selection?.kind === 'node' ? cy.getElementById(state.selection.id) : undefined;
    if (!current || current.empty() || !current.visible()) {
      const first = visible.sort((a, b) => (a as NodeSingular).position().x - (b as NodeSingular).position().x || (a as NodeSingular).position().y - (b as NodeSingular).position().y)[0]!;
      this.ctl.actions.select({ kind: 'node', id: first.id() });
      return;
    }
    const from = current.position();
    let best: { id: string; score: number } | null = null;
    visible.forEach((n) => {
      if (n.id() === current.id()) return;
      const p = n.position();
      const dx = p.x - from.x;
      const dy = p.y - from.y;
      const along = dx * dir.x + dy * dir.y;
      if (along <= 0) return;
      const across = Math.abs(dx * dir.y - dy * dir.x);
      const score = along + 2 * across;
      if (!best || score < best.score) best = { id: n.id(), score };
    });
    if (best) this.ctl.actions.select({ kind: 'node', id: (best as { id: string }).id });
  };

  // ---- CanvasPort ------------------------------------------------------------------------------

  fit(): void {
    this.cy?.animate({ fit: { eles: this.cy.elements(':visible'), padding: 30 }, duration: 250 } as never);
  }

  async png(options: { background: string }): Promise<Blob> {
    if (!this.cy) throw new Error('nothing is drawn');
    return this.cy.png({ output: 'blob-promise', full: true, scale: 2, bg: options.background, maxWidth: 8000, maxHeight: 8000 });
  }

  drawing(): Drawing {
    const cy = this.cy;
    if (!cy) return { nodes: [], edges: [] };
    return {
      nodes: cy.nodes(':visible').map((n) => ({
        id: n.id(),
        x: n.position().x,
        y: n.position().y,
        width: n.width(),
        height: n.height(),
        color: String(n.data('color')),
        shape: String(n.data('shape')),
        caption: String(n.data('caption')),
        label: String(n.data('label')),
      })),
      edges: cy.edges(':visible').map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id(), type: String(e.data('type')), color: String(e.data('color')) })),
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-graph': KgGraph;
  }
}
