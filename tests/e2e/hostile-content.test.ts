// End to end in Chromium: names, aliases, quotes, words and source fields holding HTML and script
// payloads show as plain text in the search list, inspector, source viewer, canvas hover and exports,
// nothing runs, and the built page works under the strict CSP without a single violation.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot } from '../../bench/lib/browser.ts';
import { e2eSetup } from './helpers.ts';

/** Every payload tries to set window.__pwned; each is also distinctive text to look for. */
const P = {
  name: `<img src=x onerror="window.__pwned='name'"> Evil Org & Co <b>bold</b>`,
  alias: `<script>window.__pwned='alias'</script>`,
  alias2: `"><svg onload="window.__pwned='alias2'">`,
  formula: `=HYPERLINK("https://evil.example","click")`,
  quote: `</blockquote><iframe srcdoc="<script>parent.__pwned='quote'</script>"></iframe> dissolved`,
  words: `<a href="javascript:window.__pwned='words'">traitors</a> \${window.__pwned='tpl'} {{constructor.constructor('window.__pwned=1')()}}`,
  title: `<style>*{display:none}</style><script>window.__pwned='title'</script> Report`,
  publisher: `<marquee onstart="window.__pwned='publisher'">Pub</marquee>`,
  url: `javascript:window.__pwned='url'`,
  person: `<u onmouseover="window.__pwned='person'">Victim</u> Person`,
  note: `<details open ontoggle="window.__pwned='note'">note</details>`,
};
const SOURCE_TEXT = `Bamako, 15 March 2024. ${P.quote}. The end <b>of</b> the text.`;
const QUOTE_START = SOURCE_TEXT.indexOf(P.quote);

/** Walks the document and every shadow root: elements or attributes that a payload would have created. */
function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.tagName.toLowerCase();
        if ((tag === 'script' && !el.getAttribute('src')) || tag === 'iframe' || tag === 'marquee' || (tag === 'img' && el.getAttribute('src') === 'x')) {
          found.push(`<${tag}>`);
        }
        for (const attr of el.getAttributeNames()) if (/^on/i.test(attr)) found.push(`${tag}[${attr}]`);
        if (tag === 'a' && /^javascript:/i.test(el.getAttribute('href') ?? '')) found.push('a[href=javascript:]');
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return found;
  });
}

/** All text of `host` (found through shadow roots), or of `inner` inside its shadow tree, as a reader would see it. */
function deepText(page: Page, host: string, inner?: string): Promise<string> {
  return page.evaluate(
    ([hostSelector, innerSelector]) => {
      const find = (root: Document | ShadowRoot, sel: string): Element | null => {
        const hit = root.querySelector(sel);
        if (hit) return hit;
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) {
            const deeper = find(el.shadowRoot, sel);
            if (deeper) return deeper;
          }
        }
        return null;
      };
      const hostEl = find(document, hostSelector!);
      const el = hostEl && innerSelector ? (hostEl.shadowRoot ? find(hostEl.shadowRoot, innerSelector) : find(document, innerSelector)) : hostEl;
      if (!el) return '';
      const text = (node: Node): string => {
        let out = '';
        if (node instanceof Element && node.shadowRoot) out += text(node.shadowRoot);
        for (const child of node.childNodes) out += child.nodeType === Node.TEXT_NODE ? child.textContent : text(child);
        return out;
      };
      return text(el);
    },
    [host, inner] as const,
  );
}

describe('hostile content', { timeout: 90_000 }, () => {
  const e2e = e2eSetup(
    (db) =>
      db.write(
        `CREATE (s:Source {id: 'src/hostile', title: $title, publisher: $publisher, url: $url, published: date('2024-03-15'), language: 'fr', text: $text})
         CREATE (o:Entity:Organization {id: 'org/evil', name: $name, aliases: [$alias, $alias2, $formula], aliasLanguages: ['fr', '', ''],
                 searchText: $name + ' | ' + $alias + ' | ' + $alias2 + ' | ' + $formula, note: $note,
                 evidenceSources: ['src/hostile'], evidenceQuotes: [$quote], evidenceStarts: [$start], evidenceEnds: [$end]})
         CREATE (p:Entity:Person {id: 'person/victim', name: $person, aliases: [], aliasLanguages: [], searchText: $person,
                 evidenceSources: ['src/hostile'], evidenceQuotes: [$quote], evidenceStarts: [$start], evidenceEnds: [$end]})
         CREATE (o)-[:ACCUSED {id: 'rel/evil-accused', words: $words, date: date('2024-03-01'), datePrecision: 'day', dateInferred: false,
                 evidenceSources: ['src/hostile'], evidenceQuotes: [$quote], evidenceStarts: [$start], evidenceEnds: [$end]}]->(p)`,
        { ...P, text: SOURCE_TEXT, start: QUOTE_START, end: QUOTE_START + P.quote.length },
      ),
    { warm: false },
  );
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    context = await e2e.browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`), true);
    });
  });

  async function assertNothingRan(step: string): Promise<void> {
    const state = await page.evaluate(() => {
      const w = window as unknown as { __pwned?: unknown; __violations: string[] };
      return { pwned: w.__pwned ?? null, violations: w.__violations };
    });
    expect(state.pwned, step).toBeNull();
    expect(dialogs, step).toEqual([]);
    // Under the CSP a payload turned into markup would show up here even if blocked.
    expect(state.violations, step).toEqual([]);
    expect(await injectedElements(page), step).toEqual([]);
  }

  it('loads the built page under the strict CSP without a violation', async () => {
    const response = await page.goto(e2e.server.url);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    // Ready once the first load settled (the overview, or an empty canvas).
    await page.waitForFunction(() => ['ready', 'failed'].includes((window as any).__kg?.store?.state?.phase), undefined, { timeout: 60_000 });
    expect(await page.evaluate(() => (window as any).__kg.store.state.phase)).toBe('ready');
    await assertNothingRan('first load');
  });

  it('shows hostile names and aliases as text in the search list', async () => {
    const input = page.locator('kg-search input');
    await input.fill('Evil');
    const option = page.locator('kg-search [role=option]').first();
    await option.waitFor({ timeout: 30_000 });
    await expect.poll(() => deepText(page, 'kg-search', '[role=listbox]'), { timeout: 30_000 }).toContain(P.name);
    await assertNothingRan('search list');
    await input.press('Enter');
  });

  it('shows them as text in the inspector: name, aliases, properties and the quoted evidence', async () => {
    await expect.poll(() => deepText(page, 'kg-inspector'), { timeout: 30_000 }).toContain(P.name);
    const text = await deepText(page, 'kg-inspector');
    expect(text).toContain(P.alias);
    expect(text).toContain(P.alias2);
    expect(text).toContain(P.formula);
    expect(text).toContain(P.note);
    await expect.poll(() => deepText(page, 'kg-inspector'), { timeout: 30_000 }).toContain(P.quote);
    await screenshot(page, 'hostile-inspector');
    await assertNothingRan('inspector');
  });

  it('shows the source title, publisher, text and highlighted quote as text, with no javascript: link', async () => {
    await page.locator('kg-inspector button.open-source').first().click();
    await expect.poll(() => deepText(page, 'kg-source-viewer', 'mark'), { timeout: 30_000 }).toBe(P.quote);
    const text = await deepText(page, 'kg-source-viewer');
    expect(text).toContain(P.title);
    expect(text).toContain(SOURCE_TEXT.slice(0, QUOTE_START));
    expect(text).toContain('The end <b>of</b> the text.');
    await screenshot(page, 'hostile-source');
    await assertNothingRan('source viewer');
    await page.keyboard.press('Escape');
  });

  it('shows accusation words on an edge as text, and hovering the canvas runs nothing', async () => {
    await page.evaluate(() => (window as any).__kg.actions.expand('org/evil'));
    await page.waitForFunction(() => ((window as any).__kg?.cy?.edges().length ?? 0) > 0, undefined, { timeout: 30_000 });
    await page.evaluate(() => (window as any).__kg.actions.select({ kind: 'edge', id: 'rel/evil-accused' }));
    await expect.poll(() => deepText(page, 'kg-inspector'), { timeout: 30_000 }).toContain(P.words);
    expect(await deepText(page, 'kg-inspector')).toContain(P.person);
    // Hover each node where the canvas draws it: any tooltip must hold text, not markup.
    for (const id of ['org/evil', 'person/victim']) {
      // The layout may still move the node after an expansion: aim where it is now, and again until Cytoscape
      // sees the pointer over it (at most 30 s), rather than once at a place it has left.
      const deadline = Date.now() + 30_000;
      for (let seen = false; !seen; ) {
        if (Date.now() > deadline) throw new Error(`no mouseover on ${id}`);
        const point = await page.evaluate((nodeId) => {
          const cy = (window as any).__kg.cy;
          const position = cy.getElementById(nodeId).renderedPosition();
          const box = cy.container().getBoundingClientRect();
          return { x: box.left + position.x, y: box.top + position.y };
        }, id);
        const hovered = page.evaluate(
          (nodeId) =>
            new Promise<boolean>((resolve) => {
              (window as any).__kg.cy.getElementById(nodeId).one('mouseover', () => resolve(true));
              setTimeout(() => resolve(false), 2_000);
            }),
          id,
        );
        await page.mouse.move(0, 0);
        await page.mouse.move(point.x, point.y, { steps: 3 });
        seen = await hovered;
      }
    }
    await screenshot(page, 'hostile-hover');
    await assertNothingRan('edge and hover');
  });

  it('exports the payloads as inert text in SVG, JSON, CSV and GraphML', async () => {
    const files: Record<string, string> = {};
    for (const item of ['svg', 'json', 'csv-nodes', 'csv-edges', 'graphml']) {
      await page.locator('kg-export button#export').click();
      const downloading = page.waitForEvent('download', { timeout: 30_000 });
      await page.locator(`kg-export [role=menuitem][data-export="${item}"]`).click();
      const file = await downloading;
      files[item] = readFileSync((await file.path())!, 'utf8');
    }
    // JSON: the exact strings, nothing added or removed.
    const json = JSON.parse(files.json!);
    const org = json.nodes.find((n: { id: string }) => n.id === 'org/evil');
    expect(org.properties.name).toBe(P.name);
    expect(org.properties.aliases).toEqual([P.alias, P.alias2, P.formula]);
    expect(JSON.stringify(json)).toContain(JSON.stringify(P.quote).slice(1, -1));
    // CSV: RFC 4180 quoting, and the formula neutralised for spreadsheets.
    expect(files['csv-nodes']).toContain(`"${P.name.replace(/"/g, '""')}"`);
    expect(files['csv-nodes']).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(files['csv-edges']).toContain(P.words.replace(/"/g, '""'));
    // GraphML and SVG parse as XML whose text, not markup, holds the payloads.
    const parsed = await page.evaluate(
      ({ graphml, svg }) => {
        const parse = (text: string, type: DOMParserSupportedType) => {
          const doc = new DOMParser().parseFromString(text, type);
          const elements = [...doc.getElementsByTagName('*')].map((e) => e.localName);
          const handlers = [...doc.getElementsByTagName('*')].flatMap((e) => e.getAttributeNames().filter((a) => /^on/i.test(a)));
          return { error: doc.getElementsByTagName('parsererror').length > 0, elements: [...new Set(elements)], handlers, text: doc.documentElement.textContent ?? '' };
        };
        return { graphml: parse(graphml, 'application/xml'), svg: parse(svg, 'image/svg+xml') };
      },
      { graphml: files.graphml!, svg: files.svg! },
    );
    expect(parsed.graphml.error).toBe(false);
    expect(parsed.graphml.text).toContain(P.name);
    expect(parsed.graphml.text).toContain(P.words);
    expect(parsed.graphml.elements.filter((e) => !['graphml', 'key', 'graph', 'node', 'edge', 'data', 'default'].includes(e))).toEqual([]);
    expect(parsed.svg.error).toBe(false);
    expect(parsed.svg.handlers).toEqual([]);
    expect(parsed.svg.elements).not.toContain('script');
    expect(parsed.svg.elements).not.toContain('foreignObject');
    expect(parsed.svg.text.replace(/\s+/g, ' ')).toContain('onerror="window.__pwned=\'name\'">');
    await assertNothingRan('exports');
  });

  it('serves export files as attachments that a browser will not render as a page', async () => {
    for (const format of ['json', 'csv', 'graphml']) {
      const response = await fetch(`${e2e.server.url}/api/export?ids=org%2Fevil,person%2Fvictim&format=${format}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment/);
      expect(response.headers.get('content-type')).not.toMatch(/html/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
