// The Cytoscape instance's lifecycle: canvas or WebGL by view size and by what draws WebGL (or as forced), re-created when the size class changes, restyled with the colour scheme and zoom.
import cytoscape, { type Core } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { Point } from '../state/store.ts';
import { stylesheet } from './stylesheet.ts';
import { chooseRenderer, forcedRenderer, storedRenderer, webglSupport, type RendererMode } from './webgl.ts';
import { testHook } from './test-hook.ts';

cytoscape.use(fcose);

export { WEBGL_THRESHOLD, type RendererMode } from './webgl.ts';

/** Above this many elements layouts run without animation and cheaper, and captions wait for a closer zoom. */
export const LARGE = 1000;
/** In large views, node captions show from this zoom on (below it they would be a grey smudge). */
const CAPTION_ZOOM = 0.75;
/**
 * Nodes whose caption is not drawn (a large view zoomed out) carry this class. Toggling it restyles
 * the nodes only; restyling the whole sheet recomputed every edge too (0.33 s for 5,000 elements,
 * each time the zoom crossed CAPTION_ZOOM; npm run bench -- --only ui, with CIVIC_UI_PROFILE).
 */
const NO_CAPTION = 'kg-nocaption';

/** What the user does on the canvas, reported to the element that owns the renderer. */
export interface CanvasEvents {
  tapNode(id: string): void;
  tapEdge(id: string): void;
  tapBackground(): void;
  doubleTapNode(id: string): void;
  dragged(): void;
  created(mode: RendererMode): void;
}

function darkScheme(): boolean {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

export class Renderer {
  cy?: Core;
  mode: RendererMode = 'canvas';
  large = false;
  private captions = true;
  /** Read once: a forced renderer holds for the page's life. */
  private readonly forced = forcedRenderer(location.search, storedRenderer());
  private dark = darkScheme();
  private readonly media = window.matchMedia?.('(prefers-color-scheme: dark)');
  private readonly onScheme = () => {
    this.dark = darkScheme();
    this.restyle();
  };

  constructor(
    private readonly container: () => HTMLElement,
    private readonly events: CanvasEvents,
  ) {
    this.media?.addEventListener('change', this.onScheme);
  }

  /**
   * Makes sure an instance fit for a view of `size` elements exists. Returns the node positions of
   * the instance it replaced (empty when it kept the instance), so a swap does not move anything.
   */
  prepare(size: number): { cy: Core; carried: Map<string, Point> | null } {
    const large = size > LARGE;
    const mode = chooseRenderer(size, webglSupport(), this.forced);
    // The canvas renderer reads textureOnViewport and hideEdgesOnViewport once, when it is created:
    // a view that grows past LARGE needs a new instance, or every pan frame redraws every element
    // (a 20k-element pan took 0.9 s a frame instead of 33 ms; npm run bench -- --only ui).
    // An empty canvas about to receive a view starts afresh too: Cytoscape builds its layered texture (what
    // a pan redraws from) in one go only on an instance's first frame with elements; on one that drew an
    // empty canvas first, it drew every element directly on each frame while queueing the layers a few
    // elements at a time (the first 11 frames of a 1,000-element pan at 50-130 ms each, the bare page none;
    // CPU profile of the pan, npm run bench -- --only ui).
    const emptied = mode === 'canvas' && size > 0 && this.cy?.elements().empty() === true;
    if (!this.cy || emptied || mode !== this.mode || (mode === 'canvas' && large !== this.large)) {
      this.large = large;
      this.captions = !large;
      return this.create(mode);
    }
    if (large !== this.large) {
      this.large = large;
      this.restyle();
      this.showCaptions(!large || this.cy.zoom() >= CAPTION_ZOOM);
    }
    return { cy: this.cy, carried: null };
  }

  restyle(): void {
    this.cy?.style(this.sheet());
  }

  private sheet(): cytoscape.StylesheetJson {
    return [...stylesheet({ dark: this.dark, large: this.large, captions: true }), { selector: `node.${NO_CAPTION}`, style: { label: '' } }];
  }

  /** Shows or hides every node's caption by the class, restyling nodes and not edges. */
  private showCaptions(captions: boolean): void {
    this.captions = captions;
    const cy = this.cy;
    if (cy) cy.batch(() => cy.nodes().toggleClass(NO_CAPTION, !captions));
  }

  destroy(): void {
    this.media?.removeEventListener('change', this.onScheme);
    this.cy?.destroy();
    this.cy = undefined;
  }

  /** Large views drop node captions when zoomed out: thousands of labels stay readable by not being drawn. */
  private updateCaptions(): void {
    const cy = this.cy;
    if (!cy) return;
    const captions = !this.large || cy.zoom() >= CAPTION_ZOOM;
    if (captions !== this.captions) this.showCaptions(captions);
  }

  private create(mode: RendererMode): { cy: Core; carried: Map<string, Point> } {
    const previous = this.cy;
    const carried = new Map<string, Point>();
    previous?.nodes().forEach((n) => void carried.set(n.id(), { ...n.position() }));
    previous?.destroy();
    this.mode = mode;
    const options: cytoscape.CytoscapeOptions & Record<string, unknown> = {
      container: this.container(),
      style: this.sheet(),
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
    const events = this.events;
    cy.on('tap', 'node', (event) => events.tapNode(event.target.id()));
    cy.on('tap', 'edge', (event) => events.tapEdge(event.target.id()));
    cy.on('tap', (event) => {
      if (event.target === cy) events.tapBackground();
    });
    cy.on('dbltap', 'node', (event) => events.doubleTapNode(event.target.id()));
    cy.on('dragfree', 'node', () => events.dragged());
    cy.on('zoom', () => this.updateCaptions());
    // Nodes added while captions are off join them.
    cy.on('add', 'node', (event) => {
      if (!this.captions) event.target.addClass(NO_CAPTION);
    });
    const hook = testHook();
    hook.cy = cy;
    hook.renderer = mode;
    hook.webgl = webglSupport();
    events.created(mode);
    return { cy, carried };
  }
}

/** Are these elements entirely inside the viewport? */
export function inView(cy: Core, eles: cytoscape.CollectionReturnValue): boolean {
  const box = eles.renderedBoundingBox();
  return box.x1 >= 0 && box.y1 >= 0 && box.x2 <= cy.width() && box.y2 <= cy.height();
}
