// End to end: what the page says when the database is empty, and when the server cannot reach Neo4j at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

  /** Opens the page of an app over `db` (no graph to wait for), runs `check` on it, and closes both. */
  async function onPage(over: Database, check: (page: Page) => Promise<void>): Promise<void> {
    const server = await startServer(over);
    try {
      const page = await openExplorer(browser, server.url, { waitForNodes: false });
      await check(page);
      await page.close();
    } finally {
      await server.close();
    }
  }

  it('says the canvas is empty and offers what to do, and search says when nothing matches', async () => {
    await onPage(db, async (page) => {
      const overlay = page.locator('kg-app .overlay [role=status]');
      await overlay.waitFor();
      expect(await overlay.textContent()).toContain('The canvas is empty');
      // An empty database says how data comes in, the FtM form with its sources first (issue #26).
      await overlay.locator('.how-to-load').waitFor();
      expect(await overlay.textContent()).toContain('npm run import -- --source-url https://example.org/dump --publisher "Example Registry"');
      await page.keyboard.press('/');
      await page.keyboard.type('nobody');
      // The list says "Searching…" first; wait for the answer.
      const empty = page.locator('kg-search [role=option][aria-disabled=true]', { hasText: /No match/ });
      await empty.waitFor();
      await screenshot(page, 'states-empty');
    });
  });

  it('shows the failed first load with a retry, and a banner while Neo4j is unreachable', async () => {
    const nowhere = new Database({ uri: `bolt://127.0.0.1:${await freePort()}` });
    try {
      await onPage(nowhere, async (page) => {
        const failed = page.locator('kg-app .overlay [role=alert]');
        await failed.waitFor();
        expect(await failed.textContent()).toContain('Could not load the graph');
        expect(await page.locator('kg-app .overlay button', { hasText: 'Retry' }).count()).toBe(1);
        const banner = page.locator('kg-banner [role=alert]');
        await banner.waitFor({ timeout: 15_000 });
        expect(await shadowText(page, 'kg-banner')).toContain('Neo4j is unreachable');
        await screenshot(page, 'states-unreachable');
      });
    } finally {
      await nowhere.close();
    }
  });
});
