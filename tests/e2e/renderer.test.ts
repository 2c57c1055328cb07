// End to end: which renderer draws a large view. Headless Chromium rasterizes WebGL in software (SwiftShader), where the 2D canvas is the fast one; ?renderer= and localStorage force either.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canvasView, e2eSetup, openExplorer, writeBulkGraph } from './helpers.ts';

const NODES = 800;
const EDGES = 1500;

/** What the page found out about WebGL, and what it drew with. */
function drawnWith(page: Page): Promise<{ renderer: string; webgl: { available: boolean; software: boolean; name: string }; canvases: string[]; counts: string }> {
  return page.evaluate(() => {
    const kg = (window as any).__kg;
    return {
      renderer: kg.renderer,
      webgl: kg.webgl,
      canvases: [...kg.cy.container().querySelectorAll('canvas')].map((c: any) => c.getAttribute('data-id')),
      counts: document.querySelector('kg-app')!.shadowRoot!.querySelector('.counts')!.textContent ?? '',
    };
  });
}

describe('the renderer of a large view', { timeout: 120_000 }, () => {
  const e2e = e2eSetup((db) => writeBulkGraph(db, NODES, EDGES));

  it('is the canvas where WebGL is software, as in headless Chromium', async () => {
    const page = await openExplorer(e2e.browser, `${e2e.server.url}/#o=${NODES}`, { timeout: 60_000 });
    const view = await canvasView(page);
    expect(view.nodes.length + view.edges.length).toBe(NODES + EDGES);
    const drawn = await drawnWith(page);
    // Debian's headless Chromium (launched with --disable-gpu) draws WebGL with SwiftShader.
    expect(drawn.webgl.available).toBe(true);
    expect(drawn.webgl.software, `WebGL renderer '${drawn.webgl.name}'`).toBe(true);
    expect(drawn.renderer).toBe('canvas');
    expect(drawn.canvases).not.toContain('layer3-webgl');
    expect(drawn.counts).not.toContain('WebGL');
    await page.close();
  });

  it('is WebGL when the address asks for it with ?renderer=webgl', async () => {
    const page = await openExplorer(e2e.browser, `${e2e.server.url}/?renderer=webgl#o=${NODES}`, { timeout: 60_000 });
    expect((await canvasView(page)).nodes).toHaveLength(NODES);
    const drawn = await drawnWith(page);
    expect(drawn.renderer).toBe('webgl');
    expect(drawn.canvases).toContain('layer3-webgl');
    expect(drawn.counts).toContain('WebGL');
    await page.close();
  });

  it('follows a choice stored in localStorage, which ?renderer= overrides', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript(() => localStorage.setItem('civic-graph.renderer', 'webgl'));
    const stored = await context.newPage();
    await stored.goto(`${e2e.server.url}/#o=${NODES}`);
    await stored.waitForFunction(() => ((window as any).__kg?.cy?.nodes().length ?? 0) > 0, undefined, { timeout: 60_000 });
    expect((await drawnWith(stored)).renderer).toBe('webgl');
    const overridden = await context.newPage();
    await overridden.goto(`${e2e.server.url}/?renderer=canvas#o=${NODES}`);
    await overridden.waitForFunction(() => ((window as any).__kg?.cy?.nodes().length ?? 0) > 0, undefined, { timeout: 60_000 });
    expect((await drawnWith(overridden)).renderer).toBe('canvas');
    await context.close();
  });
});
