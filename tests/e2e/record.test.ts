// End to end in team mode (issue #25), an editor and a reviewer of a synthetic dataset, all names invented: sources in by pasted text, an HTML file and a PDF; a fact recorded from a selected passage with one new and one existing actor, proposed, accepted by the reviewer in another browser; then on the canvas, in the story, on the timeline, in search and highlighted in its source; its date changed, its history, a revert; and two browsers editing the same date, the second shown the conflict with nothing lost.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { Accounts } from '../../server/accounts/accounts.ts';
import { hashPassword } from '../../server/accounts/passwords.ts';
import { screenshot } from '../../bench/lib/browser.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';
import { tempDir } from '../support/temp-dir.ts';
import { e2eSetup, settled, signIn, tapElement } from './helpers.ts';

const DATASET = 'test/record';
/** Waits for what the page shows after a write: several requests on a shared machine. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });
const EDITOR = { username: 'edda', displayName: 'Edda Editor', password: 'edda-long-enough-secret' };
const REVIEWER = { username: 'rhea', displayName: 'Rhea Reviewer', password: 'rhea-long-enough-secret' };

const PASTED = 'Field notes, spring 2024.\n\nOn 3 March 2024 Anna Example accused Bruno Example of treason at a press conference in Capital City. Omega Union did not answer.';
const QUOTE = 'Anna Example accused Bruno Example of treason';
const ARTICLE = `<!doctype html><html lang="en"><head><title>Delta Daily: the union answers</title></head><body>
<nav><a href="/">Home</a> · <a href="/world">World</a></nav>
<article><h1>The union answers</h1>
<p>Omega Union published a statement on 5 March 2024 in which its spokesperson, Anna Example, repeated that the accusation stands. The statement runs to four pages and lists the meetings at which the accusation was first raised.</p>
<p>Delta Daily asked Bruno Example for a comment; he did not answer before publication. Observers in Capital City said the dispute has divided the union's members for months, and that no date has been set for the next meeting.</p>
<p>The statement ends with a call for calm and for an independent inquiry into the events of the spring, which the union says it will support in every way it can.</p>
</article><footer>© Delta Daily, an invented newspaper</footer></body></html>`;
const GAZETTE = '<html lang="en"><head><title>Gamma Gazette</title></head><body><h1>Gamma Gazette</h1><p>Gamma Gazette reports that Bruno Example rejected the accusation on 6 March 2024.</p></body></html>';

/** The fixture: a person and an association of an invented dataset, marked synthetic. */
function dataset() {
  const line = 'Anna Example is a member of Omega Union.';
  const data = fixtureDataset(DATASET, 'Record test', {
    sources: [{ id: 'src/record-notes', title: 'Record notes', publisher: 'Notes Press', url: 'https://example.org/notes', language: 'en', excerpt: [line] }],
    entities: [
      { id: 'person/anna', type: 'Person', name: 'Anna Example', evidence: [{ source: 'src/record-notes', quote: line }] },
      { id: 'org/omega', type: 'Organization', name: 'Omega Union', evidence: [{ source: 'src/record-notes', quote: line }] },
    ],
    relations: [{ id: 'rel-anna-omega', type: 'MEMBER_OF', from: 'person/anna', to: 'org/omega', evidence: [{ source: 'src/record-notes', quote: line }] }],
  });
  return { ...data, metadata: { ...data.metadata, synthetic: true } };
}

describe('recording what a researcher finds (team mode)', { timeout: 240_000 }, () => {
  const accounts = Accounts.open(':memory:', { sessionLifetimeMs: 3_600_000 });
  const dir = tempDir('civic-graph-record-');
  let warmToken = '';

  beforeAll(async () => {
    const admin = accounts.users.create({ username: 'ada', displayName: 'Ada Admin', isAdmin: true });
    const editor = accounts.users.create({ username: EDITOR.username, displayName: EDITOR.displayName, passwordHash: await hashPassword(EDITOR.password) });
    const reviewer = accounts.users.create({ username: REVIEWER.username, displayName: REVIEWER.displayName, passwordHash: await hashPassword(REVIEWER.password) });
    accounts.grants.grant(DATASET, 'user', editor.id, 'editor', admin.id);
    accounts.grants.grant(DATASET, 'user', reviewer.id, 'reviewer', admin.id);
    warmToken = accounts.tokens.create(admin.id, 'e2e warm-up', new Date(Date.now() + 3_600_000)).secret;
  });

  const e2e = e2eSetup(
    async (db) => {
      writeFileSync(dir.join('record.yaml'), stringify(dataset()));
      await loadDatasetFile(db, dir.join('record.yaml'));
      await db.read('CALL db.awaitIndexes(60)');
    },
    { context: { accounts, auth: { mode: 'accounts', sessionHours: 1, cookieSecure: 'auto', auditReads: [] } }, warmHeaders: () => ({ authorization: `Bearer ${warmToken}` }) },
  );

  // One browser context each: the two people's cookies apart, as on two machines.
  let editorContext: BrowserContext;
  let reviewerContext: BrowserContext;
  let editor: Page;
  let reviewer: Page;
  let factId = '';
  afterAll(async () => {
    await editorContext?.close();
    await reviewerContext?.close();
    accounts.close();
  });

  async function signedIn(context: BrowserContext, who: { username: string; password: string }): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(e2e.server.url);
    await signIn(page, who);
    return page;
  }

  /** Fills the add-source dialog's fields and saves; the source dialog opens on the new source. */
  async function saveSource(page: Page, fields: Record<string, string>): Promise<void> {
    const dialog = page.locator('kg-add-source dialog');
    for (const [name, value] of Object.entries(fields)) await dialog.locator(`input[name=${name}]`).fill(value);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.locator('kg-source-viewer dialog[open] .text').waitFor();
  }

  async function closeSource(page: Page): Promise<void> {
    await page.locator('kg-source-viewer button.close').click();
    await poll(() => page.locator('kg-source-viewer dialog[open]').count()).toBe(0);
  }

  /** The passage selected in the open source's text as a user's drag would: a DOM selection over its characters. */
  async function selectPassage(page: Page, passage: string): Promise<void> {
    const found = await page.evaluate((words) => {
      const viewer = document.querySelector('kg-app')!.shadowRoot!.querySelector('kg-source-viewer')!.shadowRoot!;
      const text = viewer.querySelector('.text')!;
      const at = (text.textContent ?? '').indexOf(words);
      if (at < 0) return false;
      // The text node and offset of a character position, walking the drawn text nodes.
      const point = (offset: number): [Node, number] => {
        const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = (node as Text).data.length;
          if (offset <= seen + length) return [node, offset - seen];
          seen += length;
        }
        throw new Error('offset past the text');
      };
      const [startNode, startOffset] = point(at);
      const [endNode, endOffset] = point(at + words.length);
      document.getSelection()!.setBaseAndExtent(startNode, startOffset, endNode, endOffset);
      return true;
    }, passage);
    expect(found).toBe(true);
    await page.locator('kg-source-viewer button.record-passage').waitFor();
  }

  // A history is shown as its fact is: every status asked for, as the page does with both switches on.
  const revisionsOf = (page: Page, id: string) =>
    page.evaluate(async (fact) => ((await (await fetch(`/api/facts/${encodeURIComponent(fact)}/revisions`, { headers: { 'x-show-facts': 'proposed,rejected,retired' } })).json()) as { revisions: { revision: number; action: string; after: any; actorName: string }[] }).revisions, id);
  const edgeOf = (page: Page, id: string) => page.evaluate((edge) => (window as any).__kg.store.state.edges.get(edge) ?? null, id);
  const historyItems = (page: Page): Locator => page.locator('kg-inspector kg-history ol.revisions > li');

  it('lets the editor add sources by pasted text, an HTML file and a PDF, each text shown as held', async () => {
    editorContext = await e2e.browser.newContext({ viewport: { width: 1400, height: 900 } });
    editor = await signedIn(editorContext, EDITOR);
    // The dataset's editor sees proposals by default.
    expect(await editor.locator('kg-record-bar button.show-proposals').getAttribute('aria-pressed')).toBe('true');

    // Pasted text, opened with the keyboard shortcut.
    await editor.locator('kg-graph').focus();
    await editor.keyboard.press('n');
    const dialog = editor.locator('kg-add-source dialog');
    await dialog.waitFor();
    await dialog.locator('textarea[name=text]').fill(PASTED);
    await saveSource(editor, { title: 'Field notes', publisher: 'Notes Press', url: 'https://example.org/field-notes', published: '2024-03-03', language: 'en' });
    expect(await editor.locator('kg-source-viewer h2').textContent()).toBe('Field notes');
    expect(await editor.locator('kg-source-viewer .text').textContent()).toBe(PASTED);
    await closeSource(editor);

    // An HTML file: Readability keeps the article, not the navigation or the footer.
    writeFileSync(dir.join('delta.html'), ARTICLE);
    await editor.locator('kg-record-bar button.add-source').click();
    await dialog.locator('input[type=radio][value=file]').check();
    await dialog.locator('input[name=file]').setInputFiles(dir.join('delta.html'));
    const held = dialog.locator('pre.held');
    await held.waitFor();
    const article = (await held.textContent()) ?? '';
    expect(article).toContain('Omega Union published a statement on 5 March 2024');
    expect(article).not.toContain('an invented newspaper');
    expect(await dialog.locator('input[name=title]').inputValue()).toContain('union answers');
    expect(await dialog.locator('input[name=language]').inputValue()).toBe('en');
    await saveSource(editor, { publisher: 'Delta Daily' });
    expect(await editor.locator('kg-source-viewer .text').textContent()).toBe(article);
    await closeSource(editor);

    // A PDF the browser prints: pdf.js reads its text layer.
    const printer = await editorContext.newPage();
    await printer.setContent(GAZETTE);
    writeFileSync(dir.join('gazette.pdf'), await printer.pdf({ format: 'A4' }));
    await printer.close();
    await editor.locator('kg-record-bar button.add-source').click();
    await dialog.locator('input[type=radio][value=file]').check();
    await dialog.locator('input[name=file]').setInputFiles(dir.join('gazette.pdf'));
    await held.waitFor();
    expect((await held.textContent())?.replace(/\s+/g, ' ')).toContain('Bruno Example rejected the accusation on 6 March 2024');
    await saveSource(editor, { title: 'Gamma Gazette, 6 March', publisher: 'Gamma Gazette' });
    expect((await editor.locator('kg-source-viewer .text').textContent())?.replace(/\s+/g, ' ')).toContain('Bruno Example rejected the accusation');
    await closeSource(editor);
  });

  it('records a fact from a selected passage, with one new and one existing actor; it shows as proposed', async () => {
    // The same text again is the source already held: the dialog says which, and opens it.
    await editor.locator('kg-record-bar button.add-source').click();
    const dialog = editor.locator('kg-add-source dialog');
    await dialog.locator('textarea[name=text]').fill(PASTED);
    await dialog.locator('input[name=title]').fill('Field notes again');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await poll(() => dialog.locator('.existing').textContent()).toContain('This text is already source Field notes');
    await dialog.getByRole('button', { name: 'Open it' }).click();
    await editor.locator('kg-source-viewer dialog[open] .text').waitFor();

    // Escape closes the form, not the source.
    await selectPassage(editor, QUOTE);
    await editor.locator('kg-source-viewer button.record-passage').click();
    const form = editor.locator('kg-source-viewer kg-record-fact form');
    await form.waitFor();
    await editor.keyboard.press('Escape');
    await poll(() => form.count()).toBe(0);
    expect(await editor.locator('kg-source-viewer dialog[open]').count()).toBe(1);

    await selectPassage(editor, QUOTE);
    await editor.locator('kg-source-viewer button.record-passage').click();
    await form.waitFor();
    expect(await form.locator('blockquote.quote').textContent()).toBe(QUOTE);
    expect(await form.locator('.mode').textContent()).toContain('will be proposed');
    // From: found by search, chosen with the keyboard (the focus starts there).
    await editor.keyboard.type('Anna Exa');
    await form.locator('kg-actor-pick[end=From] [role=option]', { hasText: 'Anna Example' }).waitFor();
    await editor.keyboard.press('Enter');
    await form.locator('kg-actor-pick[end=From] .actor-name', { hasText: 'Anna Example' }).waitFor();
    // To: created on the spot.
    await form.locator('kg-actor-pick[end=To] button.new-actor').click();
    await form.locator('kg-actor-pick[end=To] select[name=to-type]').selectOption('Person');
    await form.locator('kg-actor-pick[end=To] input[name=to-name]').fill('Bruno Example');
    await form.locator('select[name=type]').selectOption('ACCUSED');
    await form.locator('input[name=date]').fill('2024-03-03');
    await screenshot(editor, 'record-from-passage');
    // Enter submits; the rules' refusal lands on the field it concerns (the accusation's words are required).
    await form.locator('input[name=date]').press('Enter');
    const propertyError = form.locator('[data-field=properties]');
    await propertyError.waitFor();
    expect(await propertyError.textContent()).toContain('words');
    await form.locator('input[name=prop-words]').fill('treason');
    await form.locator('input[name=prop-words]').press('Enter');
    await poll(() => form.count()).toBe(0);
    await poll(() => editor.locator('kg-source-viewer kg-toast .what').textContent()).toContain('Recorded ACCUSED (proposed)');
    // The recorded passage is underlined in the text.
    await poll(() => editor.locator('kg-source-viewer .text .evidence').allTextContents()).toContain(QUOTE);

    factId = await editor.evaluate(() => (window as any).__kg.store.state.selection?.id as string);
    expect(factId).toMatch(/accused/i);
    await closeSource(editor);
    await settled(editor);
    // Proposed: dashed on the canvas, a badge in the inspector.
    expect(await editor.evaluate((id) => (window as any).__kg.cy.getElementById(id).hasClass('proposed'), factId)).toBe(true);
    await editor.locator('kg-inspector [data-status=proposed]').waitFor();
    const revisions = await revisionsOf(editor, factId);
    expect(revisions.map((r) => r.action)).toEqual(['create']);
  });

  it('lets the reviewer, in another browser, accept it; it is on the canvas, in the story, on the timeline, in search and marked in its source', async () => {
    reviewerContext = await e2e.browser.newContext({ viewport: { width: 1400, height: 900 } });
    reviewer = await signedIn(reviewerContext, REVIEWER);
    const toReview = reviewer.locator('kg-record-bar button.to-review');
    await poll(() => toReview.textContent()).toBe('To review (1)');
    await toReview.click();
    const item = reviewer.locator(`kg-review li[data-fact="${factId}"]`);
    await item.waitFor();
    expect(await item.locator('mark').textContent()).toBe(QUOTE);
    expect(await item.textContent()).toContain('recorded by Edda Editor');
    await screenshot(reviewer, 'record-review-list');
    // A comment is required.
    await item.locator('button.accept').click();
    await poll(() => item.locator('.error').textContent()).toContain('comment is required');
    await item.locator('textarea[name=comment]').fill('Checked against the field notes.');
    await item.locator('button.accept').click();
    await poll(() => reviewer.locator('kg-review .empty').count()).toBe(1);
    await reviewer.locator('kg-review button.close').click();
    await poll(() => toReview.textContent()).toBe('To review (0)');
    await settled(reviewer);

    // The canvas: the fact and its new actor, no longer dashed.
    const edge = await edgeOf(reviewer, factId);
    expect(edge).toMatchObject({ type: 'ACCUSED', source: 'person/anna' });
    expect(edge.properties.factStatus).toBe('accepted');
    expect(await reviewer.evaluate((id) => (window as any).__kg.cy.getElementById(id).hasClass('proposed'), factId)).toBe(false);
    const bruno = edge.target as string;
    // The story of the new actor.
    await tapElement(reviewer, bruno);
    await reviewer.locator(`kg-inspector .story-line[data-edge="${factId}"]`).waitFor();
    // The timeline.
    await reviewer.locator('header nav button', { hasText: 'Timeline' }).click();
    await reviewer.locator(`kg-timeline button[data-id="${factId}"]`).waitFor();
    // Search.
    const input = reviewer.locator('kg-search input');
    await input.click();
    await input.fill('Bruno');
    await reviewer.locator('kg-search [role=option]', { hasText: 'Bruno Example' }).first().waitFor();
    await input.fill('');
    await reviewer.keyboard.press('Escape');
    // Its words marked in the source.
    await tapElement(reviewer, factId);
    await reviewer.locator('kg-inspector button.open-source').first().click();
    await poll(() => reviewer.locator('kg-source-viewer mark#quote').textContent()).toBe(QUOTE);
    await closeSource(reviewer);
  });

  it("lets the editor change the fact's date; the history shows three revisions, and reverting one restores the date", async () => {
    // Selected afresh: the history is asked now, after the review.
    await editor.keyboard.press('Escape');
    await tapElement(editor, factId);
    await poll(() => historyItems(editor).count()).toBe(2);
    const edit = editor.locator('kg-inspector kg-fact-edit');
    await edit.locator('details.edit-date summary').click();
    expect(await edit.locator('details.edit-date input[name=date]').inputValue()).toBe('2024-03-03');
    await edit.locator('details.edit-date input[name=date]').fill('2024-03-04');
    await edit.locator('details.edit-date input[name=reason]').fill('the conference was the next day');
    await edit.locator('details.edit-date input[name=reason]').press('Enter');
    await poll(() => historyItems(editor).count()).toBe(3);
    expect(await historyItems(editor).evaluateAll((items) => items.map((li) => li.getAttribute('data-action')))).toEqual(['create', 'accept', 'edit']);
    const third = historyItems(editor).nth(2);
    expect((await third.textContent())?.replace(/\s+/g, ' ')).toContain('2024-03-03 → 2024-03-04');
    expect(await third.textContent()).toContain('the conference was the next day');
    await third.scrollIntoViewIfNeeded();
    await screenshot(editor, 'record-history');
    // The history and the canvas are asked again side by side: the canvas may answer second.
    await poll(async () => (await edgeOf(editor, factId)).properties.date).toBe('2024-03-04');

    await third.locator('button.revert').click();
    await poll(() => historyItems(editor).count()).toBe(4);
    await poll(async () => (await edgeOf(editor, factId)).properties.date).toBe('2024-03-03');
    const revisions = await revisionsOf(editor, factId);
    expect(revisions.map((r) => r.action)).toEqual(['create', 'accept', 'edit', 'revert']);
    expect(revisions.at(-1)!.after.date).toBe('2024-03-03');
  });

  it('shows the second of two browsers editing the same date the conflict, and loses neither value', async () => {
    // Both have the fact selected at the same revision.
    await reviewer.keyboard.press('Escape');
    await tapElement(reviewer, factId);
    await poll(() => historyItems(reviewer).count()).toBe(4);
    const base = (await revisionsOf(editor, factId)).length;

    const mine = editor.locator('kg-inspector kg-fact-edit');
    const theirs = reviewer.locator('kg-inspector kg-fact-edit');
    // Each form is based on the revision its history shows, once it shows the last one.
    for (const form of [mine, theirs]) await poll(async () => (await form.locator('.note').allTextContents()).join(' ')).toContain(`based on revision ${base}`);
    await theirs.locator('details.edit-date summary').click();
    await theirs.locator('details.edit-date input[name=date]').fill('2024-03-06');
    // The editor's edit lands first ...
    await mine.locator('details.edit-date input[name=date]').fill('2024-03-05');
    await mine.locator('details.edit-date input[name=date]').press('Enter');
    await poll(() => historyItems(editor).count()).toBe(base + 1);
    // ... the reviewer's, based on the revision before, is refused and shown with what changed meanwhile.
    await theirs.locator('details.edit-date input[name=date]').press('Enter');
    const conflict = theirs.locator('.conflict');
    await conflict.waitFor({ timeout: 15_000 });
    expect(await conflict.textContent()).toContain('Changed meanwhile by Edda Editor');
    expect(await conflict.locator('.current-date').textContent()).toContain('2024-03-05');
    expect(await conflict.locator('.mine').textContent()).toContain('2024-03-06');
    await screenshot(reviewer, 'record-conflict');
    let revisions = await revisionsOf(reviewer, factId);
    expect(revisions.length).toBe(base + 1);
    expect(revisions.at(-1)!.after.date).toBe('2024-03-05');

    // Re-applied on purpose: both values are in the history.
    await conflict.locator('button.reapply').click();
    await poll(async () => (await revisionsOf(reviewer, factId)).length).toBe(base + 2);
    revisions = await revisionsOf(reviewer, factId);
    expect(revisions.slice(-2).map((r) => [r.action, r.after.date, r.actorName])).toEqual([
      ['edit', '2024-03-05', EDITOR.displayName],
      ['edit', '2024-03-06', REVIEWER.displayName],
    ]);
    await poll(() => theirs.locator('.conflict').count()).toBe(0);
  });
});
