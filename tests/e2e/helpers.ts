// Shared by the explorer's end-to-end tests: the set-up (data, server, browser), opening the page, waiting for a settled canvas, reading the store through the test hook.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Database } from '../../db/database.ts';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { launchBrowser } from '../../bench/lib/browser.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import type { AppOptions } from '../../server/app.ts';
import { startServer, type RunningServer, type ServerContext } from '../support/server.ts';

export interface E2eSetup {
  db: Database;
  /** Set once the suite's beforeAll has run. */
  server: RunningServer;
  browser: Browser;
}

export interface E2eOptions {
  /** Warm the server's queries up before the first page (default true). */
  warm?: boolean;
  /** What main.ts would give the app: team mode's accounts and auth settings (owner mode when absent), overviewMaxNodes. */
  context?: ServerContext;
  /** The app's options (e.g. rate limits). */
  app?: AppOptions;
  /** Headers of the warm-up's requests: in team mode, a personal token (`Authorization: Bearer …`), asked once the data is in. */
  warmHeaders?: () => Record<string, string>;
}

/**
 * The set-up of an end-to-end suite, registered as its beforeAll and afterAll: the test database
 * emptied and filled by `fill`, the app on a free port (given `context`, warmed up unless `warm` is false), a browser.
 */
export function e2eSetup(fill: (db: Database) => Promise<unknown>, options: E2eOptions = {}): E2eSetup {
  const setup = { db: testDatabase() } as E2eSetup;
  beforeAll(async () => {
    await resetDatabase(setup.db);
    await fill(setup.db);
    setup.server = await startServer(setup.db, options.app, options.context);
    if (options.warm ?? true) await warmUp(setup.server.url, options.warmHeaders?.());
    setup.browser = await launchBrowser();
  });
  afterAll(async () => {
    await setup.browser?.close();
    await setup.server?.close();
    await resetDatabase(setup.db);
    await setup.db.close();
  });
  return setup;
}

export interface CanvasView {
  nodes: string[];
  edges: string[];
  visibleNodes: string[];
  visibleEdges: string[];
  selected: string[];
  renderer: string;
}

/** Opens the explorer and waits for the first drawing (or an empty canvas once loading ended). */
export async function openExplorer(browser: Browser, url: string, options: { width?: number; height?: number; waitForNodes?: boolean; timeout?: number } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: options.height ?? 720 }, acceptDownloads: true });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(url);
  const timeout = options.timeout ?? 20_000;
  if (options.waitForNodes ?? true) await page.waitForFunction(() => ((window as any).__kg?.cy?.nodes().length ?? 0) > 0, undefined, { timeout });
  await settled(page, timeout);
  return page;
}

/** Waits until no request is in flight and no layout runs (the view is what the user will see). */
export async function settled(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const kg = (window as any).__kg;
      return kg?.store && kg.store.state.phase !== 'loading' && kg.store.state.busy === 0 && !kg.layoutRunning;
    },
    undefined,
    { timeout, polling: 50 },
  );
  // One more frame so Lit has rendered the last store change.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Signs in through the page's form (team mode) and waits for the first drawing. */
export async function signIn(page: Page, who: { username: string; password: string }): Promise<void> {
  const form = page.locator('kg-sign-in form');
  await form.locator('input[name=username]').fill(who.username);
  await form.locator('input[name=password]').fill(who.password);
  await form.locator('input[name=password]').press('Enter');
  await page.waitForFunction(() => ((window as any).__kg?.cy?.nodes().length ?? 0) > 0, undefined, { timeout: 20_000 });
  await settled(page);
}

/** What Cytoscape holds and shows, through the window.__kg test hook. */
export function canvasView(page: Page): Promise<CanvasView> {
  return page.evaluate(() => {
    const kg = (window as any).__kg;
    const cy = kg.cy;
    const ids = (c: any) => c.map((e: any) => e.id()).sort();
    return {
      nodes: ids(cy.nodes()),
      edges: ids(cy.edges()),
      visibleNodes: ids(cy.nodes(':visible')),
      visibleEdges: ids(cy.edges(':visible')),
      selected: ids(cy.$(':selected')),
      renderer: kg.renderer,
    };
  });
}

export function positions(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate(() => {
    const out: Record<string, { x: number; y: number }> = {};
    (window as any).__kg.cy.nodes().forEach((n: any) => {
      out[n.id()] = { ...n.position() };
    });
    return out;
  });
}

/** How many edges of each relationship type the canvas holds. */
export function edgeTypeCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    (window as any).__kg.cy.edges().forEach((e: any) => {
      out[e.data('type')] = (out[e.data('type')] ?? 0) + 1;
    });
    return out;
  });
}

/** Selects a node or edge the way a click on it would (clicks on canvas pixels depend on the layout). */
export async function tapElement(page: Page, id: string): Promise<void> {
  // Braces: returning the Cytoscape collection would make Playwright serialize the whole graph.
  await page.evaluate((eleId) => {
    (window as any).__kg.cy.getElementById(eleId).emit('tap');
  }, id);
  await settled(page);
}

export async function searchAndChoose(page: Page, text: string, optionText: RegExp | string): Promise<void> {
  const input = page.locator('kg-search input');
  await input.click();
  await input.fill(text);
  const option = page.locator('kg-search [role=option]', { hasText: optionText }).first();
  await option.waitFor();
  await option.click();
  await settled(page);
}

/** The text of a component's shadow root (innerText of a host leaves the shadow tree out). */
export async function shadowText(page: Page, selector: string): Promise<string> {
  const text = await page.locator(selector).first().evaluate((el) => el.shadowRoot?.textContent ?? el.textContent ?? '');
  return text.replace(/\s+/g, ' ').trim();
}

export function inspectorText(page: Page): Promise<string> {
  return shadowText(page, 'kg-inspector');
}

export function expectSameMembers(actual: string[], expected: string[]): void {
  expect([...actual].sort()).toEqual([...expected].sort());
}

// ---- data ---------------------------------------------------------------------------------------

/** A large graph that is not ours: `nodes` :Bulk nodes (a `group` of seven) and `edges` :LINKS among them, the same every run. */
export async function writeBulkGraph(db: Database, nodes: number, edges: number): Promise<void> {
  await db.write(`UNWIND range(0, $n - 1) AS i CREATE (:Bulk {id: 'bulk/' + i, name: 'Bulk ' + i, group: i % 7})`, { n: nodes });
  await db.write(
    `MATCH (n:Bulk) WITH collect(n) AS ns
     UNWIND range(0, $m - 1) AS j
     WITH ns[j % size(ns)] AS a, ns[(j * 7 + 13) % size(ns)] AS b, j
     CREATE (a)-[:LINKS {id: 'bulk-link/' + j}]->(b)`,
    { m: edges },
  );
}

/** The Mali dataset in the database, through the project's own loader (schema and search index included). */
export async function loadMali(db: Database): Promise<void> {
  await loadDatasetFile(db);
  await db.read('CALL db.awaitIndexes(60)');
}

/**
 * Asks the server what the page will ask, once: Neo4j plans its queries on first use, and a cold first page would time out.
 * `headers`: in team mode, a personal token (nothing is answered to nobody).
 */
export async function warmUp(url: string, headers: Record<string, string> = {}): Promise<void> {
  const paths = ['/api/health', '/api/schema', '/api/graph?limit=300', '/api/timeline?limit=2000', '/api/timeline/histogram', '/api/sources', '/api/search?q=mali', '/api/queries'];
  await Promise.all(paths.map((p) => fetch(url + p, { headers }).then((r) => r.arrayBuffer())));
  const overview = (await (await fetch(`${url}/api/graph?limit=20`, { headers })).json()) as { nodes: { id: string }[] };
  const first = overview.nodes[0]?.id;
  if (first) {
    const id = encodeURIComponent(first);
    await Promise.all([`/api/nodes/${id}`, `/api/nodes/${id}/neighbors?limit=25`].map((p) => fetch(url + p, { headers }).then((r) => r.arrayBuffer())));
    await fetch(`${url}/api/export`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ ids: [first], format: 'json' }) }).then((r) => r.arrayBuffer());
  }
}

/** Types a query into the open console over whatever it held, runs it, and answers the error line it shows. */
export async function consoleError(page: Page, query: string): Promise<string> {
  await page.locator('kg-console .cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(query);
  await page.keyboard.press('Control+Enter');
  const error = page.locator('kg-console .error');
  await error.waitFor();
  return (await error.textContent()) ?? '';
}

