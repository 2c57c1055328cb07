// <kg-graph>: the only element that touches Cytoscape; hands store changes to the reconciler and the layouts in client/src/graph/.
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { Core } from 'cytoscape';
import { drawing, png } from '../graph/export.ts';
import { ARROWS, nextEdge, nextNode } from '../graph/keyboard.ts';
import { Layouts } from '../graph/layouts.ts';
import { reconcile, revealSelection } from '../graph/reconciler.ts';
import { Renderer } from '../graph/renderer.ts';
import { testHook } from '../graph/test-hook.ts';
import type { CanvasPort, Drawing, Explorer } from '../state/context.ts';
import { StoreController } from '../state/controller.ts';
import { canvasHandlers, routeKey } from '../state/shortcuts.ts';
import type { Point, ViewState } from '../state/store.ts';


@customElement('kg-graph')
export class KgGraph extends LitElement implements CanvasPort {
  static override styles = css`
    :host { display: block; position: relative; outline: none; }
    :host(:focus-visible) { box-shadow: inset 0 0 0 3px var(--kg-focus, #2563eb); }
    #cy { position: absolute; inset: 0; }
  `;

  private readonly ctl = new StoreController(this, (s) => [
    s.nodes, s.edges, s.schema, s.selection, s.hiddenLabels, s.hiddenTypes, s.timeRange, s.layoutRev, s.positionsRev, s.pinned, s.paths.result, s.expansions, s.metrics,
  ]);

  private renderer?: Renderer;
  private readonly layouts = new Layouts({
    cy: () => this.renderer?.cy,
    notify: (text) => this.ctl.actions.notify(text),
    placed: () => this.reportPositions(),
  });
  /** The state last mirrored onto the canvas; undefined after a renderer swap (everything is mirrored again). */
  private synced?: ViewState;
  /** Positions carried over when the renderer is swapped. */
  private carried = new Map<string, Point>();
  private layoutRevSeen?: number;
  private positionsRevSeen?: number;

  private get cy(): Core | undefined {
    return this.renderer?.cy;
  }

  /**
   * Panels opening and closing change the canvas size without a window resize: the drawing is fitted
   * again to the new size (a squeezed canvas would otherwise show a cut-off or tiny picture).
   */
  private readonly resizer = new ResizeObserver(() => {
    const cy = this.cy;
    if (!cy) return;
    const width = cy.width();
    const height = cy.height();
    cy.resize();
    if (cy.width() === width && cy.height() === height) return;
    clearTimeout(this.refitTimer);
    this.refitTimer = setTimeout(() => {
      const visible = cy.elements(':visible');
      if (visible.nonempty() && !this.layouts.animating) cy.animate({ fit: { eles: visible, padding: 30 }, duration: 200 } as never);
    }, 150);
  });
  private refitTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizer.observe(this);
    this.tabIndex = 0;
    this.setAttribute('role', 'application');
    this.setAttribute('aria-roledescription', 'graph canvas');
    this.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizer.disconnect();
    this.removeEventListener('keydown', this.onKey);
    const explorer = this.ctl.explorerRef;
    if (explorer?.canvas === this) explorer.canvas = null;
    this.layouts.dispose();
    this.renderer?.destroy();
    this.renderer = undefined;
    this.synced = undefined;
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
    this.setAttribute('aria-label', `Graph canvas: ${s.nodes.size} nodes, ${s.edges.size} relationships. Arrow keys move the selection; E and Shift+E walk through the selected node's relationships; Enter expands; the list view reads them as tables.`);
  }

  private ensureRenderer(): Renderer {
    this.renderer ??= new Renderer(() => this.renderRoot.querySelector('#cy') as HTMLElement, {
      tapNode: (id) => this.ctl.actions.select({ kind: 'node', id }),
      tapEdge: (id) => this.ctl.actions.select({ kind: 'edge', id }),
      tapBackground: () => this.ctl.actions.select(null),
      doubleTapNode: (id) => void this.ctl.actions.expand(id),
      dragged: () => this.reportPositions(),
      created: (mode) => this.ctl.actions.setRenderer(mode),
    });
    return this.renderer;
  }

  private sync(state: ViewState): void {
    const { cy, carried } = this.ensureRenderer().prepare(state.nodes.size + state.edges.size);
    if (carried) {
      this.synced = undefined;
      this.carried = carried;
    }
    const before = this.synced;
    const unplaced = reconcile(cy, state, before, this.carried);
    this.carried = new Map();

    const hook = testHook();
    if (hook.firstNodesMs === undefined && cy.nodes().length) requestAnimationFrame(() => (hook.firstNodesMs ??= Math.round(performance.now())));

    // Kept apart from `synced`, which a renderer swap resets: a layout asked for in the same change still runs.
    const positionsChanged = this.positionsRevSeen !== undefined && this.positionsRevSeen !== state.positionsRev;
    const layoutRequested = this.layoutRevSeen !== undefined && this.layoutRevSeen !== state.layoutRev;
    this.positionsRevSeen = state.positionsRev;
    this.layoutRevSeen = state.layoutRev;
    this.synced = state;

    if (positionsChanged) this.layouts.applyPositions(cy, state);
    if (layoutRequested) {
      this.layouts.run(cy, state, null);
    } else if (unplaced.size) {
      // Nothing known placed yet: a full layout; otherwise only the newcomers move.
      this.layouts.run(cy, state, unplaced.size === cy.nodes().length ? null : unplaced);
    } else if (!before && cy.nodes().length) {
      cy.fit(undefined, 30);
    }
    if (state.selection && (!before || before.selection?.id !== state.selection.id)) revealSelection(cy, state);
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

  /** The node whose edges E walks through; arrows continue from it while one of its edges is selected. */
  private edgeAnchor: string | null = null;

  /** The canvas's keys, as the shortcuts table says. */
  private readonly keys = canvasHandlers({
    moveSelection: (key) => {
      const dir = ARROWS[key];
      const selection = this.ctl.state.selection;
      const from = selection?.kind === 'node' ? selection.id : selection?.kind === 'edge' ? this.edgeAnchor : null;
      const next = this.cy && dir ? nextNode(this.cy, from, dir) : null;
      if (next) this.ctl.actions.select({ kind: 'node', id: next });
    },
    // E and Shift+E reach the selected node's edges, clockwise: the keyboard's way to an edge on the canvas.
    walkEdges: (backwards) => {
      const selection = this.ctl.state.selection;
      const edge = this.cy && this.edgeAnchor ? nextEdge(this.cy, this.edgeAnchor, selection?.kind === 'edge' ? selection.id : null, backwards) : null;
      if (!edge) return false;
      this.ctl.actions.select({ kind: 'edge', id: edge });
      return true;
    },
  });

  private readonly onKey = (event: KeyboardEvent) => {
    if (!this.cy) return;
    const selection = this.ctl.state.selection;
    if (selection?.kind === 'node') this.edgeAnchor = selection.id;
    routeKey('canvas', event, this.keys);
  };

  // ---- CanvasPort ------------------------------------------------------------------------------

  fit(): void {
    this.cy?.animate({ fit: { eles: this.cy.elements(':visible'), padding: 30 }, duration: 250 } as never);
  }

  async png(options: { background: string }): Promise<Blob> {
    if (!this.cy) throw new Error('nothing is drawn');
    return png(this.cy, options.background);
  }

  drawing(): Drawing {
    return this.cy ? drawing(this.cy) : { nodes: [], edges: [] };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-graph': KgGraph;
  }
}
