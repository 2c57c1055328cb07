// End to end in team mode, per dataset (issue #24): a viewer granted dataset A signs in and sees only A, signs out; an admin grants B in the page; the viewer signs in again and finds B; the audit trail shows the sign-ins and the grant.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { Accounts } from '../../server/accounts/accounts.ts';
import { hashPassword } from '../../server/accounts/passwords.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';
import { tempDir } from '../support/temp-dir.ts';
import { e2eSetup, shadowText, signIn } from './helpers.ts';

const ADMIN = { username: 'ada', displayName: 'Ada Admin', password: 'ada-long-enough-secret' };
const VIEWER = { username: 'vera', displayName: 'Vera Viewer', password: 'vera-long-enough-secret' };

const A = 'test/alpha';
const B = 'test/bravo';
const A_TITLE = 'Alpha Association files';
const B_TITLE = 'Bravo Collective files';

const quote = (source: string, text: string) => [{ source, quote: text }];

/** Dataset A: an association, its member, a meeting; all names invented. */
function datasetA() {
  const text = ['Alpha Association held a meeting.', 'Anna Example is a member of Alpha Association.'];
  const r = (i: number) => quote('src/alpha-report', text[i]!);
  return fixtureDataset(A, A_TITLE, {
    sources: [{ id: 'src/alpha-report', title: 'Alpha Report', publisher: 'Alpha Press', url: 'https://example.org/alpha', language: 'en', excerpt: text }],
    entities: [
      { id: 'org/alpha', type: 'Organization', name: 'Alpha Association', evidence: r(0) },
      { id: 'person/anna', type: 'Person', name: 'Anna Example', evidence: r(1) },
    ],
    relations: [{ id: 'rel-alpha-anna', type: 'MEMBER_OF', from: 'person/anna', to: 'org/alpha', evidence: r(1) }],
  });
}

/** Dataset B: another collective and its member, nothing shared with A. */
function datasetB() {
  const text = ['Zed Hiddenman is a member of the Bravo Collective.'];
  const r = quote('src/bravo-bulletin', text[0]!);
  return fixtureDataset(B, B_TITLE, {
    sources: [{ id: 'src/bravo-bulletin', title: 'Bravo Bulletin', publisher: 'Bravo Press', url: 'https://example.org/bravo', language: 'en', excerpt: text }],
    entities: [
      { id: 'org/bravo', type: 'Organization', name: 'Bravo Collective', evidence: r },
      { id: 'person/zed', type: 'Person', name: 'Zed Hiddenman', evidence: r },
    ],
    relations: [{ id: 'rel-bravo-zed', type: 'MEMBER_OF', from: 'person/zed', to: 'org/bravo', evidence: r }],
  });
}

const A_NAMES = ['Alpha Association', 'Anna Example'];
const B_NAMES = ['Bravo Collective', 'Zed Hiddenman'];

describe('team mode: what a viewer sees follows their grants', { timeout: 120_000 }, () => {
  const accounts = Accounts.open(':memory:', { sessionLifetimeMs: 3_600_000 });
  const dir = tempDir('civic-graph-team-datasets-');
  let warmToken = '';
  let viewerId = '';
  let adminId = '';

  // Before e2eSetup's own (hooks run in the order they are registered): the accounts, and the viewer's grant on A alone.
  beforeAll(async () => {
    adminId = accounts.users.create({ username: ADMIN.username, displayName: ADMIN.displayName, isAdmin: true, passwordHash: await hashPassword(ADMIN.password) }).id;
    viewerId = accounts.users.create({ username: VIEWER.username, displayName: VIEWER.displayName, passwordHash: await hashPassword(VIEWER.password) }).id;
    accounts.grants.grant(A, 'user', viewerId, 'viewer', adminId);
    warmToken = accounts.tokens.create(adminId, 'e2e warm-up', new Date(Date.now() + 3_600_000)).secret;
  });

  const e2e = e2eSetup(
    async (db) => {
      for (const [name, data] of [
        ['alpha.yaml', datasetA()],
        ['bravo.yaml', datasetB()],
      ] as const) {
        writeFileSync(dir.join(name), stringify(data));
        await loadDatasetFile(db, dir.join(name));
      }
      await db.read('CALL db.awaitIndexes(60)');
    },
    {
      context: { accounts, auth: { mode: 'accounts', sessionHours: 1, cookieSecure: 'auto', auditReads: [] } },
      // The warm-up asks as the admin, who reads both datasets: nothing it leaves in the server's caches may reach the viewer.
      warmHeaders: () => ({ authorization: `Bearer ${warmToken}` }),
    },
  );

  // One browser context each: the viewer's and the admin's cookies apart, as on two machines.
  let viewerContext: BrowserContext;
  let adminContext: BrowserContext;
  let viewer: Page;
  let admin: Page;
  afterAll(async () => {
    await viewerContext?.close();
    await adminContext?.close();
    accounts.close();
  });

  async function newPage(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(e2e.server.url);
    return page;
  }

  async function signOut(page: Page): Promise<void> {
    await page.locator('kg-account button.who').click();
    await page.locator('kg-account [role=menuitem]', { hasText: 'Sign out' }).click();
    await page.locator('kg-sign-in input[name=username]').waitFor();
    expect(await page.evaluate(() => fetch('/api/auth/session').then((r) => r.json()))).toMatchObject({ signedIn: false });
  }

  /** The captions on the canvas, sorted. */
  const captions = (page: Page) => page.evaluate(() => ((window as any).__kg.cy.nodes().map((n: any) => String(n.data('caption'))) as string[]).sort());
  /** The datasets every element in the page's store belongs to. */
  const storedDatasets = (page: Page) =>
    page.evaluate(() => {
      const state = (window as any).__kg.store.state;
      return [...new Set([...state.nodes.values(), ...state.edges.values()].map((e: any) => String(e.properties.dataset)))].sort();
    });

  /** Types into the search box and answers the suggestions' text once they answer what was typed ('No match' included). */
  async function suggestions(page: Page, text: string): Promise<string[]> {
    const input = page.locator('kg-search input');
    await input.click();
    await input.fill(text);
    await page.locator('kg-search [role=listbox]').waitFor();
    const options = (await page.locator('kg-search [role=option]').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    await input.fill('');
    return options;
  }

  it('lets the viewer of A see A and nothing of B, and sign out', async () => {
    viewerContext = await e2e.browser.newContext({ viewport: { width: 1280, height: 720 } });
    viewer = await newPage(viewerContext);
    await signIn(viewer, VIEWER);
    expect(await viewer.locator('kg-account button.who').textContent()).toContain(VIEWER.displayName);

    // The header names the datasets open to the caller: A's alone.
    expect(await viewer.locator('kg-app header .dataset').textContent()).toBe(A_TITLE);
    // The overview holds A's entities and their relationship, nothing else; every element the page holds is A's.
    expect(await captions(viewer)).toEqual(A_NAMES);
    expect(await shadowText(viewer, 'kg-app')).toContain('2 nodes · 1 relationships');
    expect(await storedDatasets(viewer)).toEqual([A]);

    // Search finds A's names, and none of B's (nor B's source).
    expect(await suggestions(viewer, 'Alpha')).toEqual(expect.arrayContaining([expect.stringContaining('Alpha Association')]));
    for (const hidden of ['Bravo', 'Zed Hiddenman']) expect(await suggestions(viewer, hidden)).toEqual(['No match']);

    await signOut(viewer);
    expect(await viewer.evaluate(() => (window as any).__kg?.cy?.nodes().length ?? 0)).toBe(0);
  });

  it('lets the admin grant B to the viewer in the administration', async () => {
    adminContext = await e2e.browser.newContext({ viewport: { width: 1280, height: 720 } });
    admin = await newPage(adminContext);
    await signIn(admin, ADMIN);
    // The admin reads every dataset.
    expect(await admin.locator('kg-app header .dataset').textContent()).toBe(`${A_TITLE} · ${B_TITLE}`);

    await admin.locator('kg-account button.who').click();
    await admin.locator('kg-account [role=menuitem]', { hasText: 'Administration' }).click();
    await admin.locator('kg-admin dialog[open]').waitFor();
    await admin.locator('kg-admin [role=tab]', { hasText: 'Grants' }).click();
    const grants = admin.locator('kg-admin-grants');
    // B has no grant yet; A has the viewer's.
    await grants.locator(`table.grants[data-dataset="${A}"] tr`, { hasText: VIEWER.username }).waitFor();
    expect(await grants.locator(`table.grants[data-dataset="${B}"]`).count()).toBe(0);

    await grants.locator('select[name=dataset]').selectOption(B);
    await grants.locator('select[name=kind]').selectOption('user');
    await grants.locator('select[name=principal]').selectOption(viewerId);
    await grants.locator('select[name=role]').selectOption('viewer');
    await grants.getByRole('button', { name: 'Grant', exact: true }).click();
    const row = grants.locator(`table.grants[data-dataset="${B}"] tbody tr`);
    await row.waitFor();
    expect(await row.count()).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(VIEWER.username);
    expect(text).toContain('viewer');
    expect(text).toContain(ADMIN.username);
    await admin.locator('kg-admin dialog').getByRole('button', { name: 'Close' }).click();
  });

  it('shows the viewer B once they sign in again, without a restart', async () => {
    await signIn(viewer, VIEWER);
    expect(await viewer.locator('kg-app header .dataset').textContent()).toBe(`${A_TITLE} · ${B_TITLE}`);
    expect(await captions(viewer)).toEqual([...A_NAMES, ...B_NAMES].sort());
    expect(await shadowText(viewer, 'kg-app')).toContain('4 nodes · 2 relationships');
    expect(await storedDatasets(viewer)).toEqual([A, B]);
    expect(await suggestions(viewer, 'Bravo')).toEqual(expect.arrayContaining([expect.stringContaining('Bravo Collective')]));
    expect(await suggestions(viewer, 'Zed Hiddenman')).toEqual(expect.arrayContaining([expect.stringContaining('Zed Hiddenman')]));
  });

  it('shows the admin the viewer’s sign-ins and the grant in the audit trail', async () => {
    await admin.locator('kg-account button.who').click();
    await admin.locator('kg-account [role=menuitem]', { hasText: 'Administration' }).click();
    await admin.locator('kg-admin dialog[open]').waitFor();
    await admin.locator('kg-admin [role=tab]', { hasText: 'Audit trail' }).click();
    const audit = admin.locator('kg-admin-audit');
    // Who, action, target, outcome and detail of each row, once the user names are in (the actor shows as a name then).
    const rows = () =>
      audit.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => {
          const cells = (tr as HTMLTableRowElement).cells;
          return { who: cells[2]?.textContent ?? '', action: cells[3]?.textContent ?? '', target: cells[4]?.textContent ?? '', outcome: cells[5]?.textContent ?? '', detail: cells[7]?.textContent ?? '' };
        }),
      );
    await expect.poll(async () => (await rows()).filter((r) => r.who === VIEWER.username && r.action === 'sign-in' && r.outcome === 'ok').length).toBe(2);
    const all = await rows();
    expect(all.filter((r) => r.who === VIEWER.username && r.action === 'sign-out' && r.outcome === 'ok')).toHaveLength(1);
    const granted = all.filter((r) => r.action === 'grant');
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({ who: ADMIN.username, target: B, outcome: 'ok' });
    expect(JSON.parse(granted[0]!.detail)).toEqual({ kind: 'user', principal: viewerId, role: 'viewer' });
    // Newest first: the viewer's second sign-in came after the grant, the first before it.
    const grantAt = all.findIndex((r) => r.action === 'grant');
    const viewerSignIns = all.flatMap((r, i) => (r.who === VIEWER.username && r.action === 'sign-in' ? [i] : []));
    expect(viewerSignIns[0]).toBeLessThan(grantAt);
    expect(viewerSignIns[1]).toBeGreaterThan(grantAt);

    // The same in the accounts' own trail.
    const trail = accounts.audit.read({ limit: 200 });
    expect(trail.filter((e) => e.actor === viewerId && e.action === 'sign-in' && e.outcome === 'ok')).toHaveLength(2);
    expect(trail.filter((e) => e.action === 'grant')).toEqual([expect.objectContaining({ actor: adminId, target: B, outcome: 'ok', detail: { kind: 'user', principal: viewerId, role: 'viewer' } })]);
  });
});
