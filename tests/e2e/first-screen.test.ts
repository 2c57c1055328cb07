// End to end: a database of ours too large to draw whole (here the Mali dataset with overviewMaxNodes set to 10, as OVERVIEW_MAX_NODES=10 would)
// opens on its schema view, not on an overview, and the TIME panel shows the whole database's histogram from the start (issue #26).
import { describe, expect, it } from 'vitest';
import { screenshot } from '../../bench/lib/browser.ts';
import { e2eSetup, loadMali, openExplorer, settled, shadowText } from './helpers.ts';

describe('the first screen of a database too large to draw whole', { timeout: 90_000 }, () => {
  const e2e = e2eSetup(loadMali, { context: { overviewMaxNodes: 10 } });

  it('opens on the schema view with the histogram of every dated item, and a label opens its most connected actors', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.goto(e2e.server.url);
    await page.waitForFunction(() => ((window as any).__kg?.schemaCy?.nodes().length ?? 0) > 0, undefined, { timeout: 30_000 });
    await settled(page);
    expect(await page.evaluate(() => (window as any).__kg.store.state.schemaView)).toBe(true);
    // No overview was asked for, and the canvas under the schema view is empty.
    expect(asked).not.toContain('/api/graph');
    expect(await page.evaluate(() => (window as any).__kg.cy?.nodes().length ?? 0)).toBe(0);

    // The TIME panel's bars are the whole database's, from the start: as many items as the histogram counts.
    await page.locator('kg-legend kg-histogram svg').waitFor({ timeout: 30_000 });
    expect(asked).toContain('/api/timeline/histogram');
    expect(asked).not.toContain('/api/timeline');
    const histogram = (await (await fetch(`${e2e.server.url}/api/timeline/histogram`)).json()) as { total: number; months: { month: string; stated: number; inferred: number }[] };
    expect(histogram.total).toBeGreaterThan(10);
    const months = await page.locator('kg-histogram svg g[data-month]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-month')!));
    expect(months[0]).toBe(histogram.months[0]!.month);
    expect(months.at(-1)).toBe(histogram.months.at(-1)!.month);
    expect(await shadowText(page, 'kg-legend')).not.toContain('No dated events');
    await screenshot(page, 'too-large-first-screen');

    // A label of the schema view opens its most connected actors on the canvas.
    await page.locator('kg-schema-view button[data-label="Organization"]').click();
    await page.waitForFunction(() => ((window as any).__kg?.cy?.nodes().length ?? 0) > 0, undefined, { timeout: 30_000 });
    await settled(page);
    expect(await page.evaluate(() => (window as any).__kg.store.state.schemaView)).toBe(false);
    const labels: string[][] = await page.evaluate(() => [...(window as any).__kg.store.state.nodes.values()].map((n: any) => n.labels));
    expect(labels.some((l) => l.includes('Organization'))).toBe(true);
    await page.close();
  });

  it('says the threshold in the schema answer', async () => {
    const schema = (await (await fetch(`${e2e.server.url}/api/schema`)).json()) as { overviewMaxNodes: number; labels: { count: number }[] };
    expect(schema.overviewMaxNodes).toBe(10);
    expect(schema.labels.reduce((sum, l) => sum + l.count, 0)).toBeGreaterThan(10);
  });

  it('still draws a link that names its view', async () => {
    const overview = (await (await fetch(`${e2e.server.url}/api/graph?limit=5`)).json()) as { nodes: { id: string }[] };
    const page = await openExplorer(e2e.browser, `${e2e.server.url}/#o=5`);
    expect(await page.evaluate(() => (window as any).__kg.store.state.schemaView)).toBe(false);
    expect(await page.evaluate(() => (window as any).__kg.cy.nodes().length)).toBe(overview.nodes.length);
    await page.close();
  });
});
