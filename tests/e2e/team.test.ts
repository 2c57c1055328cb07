// End to end in team mode: the sign-in screen first, a viewer signs in, sees the graph, makes a token (shown once) and signs out; an admin creates a user and a grant and reads the sign-ins in the audit trail; a rate-limited search waits and searches again. And owner mode's one question: the owner's name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { Accounts } from '../../server/accounts/accounts.ts';
import { hashPassword } from '../../server/accounts/passwords.ts';
import { screenshot } from '../../bench/lib/browser.ts';
import { startServer } from '../support/server.ts';
import { e2eSetup, loadMali, openExplorer, settled, shadowText, signIn } from './helpers.ts';

const ADMIN = { username: 'ada', displayName: 'Ada Admin', password: 'ada-long-enough-secret' };
const VIEWER = { username: 'vera', displayName: 'Vera Viewer', password: 'vera-long-enough-secret' };

describe('team mode', { timeout: 90_000 }, () => {
  const accounts = Accounts.open(':memory:', { sessionLifetimeMs: 3_600_000 });
  let warmToken = '';
  let viewerId = '';

  // Before e2eSetup's own (hooks run in the order they are registered): the accounts the server starts with.
  beforeAll(async () => {
    const admin = accounts.users.create({ username: ADMIN.username, displayName: ADMIN.displayName, isAdmin: true, passwordHash: await hashPassword(ADMIN.password) });
    viewerId = accounts.users.create({ username: VIEWER.username, displayName: VIEWER.displayName, passwordHash: await hashPassword(VIEWER.password) }).id;
    // Team mode answers nobody: the warm-up asks with the admin's personal token.
    warmToken = accounts.tokens.create(admin.id, 'e2e warm-up', new Date(Date.now() + 3_600_000)).secret;
  });

  const e2e = e2eSetup(loadMali, {
    context: { accounts, auth: { mode: 'accounts', sessionHours: 1, cookieSecure: 'auto', auditReads: [] } },
    warmHeaders: () => ({ authorization: `Bearer ${warmToken}` }),
    // Search rationed hard, so the last test can meet a 429 (the warm-up spends one of the four).
    app: { security: { rateLimits: { '/search': { burst: 4, perSecond: 1 } } } },
  });

  // The viewer reads every dataset (what a viewer may see is another suite's matter).
  // biome-ignore lint/suspicious/noDuplicateTestHooks: this one needs the server e2eSetup's hook (registered between the two) starts
  beforeAll(async () => {
    const answer = await fetch(`${e2e.server.url}/api/admin/grants`, { headers: { authorization: `Bearer ${warmToken}` } });
    const { datasets } = (await answer.json()) as { datasets: { id: string }[] };
    for (const dataset of datasets) accounts.grants.grant(dataset.id, 'user', viewerId, 'viewer', 'e2e');
  });

  let page: Page;
  afterAll(async () => {
    await page?.close();
    accounts.close();
  });

  const drawnNodes = () => page.evaluate(() => ((window as any).__kg?.cy?.nodes().length ?? 0) as number);

  async function openMenu(): Promise<string[]> {
    await page.locator('kg-account button.who').click();
    await page.locator('kg-account [role=menu]').waitFor();
    return page.locator('kg-account [role=menuitem]').allTextContents();
  }

  it('shows the sign-in screen before anything, says a wrong password, and lets the viewer in to the graph', async () => {
    page = await e2e.browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    const asked: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) asked.push(url.pathname);
    });
    await page.goto(e2e.server.url);
    const username = page.locator('kg-sign-in input[name=username]');
    await username.waitFor();
    // The session is the page's first question, and nothing of the graph is asked before someone signs in.
    expect(asked[0]).toBe('/api/auth/session');
    expect(asked.filter((p) => !['/api/auth/session', '/api/health'].includes(p))).toEqual([]);
    await expect.poll(() => page.evaluate(() => (document.querySelector('kg-app')?.shadowRoot?.querySelector('kg-sign-in')?.shadowRoot?.activeElement as HTMLInputElement | null)?.name)).toBe('username');
    await screenshot(page, 'team-sign-in');

    await username.fill(VIEWER.username);
    await page.locator('kg-sign-in input[name=password]').fill('not the password');
    await page.locator('kg-sign-in button[type=submit]').click();
    const alert = page.locator('kg-sign-in [role=alert]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Unknown user or wrong password');
    await screenshot(page, 'team-sign-in-wrong');

    await signIn(page, VIEWER);
    expect(await drawnNodes()).toBeGreaterThan(5);
    expect(await page.locator('kg-account button.who').textContent()).toContain(VIEWER.displayName);
    await screenshot(page, 'team-viewer-signed-in');
  });

  it('offers the viewer tokens, password and sign-out (no administration), shows a new token once, and sends the CSRF token on writes', async () => {
    const writes: Request[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') writes.push(request);
    });
    const items = await openMenu();
    expect(items).toEqual(['API tokens…', 'Change password…', 'Sign out']);
    // The keyboard walks the menu; Escape closes it and gives the focus back.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('kg-account [role=menu]').count()).toBe(0);

    await openMenu();
    await page.locator('kg-account [role=menuitem]', { hasText: 'API tokens' }).click();
    const dialog = page.locator('kg-account dialog.tokens');
    await dialog.waitFor();
    await dialog.locator('input[name=name]').fill('nightly export');
    await dialog.locator('input[name=days]').fill('30');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const secret = dialog.locator('.token-secret');
    await secret.waitFor();
    expect((await secret.textContent())?.trim().length).toBeGreaterThan(20);
    expect(await dialog.locator('.secret').textContent()).toContain('shown once');
    await expect.poll(() => dialog.locator('tbody tr').count()).toBe(1);
    await screenshot(page, 'team-token-once');
    const created = writes.find((r) => new URL(r.url()).pathname === '/api/auth/tokens');
    expect(created?.headers()['x-csrf-token']).toMatch(/.{16,}/);

    // Closed and opened again: the secret is gone for good; the token can be revoked.
    await dialog.getByRole('button', { name: 'Close' }).click();
    await openMenu();
    await page.locator('kg-account [role=menuitem]', { hasText: 'API tokens' }).click();
    await dialog.waitFor();
    expect(await dialog.locator('.token-secret').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Revoke the token nightly export' }).click();
    await expect.poll(() => dialog.locator('td.revoked').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('signs the viewer out to the sign-in screen, with nothing of the graph left', async () => {
    await openMenu();
    await page.locator('kg-account [role=menuitem]', { hasText: 'Sign out' }).click();
    await page.locator('kg-sign-in input[name=username]').waitFor();
    expect(await drawnNodes()).toBe(0);
    const session = await page.evaluate(() => fetch('/api/auth/session').then((r) => r.json()));
    expect(session.signedIn).toBe(false);
  });

  it('lets the admin create a user and a grant, and read the sign-ins in the audit trail', async () => {
    await signIn(page, ADMIN);
    expect(await openMenu()).toEqual(['API tokens…', 'Change password…', 'Administration…', 'Sign out']);
    await page.locator('kg-account [role=menuitem]', { hasText: 'Administration' }).click();
    const admin = page.locator('kg-admin dialog');
    await admin.waitFor();

    // Users: both accounts listed; a new one gets a first password, shown once.
    const users = page.locator('kg-admin-users');
    await users.locator('tr[data-user=vera]').waitFor();
    await users.locator('input[name=username]').fill('sam');
    await users.locator('input[name=displayName]').fill('Sam Researcher');
    await users.locator('input[name=groups]').fill('researchers');
    await users.getByRole('button', { name: 'Create user' }).click();
    await users.locator('.first-password').waitFor();
    expect((await users.locator('.first-password').textContent())?.trim().length).toBeGreaterThanOrEqual(16);
    await users.locator('tr[data-user=sam]').waitFor();
    await screenshot(page, 'team-admin-users');

    // Grants: the group "researchers" becomes editor of the first dataset.
    await page.locator('kg-admin [role=tab]', { hasText: 'Grants' }).click();
    const grants = page.locator('kg-admin-grants');
    await grants.locator('select[name=dataset]').waitFor();
    await grants.locator('select[name=kind]').selectOption('group');
    await grants.locator('input[name=principal]').fill('researchers');
    await grants.locator('select[name=role]').selectOption('editor');
    await grants.getByRole('button', { name: 'Grant', exact: true }).click();
    const row = grants.locator('table.grants tr', { hasText: 'group researchers' });
    await row.waitFor();
    expect(await row.textContent()).toContain('editor');
    expect(await row.textContent()).toContain(ADMIN.username);
    await screenshot(page, 'team-admin-grants');

    // Sessions: the admin's own, at least.
    await page.locator('kg-admin [role=tab]', { hasText: 'Sessions' }).click();
    await page.locator('kg-admin-sessions tbody tr', { hasText: ADMIN.username }).first().waitFor();

    // Audit trail, newest first: the sign-ins of both (and the viewer's failed one), the grant.
    await page.locator('kg-admin [role=tab]', { hasText: 'Audit trail' }).click();
    const audit = page.locator('kg-admin-audit');
    // Who and outcome of each sign-in (names show once the user list is in).
    const signIns = () =>
      audit.locator('tr[data-action=sign-in]').evaluateAll((rows) => rows.map((r) => `${(r as HTMLTableRowElement).cells[2]?.textContent}:${(r as HTMLTableRowElement).cells[5]?.textContent}`));
    await expect.poll(signIns).toEqual(expect.arrayContaining([`${ADMIN.username}:ok`, `${VIEWER.username}:ok`, `${VIEWER.username}:failed`]));
    const seqs = (await audit.locator('td.seq').allTextContents()).map(Number);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(await audit.locator('a.export').getAttribute('href')).toBe('/api/admin/audit.jsonl');
    await screenshot(page, 'team-admin-audit');

    // Filtered by action: the grant alone.
    await audit.locator('input[name=action]').fill('grant');
    await audit.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => audit.locator('tbody tr').count()).toBe(1);
    expect(await audit.locator('tbody tr').textContent()).toContain('researchers');
    await admin.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.locator('kg-admin dialog[open]').count()).toBe(0);
  });

  it('says search is rate-limited in the box’s place, counts down, and searches again by itself', async () => {
    // Spend the search ration from the page (same address, same limiter).
    await page.evaluate(() => Promise.all(Array.from({ length: 6 }, () => fetch('/api/search?q=x'))));
    await page.keyboard.press('/');
    await page.keyboard.type('Mali');
    const limited = page.locator('kg-search .limited');
    await limited.waitFor({ timeout: 5_000 });
    expect(await limited.textContent()).toMatch(/rate-limited: searching again in\s*\d+\s*s/is);
    await screenshot(page, 'team-search-rate-limited');
    // The wait ends: the box is back, with the answer to what was typed.
    await limited.waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('kg-search [role=option]').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('kg-search input').inputValue()).toBe('Mali');
  });

  it('asks the owner once for a name, without blocking the explorer, and signs with it after', async () => {
    const owner = Accounts.open(':memory:', { sessionLifetimeMs: 3_600_000 });
    const server = await startServer(e2e.db, {}, { accounts: owner, auth: { mode: 'owner', sessionHours: 1, cookieSecure: 'auto', auditReads: [] } });
    try {
      const ownerPage = await openExplorer(e2e.browser, server.url);
      const strip = ownerPage.locator('kg-owner-name form');
      await strip.waitFor();
      expect(await strip.textContent()).toContain('Your name, for the record of what you change');
      // No sign-in in owner mode, and the page's keys still work with the question open.
      expect(await ownerPage.locator('kg-sign-in').count()).toBe(0);
      await ownerPage.keyboard.press('?');
      await ownerPage.locator('kg-help dialog[open]').waitFor();
      await ownerPage.keyboard.press('Escape');
      await screenshot(ownerPage, 'owner-name-asked');
      await strip.locator('input[name=name]').fill('Awa Traoré');
      await strip.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => ownerPage.locator('kg-owner-name form').count()).toBe(0);
      expect(await ownerPage.locator('kg-account button.who').textContent()).toContain('Awa Traoré');
      expect(owner.ownerName()).toBe('Awa Traoré');
      expect(await shadowText(ownerPage, 'kg-app')).toContain('Your changes will be signed “Awa Traoré”');
      // Asked once: a fresh page does not ask again; the account menu offers the name and the administration.
      await ownerPage.reload();
      await settled(ownerPage);
      expect(await ownerPage.locator('kg-owner-name form').count()).toBe(0);
      await ownerPage.locator('kg-account button.who').click();
      expect(await ownerPage.locator('kg-account [role=menuitem]').allTextContents()).toEqual(['Your name…', 'Administration…']);
      await ownerPage.close();
    } finally {
      await server.close();
      owner.close();
    }
  });
});
