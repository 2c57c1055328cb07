// End to end: what the page says when the database is empty, and when the server cannot reach Neo4j at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Database } from '../../db/database.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { freePort } from '../../bench/lib/net.ts';
import { startServer } from '../support/server.ts';
import { launchBrowser, screenshot } from '../../bench/lib/browser.ts';
import { openExplorer, shadowText } from './helpers.ts';

describe('empty, failed and unreachable states', { timeout: 60_000 }, () => {
  const db = testDatabase();
  let browser: Browser;

  beforeAll(async () => {
    await resetDatabase(db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await db.close();
  });

  it('says the canvas is empty and offers what to do, and search says when nothing matches', async () => {
    const server = await startServer(db);
    try {
      const page = await openExplorer(browser, server.url, { waitForNodes: false });
      const overlay = page.locator('kg-app .overlay [role=status]');
      await overlay.waitFor();
      expect(await overlay.textContent()).toContain('The canvas is empty');
      await page.keyboard.press('/');
      await page.keyboard.type('nobody');
      const empty = page.locator('kg-search [role=option][aria-disabled=true]');
      await empty.waitFor();
      expect(await empty.textContent()).toMatch(/No match/);
      await screenshot(page, 'states-empty');
      await page.close();
    } finally {
      await server.close();
    }
  });

  it('shows the failed first load with a retry, and a banner while Neo4j is unreachable', async () => {
    const nowhere = new Database({ uri: `bolt://127.0.0.1:${await freePort()}` });
    const server = await startServer(nowhere);
    try {
      const page = await openExplorer(browser, server.url, { waitForNodes: false });
      const failed = page.locator('kg-app .overlay [role=alert]');
      await failed.waitFor();
      expect(await failed.textContent()).toContain('Could not load the graph');
      expect(await page.locator('kg-app .overlay button', { hasText: 'Retry' }).count()).toBe(1);
      const banner = page.locator('kg-banner [role=alert]');
      await banner.waitFor({ timeout: 15_000 });
      expect(await shadowText(page, 'kg-banner')).toContain('Neo4j is unreachable');
      await screenshot(page, 'states-unreachable');
      await page.close();
    } finally {
      await server.close();
      await nowhere.close();
    }
  });
});
