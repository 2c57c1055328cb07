// Launches Debian's headless Chromium through playwright-core; screenshots go to test-results/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../../db/config.ts';

export const screenshotDir = path.join(projectRoot, 'test-results', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/** Counts drawn elements through the test hook that kg-graph exposes. */
export function canvasCounts(page: Page): Promise<{ nodes: number; edges: number }> {
  return page.evaluate(() => {
    const cy = (window as unknown as { __kg?: { cy: { nodes(): { length: number }; edges(): { length: number } } } }).__kg?.cy;
    return { nodes: cy?.nodes().length ?? -1, edges: cy?.edges().length ?? -1 };
  });
}
