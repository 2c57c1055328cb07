// End to end on a database Civic Graph did not build (~59k nodes, eleven labels): the schema view first, composed captions, search, distinct looks, string dates on the timeline, a short link to a 300-node view.
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../../bench/lib/browser.ts';
import { buildForeignGraph, dropForeignConstraints, foreignPerson, HUB_PERSON } from '../../bench/synthetic/foreign-graph.ts';
import { applySchema } from '../../ingest/schema.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { dropCivicGraphSchema } from '../integration/api-support.ts';
import { e2eSetup, openExplorer, settled, shadowText } from './helpers.ts';

/** A one-letter typo in the middle of a word. */
function typo(word: string): string {
  const letters = [...word];
  const i = Math.floor(letters.length / 2);
  letters[i] = letters[i] === 'x' ? 'z' : 'x';
  return letters.join('');
}

/** Waits for the schema view's drawing (its own Cytoscape instance, window.__kg.schemaCy). */
async function schemaLabels(page: Page): Promise<{ label: string; color: string; shape: string }[]> {
  await page.waitForFunction(() => ((window as any).__kg?.schemaCy?.nodes().length ?? 0) > 0, undefined, { timeout: 30_000 });
  return page.evaluate(() =>
    (window as any).__kg.schemaCy.nodes().map((n: any) => ({ label: n.data('label'), color: n.style('background-color'), shape: n.style('shape') })),
  );
}

describe('a database someone else built', { timeout: 120_000 }, () => {
  const e2e = e2eSetup(async (db) => {
    // No schema of ours: the database is as its builders left it, their `uid` constraints only.
    await dropCivicGraphSchema(db);
    await buildForeignGraph((cypher, params) => db.write(cypher, params));
  });
  // Registered after e2eSetup's, so it runs first (after-hooks run in reverse): the database is still open.
  afterAll(async () => {
    // In batches: one transaction deleting ~59k nodes and ~103k relationships passes the memory a transaction may use.
    for (;;) {
      const { rows } = await e2e.db.write('MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted');
      if (Number(rows[0]?.deleted ?? 0) === 0) break;
    }
    await dropForeignConstraints((cypher, params) => e2e.db.write(cypher, params));
    await e2e.db.write('DROP INDEX entity_search IF EXISTS');
    await applySchema(e2e.db, civicSpaceModel());
  }, 120_000);

  it('opens on the schema view: every label by count with its own colour; the legend lists them all', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url, { waitForNodes: false });
    const labels = await schemaLabels(page);
    expect(labels).toHaveLength(11);
    // Pairwise distinct colours, as drawn.
    expect(new Set(labels.map((l) => l.color)).size).toBe(11);
    expect(labels.map((l) => l.label)).toEqual(expect.arrayContaining(['Person', 'Transfer', 'Account', 'Company', 'Meeting']));
    const edges = await page.evaluate(() => (window as any).__kg.schemaCy.edges().map((e: any) => ({ text: e.data('display'), color: e.style('line-color') })));
    const shape = (await (await fetch(`${e2e.server.url}/api/schema/graph`)).json()) as { relationships: unknown[] };
    console.log(`schema graph: ${shape.relationships.length} relationship patterns from the server, ${edges.length} drawn`);
    expect(edges.length).toBe(shape.relationships.length);
    expect(edges.length).toBeGreaterThan(5);
    expect(edges.every((e: { text: string }) => /^[A-Z_]+ [\d,]+$/.test(e.text))).toBe(true);
    // The main canvas stays empty underneath until a label is chosen.
    expect(await page.evaluate(() => (window as any).__kg.cy?.nodes().length ?? 0)).toBe(0);
    expect(await page.locator('kg-legend button[data-label]').count()).toBe(11);
    expect(await shadowText(page, 'kg-legend')).toMatch(/Transfer\s*0 \/ [\d]+/);
    await screenshot(page, 'foreign-schema-view');
    await page.close();
  });

  it('opens a label by keyboard: its most connected nodes with their links, people captioned by first and last name', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url, { waitForNodes: false });
    await schemaLabels(page);
    const person = page.locator('kg-schema-view button[data-label="Person"]');
    await person.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => ((window as any).__kg?.cy?.nodes().length ?? 0) > 0, undefined, { timeout: 30_000 });
    await settled(page);
    expect(await page.locator('kg-schema-view').isVisible()).toBe(false);
    const drawn = await page.evaluate(() =>
      (window as any).__kg.cy.nodes().map((n: any) => ({ id: n.id(), caption: n.data('caption'), label: n.data('label'), color: n.style('background-color') })),
    );
    const hub = `${HUB_PERSON.firstName} ${HUB_PERSON.lastName}`;
    expect(hub).toBe('Avelin Vantroué');
    expect(drawn.map((n: { caption: string }) => n.caption)).toContain(hub);
    expect(drawn.every((n: { id: string }) => n.id.startsWith('~'))).toBe(true);
    // Each label drawn has its own colour.
    const colours = new Map<string, Set<string>>();
    for (const n of drawn as { label: string; color: string }[]) colours.set(n.label, (colours.get(n.label) ?? new Set()).add(n.color));
    const perLabel = [...colours.values()].map((set) => [...set][0]);
    expect(new Set(perLabel).size).toBe(colours.size);
    // The user corrects the caption (surname first) in the legend's model panel: the canvas follows, and the link keeps it.
    await page.locator('kg-model-panel summary').click();
    await page.locator('kg-model-panel select#model-label').selectOption('Person');
    await page.locator('kg-model-panel button[aria-label="Move lastName earlier"]').click();
    await settled(page);
    const reversed = `${HUB_PERSON.lastName} ${HUB_PERSON.firstName}`;
    expect(await page.evaluate(() => (window as any).__kg.cy.nodes().map((n: any) => n.data('caption')))).toContain(reversed);
    await page.waitForFunction(() => location.hash.includes('cap=Person:lastName+firstName'), undefined, { timeout: 10_000 });
    const shared = await openExplorer(e2e.browser, page.url());
    expect(await shared.evaluate(() => (window as any).__kg.cy.nodes().map((n: any) => n.data('caption')))).toContain(reversed);
    await shared.close();
    // The toolbar leads back to the schema.
    await page.locator('kg-toolbar button.schema').click();
    await page.locator('kg-schema-view').waitFor({ state: 'visible' });
    await page.close();
  });

  it('finds a person by full name and by a one-letter typo, and says once that search scans', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url, { waitForNodes: false });
    await schemaLabels(page);
    const someone = foreignPerson(1234);
    const name = `${someone.firstName} ${someone.lastName}`;
    const input = page.locator('kg-search input');
    await input.click();
    const hint = page.locator('kg-search .hint');
    await hint.waitFor();
    expect(await hint.textContent()).toContain('npm run search-index');
    // This name exactly, not a longer surname that starts with it (person 3234 is 'Isandre Varnessyral').
    const exactly = new RegExp(`${name}(?!\\p{L})`, 'u');
    for (const query of [name, `${someone.firstName} ${typo(someone.lastName)}`]) {
      await input.fill(query);
      const option = page.locator('kg-search [role=option]', { hasText: exactly }).first();
      await option.waitFor({ timeout: 20_000 });
    }
    await page.locator('kg-search [role=option]', { hasText: exactly }).first().click();
    await settled(page);
    expect(await page.evaluate(() => (window as any).__kg.cy.nodes().map((n: any) => n.data('caption')))).toContain(name);
    // One plain line says the database keeps no evidence; no "No evidence recorded" per node.
    const inspector = await shadowText(page, 'kg-inspector');
    expect(inspector).toContain('keeps no evidence');
    expect(inspector).not.toContain('No evidence recorded');
    await page.close();
  });

  it('dates transfers by their day/month/year strings: the time filter and the timeline follow them', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url, { waitForNodes: false });
    await schemaLabels(page);
    await page.locator('kg-legend kg-histogram').waitFor({ timeout: 30_000 });
    expect(await shadowText(page, 'kg-legend')).not.toContain('No dated events');
    await page.locator('kg-schema-view button[data-label="Transfer"]').click();
    await page.waitForFunction(() => ((window as any).__kg?.cy?.nodes().length ?? 0) > 0, undefined, { timeout: 30_000 });
    await settled(page);
    const transfers: { id: string; date?: string; raw: string }[] = await page.evaluate(() =>
      [...(window as any).__kg.store.state.nodes.values()].filter((n: any) => n.labels.includes('Transfer')).map((n: any) => ({ id: n.id, date: n.date, raw: n.properties.date })),
    );
    expect(transfers.length).toBeGreaterThan(0);
    for (const t of transfers) {
      const [d, m, y] = t.raw.split('/');
      expect(t.date).toBe(`${y}-${m}-${d}`);
    }
    // The month of the first transfer: the transfers of other months leave the canvas.
    const month = transfers[0]!.date!.slice(0, 7);
    await page.evaluate((m) => (window as any).__kg.actions.setTimeRange({ from: m, to: m }), month);
    await settled(page);
    const visible: string[] = await page.evaluate(() => (window as any).__kg.cy.nodes(':visible').map((n: any) => n.id()));
    const inMonth = transfers.filter((t) => t.date!.startsWith(month)).map((t) => t.id);
    expect(inMonth.length).toBeGreaterThan(0);
    for (const t of transfers) expect(visible.includes(t.id)).toBe(inMonth.includes(t.id));
    // The timeline of that month lists transfers.
    await page.locator('kg-app nav button', { hasText: 'Timeline' }).click();
    await page.locator('kg-timeline li button').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => shadowText(page, 'kg-timeline'), { timeout: 20_000 }).toContain('Transfer');
    expect(await shadowText(page, 'kg-timeline')).toMatch(/\d+ events/);
    await screenshot(page, 'foreign-transfers-timeline');
    // The console offers this database's examples, not the Mali ones, and starts on the first.
    await page.locator('kg-app nav button', { hasText: 'Cypher' }).click();
    await page.locator('kg-console .cm-content').waitFor();
    await expect.poll(() => page.locator('kg-console .cm-content').textContent(), { timeout: 10_000 }).toMatch(/MATCH/);
    expect(await page.locator('kg-console .cm-content').textContent()).not.toContain(':Entity');
    await page.close();
  });

  it('keeps a 300-node view in a short link, and a reload brings all 300 back', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url, { waitForNodes: false });
    await schemaLabels(page);
    // 300 people, as a console query would put them on the canvas (the links among them follow).
    await page.evaluate(async () => {
      const response = await fetch('/api/cypher', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'MATCH (n:Person) RETURN n ORDER BY n.uid LIMIT 300', params: {} }) });
      const body = await response.json();
      (window as any).__kg.actions.showResult(body.graph, 'replace');
    });
    await page.waitForFunction(() => ((window as any).__kg?.cy?.nodes().length ?? 0) >= 300, undefined, { timeout: 60_000 });
    await settled(page, 60_000);
    const before: string[] = await page.evaluate(() => (window as any).__kg.cy.nodes().map((n: any) => n.id()).sort());
    expect(before).toHaveLength(300);
    // The URL follows the view once written (compression is asynchronous).
    await page.waitForFunction(() => location.hash.includes('z='), undefined, { timeout: 10_000 });
    const url = page.url();
    console.log(`link to a 300-node view: ${url.length} characters`);
    expect(url.length).toBeLessThan(2000);
    const again = await openExplorer(e2e.browser, url, { timeout: 60_000 });
    const after: string[] = await again.evaluate(() => (window as any).__kg.cy.nodes().map((n: any) => n.id()).sort());
    expect(after).toEqual(before);
    expect(await again.locator('kg-schema-view').count()).toBe(0);
    await again.close();
    await page.close();
  });
});
