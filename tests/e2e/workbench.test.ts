// End to end, the analyst's workbench: Cypher console, views in the URL, back/forward, exports, keyboard, list view.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../../bench/lib/browser.ts';
import { parseCsv } from '../../client/src/export/metrics.ts';
import { canvasView, consoleError, e2eSetup, expectSameMembers, loadMali, openExplorer, positions, settled, shadowText, tapElement } from './helpers.ts';

describe('analyst workbench on the Mali dataset', { timeout: 60_000 }, () => {
  const e2e = e2eSetup(loadMali);

  async function focusedDescription(page: Page): Promise<{ tag: string; text: string; outline: string }> {
    return page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const style = el ? getComputedStyle(el) : null;
      return { tag: el?.tagName ?? '', text: (el?.textContent ?? '').trim(), outline: style ? `${style.outlineStyle} ${style.boxShadow}` : '' };
    });
  }

  it('runs a console query: the graph on the canvas, the rows in a table; a write is refused inline', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url);
    const consoleChunk = () => page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.includes('kg-console')).length);
    expect(await consoleChunk()).toBe(0);
    await page.keyboard.press('q');
    await page.locator('kg-console .cm-content').waitFor();
    expect(await consoleChunk()).toBe(1);

    await page.locator('kg-console select[aria-label="Example queries"]').selectOption({ label: 'Dissolutions in date order' });
    await page.locator('kg-console .cm-content').click();
    await page.keyboard.press('Control+Enter');
    await page.locator('kg-result-table tbody tr').first().waitFor();
    await settled(page);
    const rows = await page.locator('kg-result-table tbody tr').count();
    expect(rows).toBeGreaterThan(1);
    expect(await shadowText(page, 'kg-console')).toMatch(/\d+ rows/);
    const result = await page.evaluate(async () => {
      const consoleEl = document.querySelector('kg-app')!.shadowRoot!.querySelector('kg-console') as any;
      const response = await fetch('/api/cypher', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: consoleEl.query, params: {} }) });
      const body = await response.json();
      return { nodes: body.graph.nodes.map((n: any) => n.id), edges: body.graph.edges.map((e: any) => e.id) };
    });
    const view = await canvasView(page);
    expectSameMembers(view.nodes, result.nodes);
    for (const edge of result.edges) expect(view.edges).toContain(edge);
    await screenshot(page, 'workbench-console');

    // A write: refused by the server, shown in the console with its code; the canvas stays as it was.
    expect(await consoleError(page, "CREATE (n:Intruder {name: 'x'}) RETURN n")).toMatch(/^read_only: /);
    expect((await canvasView(page)).nodes).toEqual(view.nodes);
    const intruders = await e2e.db.read('MATCH (n:Intruder) RETURN count(n) AS n');
    expect(Number(intruders.rows[0]!.n)).toBe(0);
    await screenshot(page, 'workbench-console-refused');
    await page.close();
  });

  it('restores a copied link in another browser, and walks back and forward through view changes', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url);
    await page.getByRole('button', { name: 'Clear' }).click();
    await settled(page);
    const start = page.url();
    await page.keyboard.press('/');
    await page.keyboard.type('junta');
    await page.locator('kg-search [role=option]').first().waitFor();
    await page.keyboard.press('Enter');
    await settled(page);
    await page.keyboard.press('Enter');
    await settled(page);
    const expanded = await canvasView(page);
    expect(expanded.nodes.length).toBeGreaterThan(3);
    const afterExpand = page.url();
    const type = await page.evaluate(() => (window as any).__kg.cy.edges()[0].data('type') as string);
    await page.locator(`kg-legend button[data-type="${type}"]`).click();
    await settled(page);
    await page.locator('kg-toolbar select#layout').selectOption('concentric');
    await settled(page);
    await page.keyboard.press('v');
    await settled(page);
    const view = await canvasView(page);
    const placed = await positions(page);
    const link = page.url();
    expect(link).toContain('l=concentric');
    expect(link).toContain(`ht=${type}`);
    expect(link).toContain('panels=list');

    // Another browser (a fresh context shares nothing with this one) opens the link.
    const other = await e2e.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const copy = await other.newPage();
    await copy.goto(link);
    await copy.waitForFunction(() => ((window as any).__kg?.cy?.nodes().length ?? 0) > 0);
    await settled(copy);
    const restored = await canvasView(copy);
    expect(restored.nodes).toEqual(view.nodes);
    expect(restored.edges).toEqual(view.edges);
    expect(restored.visibleEdges).toEqual(view.visibleEdges);
    expect(restored.selected).toEqual(view.selected);
    expect(await copy.locator('kg-toolbar select#layout').inputValue()).toBe('concentric');
    expect(await copy.locator(`kg-legend button[data-type="${type}"]`).getAttribute('aria-pressed')).toBe('false');
    await copy.locator('kg-list-view #nodes-table').waitFor();
    const again = await positions(copy);
    for (const [id, p] of Object.entries(placed)) {
      expect(Math.abs(again[id]!.x - p.x), id).toBeLessThanOrEqual(1);
      expect(Math.abs(again[id]!.y - p.y), id).toBeLessThanOrEqual(1);
    }
    await screenshot(copy, 'workbench-restored-link');
    await other.close();

    // Back: the list closes, then the layout, then the filter; back to the expansion; forward again.
    await page.goBack();
    await settled(page);
    expect(page.url()).not.toContain('panels=list');
    await page.goBack();
    await settled(page);
    expect(page.url()).not.toContain('l=concentric');
    await page.goBack();
    await settled(page);
    expect((await canvasView(page)).visibleEdges.length).toBe(expanded.visibleEdges.length);
    expect(page.url()).toBe(afterExpand);
    while (page.url() !== start && (await canvasView(page)).nodes.length > 0) {
      await page.goBack();
      await settled(page);
    }
    expect((await canvasView(page)).nodes).toEqual([]);
    await page.goForward();
    await settled(page);
    expect((await canvasView(page)).nodes.length).toBeGreaterThan(0);
    await page.close();
  });

  it('exports PNG and SVG pictures and JSON, CSV and GraphML files of what is on screen', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url);
    const view = await canvasView(page);
    const save = async (id: string): Promise<{ name: string; data: Buffer }> => {
      await page.locator('kg-export #export').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`kg-export [data-export="${id}"]`).click()]);
      return { name: download.suggestedFilename(), data: readFileSync((await download.path())!) };
    };

    const png = await save('png');
    expect(png.name).toMatch(/\.png$/);
    expect(png.data.subarray(1, 4).toString()).toBe('PNG');
    const width = png.data.readUInt32BE(16);
    const height = png.data.readUInt32BE(20);
    expect(width).toBeGreaterThan(400);
    expect(height).toBeGreaterThan(200);

    const svg = await save('svg');
    const svgCheck = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        nodes: doc.querySelectorAll('g.nodes > g').length,
        legend: [...doc.querySelectorAll('g.legend text')].map((t) => t.textContent),
      };
    }, svg.data.toString('utf8'));
    expect(svgCheck.error).toBeNull();
    expect(svgCheck.nodes).toBe(view.visibleNodes.length);
    expect(svgCheck.legend).toContain('Labels');

    const json = JSON.parse((await save('json')).data.toString('utf8'));
    expectSameMembers(json.nodes.map((n: { id: string }) => n.id), view.visibleNodes);
    expect(json.nodes.every((n: { evidence: unknown[] }) => n.evidence.length > 0)).toBe(true);

    const nodesCsv = parseCsv((await save('csv-nodes')).data.toString('utf8')).filter((r) => r.length > 1);
    expect(nodesCsv[0]![0]).toBe('Id');
    expectSameMembers(nodesCsv.slice(1).map((r) => r[0]!), view.visibleNodes);
    const edgesCsv = parseCsv((await save('csv-edges')).data.toString('utf8')).filter((r) => r.length > 1);
    expect(edgesCsv[0]!.slice(0, 3)).toEqual(['Source', 'Target', 'Type']);
    expect(edgesCsv.length - 1).toBe(view.visibleEdges.length);

    const graphml = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, nodes: doc.getElementsByTagName('node').length, edges: doc.getElementsByTagName('edge').length };
    }, (await save('graphml')).data.toString('utf8'));
    expect(graphml.error).toBeNull();
    expect(graphml.nodes).toBe(view.visibleNodes.length);
    expect(graphml.edges).toBe(view.visibleEdges.length);
    await page.close();
  });

  it('goes from search to the inspector and the source with the keyboard only, focus always visible', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url);
    await page.keyboard.press('?');
    await page.locator('kg-help dialog[open]').waitFor();
    expect(await shadowText(page, 'kg-help')).toContain('Undo an expansion');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('kg-help dialog[open]').count()).toBe(0);

    await page.keyboard.press('/');
    await page.keyboard.type('Observatory');
    await page.locator('kg-search [role=option]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await settled(page);
    expect(await page.locator('kg-inspector h2').textContent()).toMatch(/Observatory/);
    expect((await focusedDescription(page)).tag).toBe('KG-GRAPH');

    // Arrow keys move the selection on the canvas; Tab walks on to the inspector's evidence.
    const selectedBefore = (await canvasView(page)).selected;
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    expect((await canvasView(page)).selected.length).toBe(1);
    await tapElement(page, selectedBefore[0]!);
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      const focused = await focusedDescription(page);
      expect(focused.outline, `focus on ${focused.tag} "${focused.text}" is visible`).not.toBe('none none');
      reached = focused.text === 'Show in source';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    const mark = page.locator('kg-source-viewer mark');
    await mark.waitFor();
    expect((await mark.textContent())!.length).toBeGreaterThan(5);
    await screenshot(page, 'workbench-keyboard-source');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('kg-source-viewer dialog[open]').count()).toBe(0);
    await page.close();
  });

  it('lists what is on the canvas in sortable tables kept in step with selection and filters', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url);
    await page.keyboard.press('v');
    await page.locator('kg-list-view #nodes-table tbody tr').first().waitFor();
    const rowIds = (table: string) => page.locator(`kg-list-view ${table} tbody tr`).evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id!));
    let view = await canvasView(page);
    expectSameMembers(await rowIds('#nodes-table'), view.visibleNodes);
    expectSameMembers(await rowIds('#edges-table'), view.visibleEdges);

    await page.locator('kg-legend button[data-label="Organization"]').click();
    await settled(page);
    view = await canvasView(page);
    expectSameMembers(await rowIds('#nodes-table'), view.visibleNodes);
    expectSameMembers(await rowIds('#edges-table'), view.visibleEdges);

    // Sorting by name, both ways.
    const names = () => page.locator('kg-list-view #nodes-table tbody tr td:first-child').allTextContents();
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    const ascending = await names();
    expect([...ascending].sort(collator.compare)).toEqual(ascending);
    await page.locator('kg-list-view #nodes-table th button', { hasText: 'Name' }).click();
    expect(await page.locator('kg-list-view #nodes-table th[aria-sort=descending]').count()).toBe(1);
    expect(await names()).toEqual([...ascending].reverse());

    // A row selects on the canvas; the canvas selection marks its row.
    const row = page.locator('kg-list-view #nodes-table tbody tr').nth(2);
    const id = (await row.getAttribute('data-id'))!;
    await row.focus();
    await page.keyboard.press('Enter');
    await settled(page);
    expect((await canvasView(page)).selected).toEqual([id]);
    const edge = view.visibleEdges[0]!;
    await tapElement(page, edge);
    expect(await page.locator('kg-list-view #edges-table tr[aria-current=true]').getAttribute('data-id')).toBe(edge);
    await screenshot(page, 'workbench-list-view');
    await page.close();
  });

  it('stays usable in a narrow window', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url, { width: 700, height: 900 });
    const view = await canvasView(page);
    expect(view.visibleNodes.length).toBeGreaterThan(5);
    const box = await page.locator('kg-graph').boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    expect(box!.height).toBeGreaterThan(300);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await screenshot(page, 'workbench-narrow');
    await page.close();
  });
});
