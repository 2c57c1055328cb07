// End to end: the page opens in headless Chromium and draws the graph that Neo4j holds.
import { describe, expect, it } from 'vitest';
import { canvasCounts, screenshot } from '../../bench/lib/browser.ts';
import { e2eSetup } from './helpers.ts';

describe('first drawn graph', () => {
  const e2e = e2eSetup(
    (db) =>
      db.write(`CREATE (a:Probe {id: 'probe/a', name: 'Alpha'})-[:KNOWS {id: 'probe/ab'}]->(b:Probe {id: 'probe/b', name: 'Beta'}),
                       (b)-[:KNOWS {id: 'probe/bc'}]->(:Probe {id: 'probe/c', name: 'Gamma'})`),
    { warm: false },
  );

  it('draws every node and edge the database holds', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(e2e.server.url);
    await page.waitForFunction(() => ((window as any).__kg?.cy?.nodes().length ?? 0) > 0);
    expect(await canvasCounts(page)).toEqual({ nodes: 3, edges: 2 });
    await screenshot(page, 'first-graph');
  });
});
