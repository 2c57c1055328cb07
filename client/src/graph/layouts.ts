// Layouts: the options per layout and view size, incremental placement of newcomers, applying stored positions, and fcose in a worker for very large views.
import type cytoscape from 'cytoscape';
import type { Core, LayoutOptions, NodeSingular } from 'cytoscape';
import type { ViewState } from '../state/store.ts';
import type { LayoutAnswer, LayoutRequest } from './fcose-worker.ts';
import { declutter } from './declutter.ts';
import { inView, LARGE } from './renderer.ts';
import { testHook } from './test-hook.ts';

type Options = LayoutOptions & Record<string, unknown>;

/**
 * fcose moves to a Web Worker above this many nodes. Below it the worker costs more than it saves:
 * for 1,667 nodes its spectral pass took 0.5-0.8 s, while the worker's round trip took 1.35 s
 * (loading its 560 KB script, copying the graph, building a headless Cytoscape) and the page drew
 * every element twice, once where they started and once laid out (npm run bench -- --only ui, with
 * CIVIC_UI_PROFILE). In the page, the layout runs before the first frame, which then shows the
 * graph in place.
 */
export const WORKER_MIN_NODES = 2500;

/** The closest a layout's fit zooms in. */
const MAX_FIT_ZOOM = 1.6;

/** What the layouts need from the element that owns the canvas. */
export interface LayoutHost {
  /** The current instance: a worker's answer for a replaced one is dropped. */
  cy(): Core | undefined;
  notify(text: string | null): void;
  /** Called after every layout, so the store knows where the nodes ended up. */
  placed(): void;
}

export function layoutOptions(state: ViewState, nodes: number): Options {
  const animate = nodes <= 300;
  const base = { animate, animationDuration: 400, fit: true, padding: 30 };
  switch (state.layout) {
    case 'concentric':
      // At most about four rings: with one ring per degree value, a small view gets one node per ring,
      // and Cytoscape starts every ring at the same angle, which stacks them all on one vertical line.
      return {
        ...base,
        name: 'concentric',
        minNodeSpacing: 60,
        spacingFactor: 1.3,
        startAngle: Math.PI / 6,
        concentric: (n: NodeSingular) => n.degree(false),
        levelWidth: (nodes: cytoscape.NodeCollection) => Math.max(1, (nodes.maxDegree(false) - nodes.minDegree(false)) / 3),
      };
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

export class Layouts {
  private running?: cytoscape.Layouts;
  private worker?: Worker;
  /** Bumped by every layout request: a worker's late answer to an older one is dropped. */
  private workerRun = 0;
  private runs = 0;

  constructor(private readonly host: LayoutHost) {}

  /** Is a layout animating in this thread right now? */
  get animating(): boolean {
    return this.running !== undefined;
  }

  dispose(): void {
    this.running?.stop();
    this.worker?.terminate();
    this.worker = undefined;
  }

  /** Moves the nodes to the positions the store holds (undo, a restored link). */
  applyPositions(cy: Core, state: ViewState): void {
    this.running?.stop();
    if (testHook().layoutRunning) {
      // A layout still running in the worker would move the nodes after this; drop its answer.
      this.workerRun++;
      testHook().layoutRunning = false;
    }
    const animate = cy.nodes().length < 300;
    const move = () =>
      cy.nodes().forEach((n) => {
        const p = state.positions.get(n.id());
        if (!p) return;
        // Nodes the reconciler just added stand where the store says already: moving them again
        // recomputed every edge's projection (0.5 s of 1.2 s for 5,000 elements; bench, CIVIC_UI_PROFILE).
        const at = n.position();
        if (at.x === p.x && at.y === p.y) return;
        const locked = n.locked();
        if (locked) n.unlock();
        if (animate) n.animate({ position: p, duration: 300 } as never);
        else n.position(p);
        if (locked) n.lock();
      });
    if (animate) move();
    else cy.batch(move);
    if (animate) setTimeout(() => cy.fit(undefined, 30), 320);
    else cy.fit(undefined, 30);
  }

  /** Lays out everything, or (incremental) only `only`, keeping every other node where it is. */
  run(cy: Core, state: ViewState, only: Set<string> | null): void {
    this.running?.stop();
    this.workerRun++;
    const nodes = cy.nodes();
    if (!nodes.length) return;
    let options: Options;
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
      options = layoutOptions(state, nodes.length);
      if (state.pinned.size && options.name === 'fcose') {
        options.fixedNodeConstraint = nodes.filter((n) => state.pinned.has(n.id())).nodes().map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
      }
    }
    const hook = testHook();
    hook.layoutRunning = true;
    const done = () => this.finished(cy, only, temporarilyLocked);
    if (options.name === 'fcose' && nodes.length > WORKER_MIN_NODES && typeof Worker !== 'undefined') {
      this.inWorker(cy, options, done);
      return;
    }
    const layout = cy.elements(':visible').union(cy.nodes()).layout(options as LayoutOptions);
    this.running = layout;
    layout.one('layoutstop', () => {
      if (this.running === layout) this.running = undefined;
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

  private finished(cy: Core, only: Set<string> | null, temporarilyLocked: NodeSingular[]): void {
    for (const n of temporarilyLocked) n.unlock();
    // Layouts place nodes by forces or rings, not by where edges run: take nodes off lines they are not on.
    if (declutter(cy) && !only && cy.nodes().length) cy.fit(cy.elements(':visible'), 30);
    // Fitting a handful of nodes zooms in until captions are headline-sized; a closer look is the user's choice.
    if (!only && cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center(cy.elements(':visible'));
    }
    if (only && cy.nodes().length) {
      const added = cy.nodes().filter((n) => only.has(n.id()));
      // Keep the new nodes in sight without jumping around.
      if (added.length && !inView(cy, added)) cy.animate({ fit: { eles: cy.elements(':visible'), padding: 30 }, duration: 300 } as never);
    }
    const hook = testHook();
    this.runs++;
    hook.layoutRuns = this.runs;
    hook.layoutRunning = false;
    if (hook.firstDrawnMs === undefined && cy.nodes().length) {
      // The frame after the layout is the first one showing the graph in place.
      requestAnimationFrame(() => (hook.firstDrawnMs ??= Math.round(performance.now())));
    }
    this.host.placed();
  }

  /** Large views: fcose runs in a worker while the page stays responsive; the answer moves the nodes at once. */
  private inWorker(cy: Core, options: Options, done: () => void): void {
    const run = this.workerRun;
    const inThread = () => {
      const layout = cy.elements(':visible').union(cy.nodes()).layout(options as LayoutOptions);
      layout.one('layoutstop', done);
      layout.run();
    };
    let worker: Worker;
    try {
      this.worker ??= new Worker(new URL('./fcose-worker.ts', import.meta.url), { type: 'module' });
      worker = this.worker;
    } catch {
      inThread();
      return;
    }
    this.host.notify(`Laying out ${cy.nodes().length.toLocaleString()} nodes…`);
    worker.onmessage = (event: MessageEvent<LayoutAnswer>) => {
      if (event.data.run !== this.workerRun || this.host.cy() !== cy) return;
      if (!event.data.positions) {
        console.warn('layout worker failed', event.data.error);
        inThread();
        return;
      }
      testHook().workerMs = { ...event.data.ms, posted: Math.round(posted), answered: Math.round(performance.now()) };
      const placed = new Map(event.data.positions.map(([id, x, y]) => [id, { x, y }]));
      cy.batch(() => {
        cy.nodes().forEach((n) => {
          const p = placed.get(n.id());
          if (p && !n.locked()) n.position(p);
        });
      });
      cy.fit(cy.elements(':visible'), 30);
      this.host.notify(null);
      done();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.worker?.terminate();
      this.worker = undefined;
      if (run === this.workerRun && this.host.cy() === cy) inThread();
    };
    const request: LayoutRequest = {
      run,
      nodes: cy.nodes().map((n) => ({ id: n.id(), x: n.position().x, y: n.position().y })),
      edges: cy.edges(':visible').map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id() })),
      options: Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v !== 'function')),
    };
    const posted = performance.now();
    worker.postMessage(request);
  }
}
