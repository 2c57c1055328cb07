// End to end on generated data: capped expansion with "N more" and by-type paging, and a 5,000-element view drawn with WebGL.
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../../bench/lib/browser.ts';
import { canvasView, e2eSetup, edgeTypeCounts, inspectorText, openExplorer, settled, writeBulkGraph } from './helpers.ts';

const BULK_NODES = 2000;
const BULK_EDGES = 3200;
const SPOKES = 60;

describe('large views and capped expansion', { timeout: 90_000 }, () => {
  const e2e = e2eSetup(async (db) => {
    // A foreign-looking graph (no Entity label, no index of ours): a hub with 60 spokes of two types, and a large random part.
    await db.write(`CREATE (:Hub {id: 'hub/center', name: 'Central hub'})`);
    await db.write(
      `MATCH (h:Hub) UNWIND range(0, $spokes - 1) AS i
       CREATE (s:Spoke {id: 'spoke/' + i, name: 'Spoke ' + i})
       CREATE (h)-[:$(CASE WHEN i % 2 = 0 THEN 'FUNDS' ELSE 'ADVISES' END) {id: 'spoke-link/' + i}]->(s)`,
      { spokes: SPOKES },
    );
    await writeBulkGraph(db, BULK_NODES, BULK_EDGES);
  });
  /** The hub's public id: on a database that is not ours, '~' and its element id (its own `id` is just a property). */
  let hub: string;
  // The largest overview the page asks for, once, so its first drawing does not wait for Neo4j's planner.
  beforeAll(async () => {
    hub = '~' + String((await e2e.db.read('MATCH (h:Hub) RETURN elementId(h) AS id')).rows[0]!.id);
    await fetch(`${e2e.server.url}/api/graph?limit=2000`).then((r) => r.arrayBuffer());
  });

  it('expands within the cap, offers "N more" and by-type pages, and undoes a page', async () => {
    const page = await openExplorer(e2e.browser, `${e2e.server.url}/#n=${encodeURIComponent(hub)}&s=n:${encodeURIComponent(hub)}`);
    expect((await canvasView(page)).nodes).toEqual([hub]);
    await page.locator('kg-graph').focus();
    await page.keyboard.press('Enter');
    await settled(page);
    let view = await canvasView(page);
    expect(view.nodes).toHaveLength(26);
    await expect.poll(() => inspectorText(page)).toContain(`25 of ${SPOKES} relationships on the canvas`);
    // The canvas says so too: the hub's caption carries the count of what is left.
    expect(await page.evaluate((id) => (window as any).__kg.cy.getElementById(id).data('display'), hub)).toContain('+35 more');
    const more = page.locator('kg-inspector .more-button');
    expect(await more.textContent()).toMatch(/35 more/);
    await screenshot(page, 'large-capped-expansion');

    await more.click();
    await settled(page);
    expect((await canvasView(page)).nodes).toHaveLength(51);
    await expect.poll(() => more.textContent()).toMatch(/10 more/);
    await page.keyboard.press('Control+z');
    await settled(page);
    expect((await canvasView(page)).nodes).toHaveLength(26);

    // By type: the ADVISES spokes only; FUNDS stays as it was.
    const byType = () => edgeTypeCounts(page);
    const before = await byType();
    // The type the first page brought least of.
    const [narrow, other] = (before.FUNDS ?? 0) <= (before.ADVISES ?? 0) ? ['FUNDS', 'ADVISES'] : ['ADVISES', 'FUNDS'];
    const otherCount = before[other] ?? 0;
    await page.locator(`kg-inspector button.by-type[data-type="${narrow}"]`).click();
    await settled(page);
    let after = await byType();
    expect(after[other] ?? 0).toBe(otherCount);
    expect(after[narrow]).toBeGreaterThanOrEqual(Math.min(25, SPOKES / 2));
    await more.click();
    await settled(page);
    after = await byType();
    expect(after[narrow]).toBe(SPOKES / 2);
    expect(after[other] ?? 0).toBe(otherCount);
    view = await canvasView(page);
    expect(view.nodes).toHaveLength(1 + otherCount + SPOKES / 2);
    await page.close();
  });

  it(`draws ${BULK_NODES + BULK_EDGES} elements with the WebGL renderer, labels giving way`, async () => {
    // Forced: this headless Chromium's WebGL is software, where the app prefers the canvas (tests/e2e/renderer.test.ts).
    const page = await openExplorer(e2e.browser, `${e2e.server.url}/?renderer=webgl#o=2000`, { timeout: 80_000 });
    const view = await canvasView(page);
    expect(view.nodes.length).toBe(BULK_NODES);
    expect(view.nodes.length + view.edges.length).toBeGreaterThanOrEqual(5000);
    expect(view.renderer).toBe('webgl');
    const drawn = await page.evaluate(() => {
      const cy = (window as any).__kg.cy;
      const canvases = [...cy.container().querySelectorAll('canvas')].map((c: any) => c.getAttribute('data-id'));
      const node = cy.nodes()[0];
      return {
        canvases,
        zoom: cy.zoom(),
        minZoomedFont: node.pstyle('min-zoomed-font-size').pfValue,
        fontSize: node.pstyle('font-size').pfValue,
        edgeLabel: cy.edges()[0].pstyle('label').strValue,
        nodeLabel: node.pstyle('label').strValue,
      };
    });
    expect(drawn.canvases).toContain('layer3-webgl');
    // At the zoom that fits thousands of nodes, captions are below the size at which they are drawn.
    expect(drawn.fontSize * drawn.zoom).toBeLessThan(drawn.minZoomedFont);
    expect(drawn.edgeLabel).toBe('');
    expect(drawn.nodeLabel).toBe('');
    // Zoomed in, captions come back.
    const zoomedLabel = await page.evaluate(() => {
      const cy = (window as any).__kg.cy;
      cy.zoom({ level: 1.5, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      return cy.nodes()[0].pstyle('label').strValue as string;
    });
    expect(zoomedLabel).toMatch(/^Bulk \d+$|^Spoke|^Central/);
    expect(await page.locator('kg-app').evaluate((el) => el.shadowRoot!.querySelector('.counts')!.textContent)).toContain('WebGL');
    await screenshot(page, 'large-webgl-view');
    await page.close();
  });

  it('falls back to the canvas renderer where WebGL is missing', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        return type === 'webgl2' || type === 'webgl' ? null : (original as any).call(this, type, ...rest);
      } as typeof original;
    });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/#o=2000`);
    // The renderer is chosen as soon as the elements are there.
    await page.waitForFunction(() => ((window as any).__kg?.cy?.nodes().length ?? 0) > 0, undefined, { timeout: 60_000 });
    const view = await canvasView(page);
    expect(view.nodes.length + view.edges.length).toBeGreaterThanOrEqual(5000);
    expect(view.renderer).toBe('canvas');
    await context.close();
  });
});
