// End to end: the page opens in headless Chromium and draws the graph that Neo4j holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { canvasCounts, launchBrowser, screenshot } from '../../bench/lib/browser.ts';

describe('first drawn graph', () => {
  const db = testDatabase();
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    await resetDatabase(db);
    await db.write(`CREATE (a:Probe {id: 'probe/a', name: 'Alpha'})-[:KNOWS {id: 'probe/ab'}]->(b:Probe {id: 'probe/b', name: 'Beta'}),
                           (b)-[:KNOWS {id: 'probe/bc'}]->(:Probe {id: 'probe/c', name: 'Gamma'})`);
    server = await startServer(db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await resetDatabase(db);
    await db.close();
  });

  it('draws every node and edge the database holds', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(server.url);
    await page.waitForFunction(() => ((window as any).__kg?.cy?.nodes().length ?? 0) > 0);
    expect(await canvasCounts(page)).toEqual({ nodes: 3, edges: 2 });
    await screenshot(page, 'first-graph');
  });
});
