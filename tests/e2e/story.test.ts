// End to end, the analyst's workbench (issue 16): search that ranks like a person, the story of an actor in the inspector.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../../bench/lib/browser.ts';
import { canvasView, consoleError, e2eSetup, loadMali, openExplorer, settled, shadowText } from './helpers.ts';

describe('the story of an actor and search that ranks like a person', { timeout: 60_000 }, () => {
  const e2e = e2eSetup(loadMali);

  const selected = (page: Page) => page.evaluate(() => (window as any).__kg.store.state.selection as { kind: string; id: string } | null);

  it('says on the first screen which dataset is open', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url);
    await expect.poll(() => shadowText(page, 'kg-app header .dataset')).toBe("Mali's crackdown on civic space, 2023-2024");
    await page.close();
  });

  it('"AEEM" and Enter at once selects the student association, not the communiqué about it', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url);
    await page.keyboard.press('/');
    await page.keyboard.type('AEEM');
    await page.keyboard.press('Enter');
    await expect.poll(() => selected(page), { timeout: 15_000 }).toEqual({ kind: 'node', id: 'org/aeem' });
    await settled(page);
    expect(await page.locator('kg-inspector h2').textContent()).toBe('Association of Pupils and Students of Mali');
    await page.close();
  });

  it('never offers the previous query\'s suggestions: loading shows, Enter waits for the answer to what was typed', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url);
    const input = page.locator('kg-search input');
    await input.click();
    await input.fill('junta');
    await page.locator('kg-search [role=option]:not([aria-disabled])').first().waitFor();
    // Slow the next answer down so the stale moment is long enough to look at.
    await page.route('**/api/search?*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue();
    });
    await input.fill('AEEM');
    await page.locator('kg-search .loading').waitFor();
    expect(await page.locator('kg-search [role=option]').count()).toBe(0);
    expect(await page.locator('kg-search .spinner').count()).toBe(1);
    await input.press('Enter');
    await expect.poll(() => selected(page), { timeout: 10_000 }).toEqual({ kind: 'node', id: 'org/aeem' });
    await page.unroute('**/api/search?*');
    await page.close();
  });

  it('ranks an exact alias first, and a publisher finds the reports it published', async () => {
    const ranked = (await (await fetch(`${e2e.server.url}/api/search?q=AEEM`)).json()) as { results: { node: { id: string }; score: number }[] };
    expect(ranked.results[0]!.node.id).toBe('org/aeem');
    const page = await openExplorer(e2e.browser, e2e.server.url);
    const input = page.locator('kg-search input');
    await input.click();
    await input.fill('Human Rights Watch');
    const report = page.locator('kg-search [role=option]', { hasText: 'Mali Deepens Crackdown on Civil Society' });
    await report.waitFor();
    expect(await report.textContent()).toContain('Source');
    await report.click();
    await page.locator('kg-source-viewer dialog[open]').waitFor();
    await expect.poll(() => shadowText(page, 'kg-source-viewer'), { timeout: 15_000 }).toContain('Mali Deepens Crackdown on Civil Society');
    await page.close();
  });

  it('tells what happened to the association: the dissolution with its date, the minister, the accusation\'s words; Enter on the line selects the edge', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url, { width: 1440, height: 900 });
    await page.keyboard.press('/');
    await page.keyboard.type('AEEM');
    await page.keyboard.press('Enter');
    await expect.poll(() => selected(page), { timeout: 15_000 }).toEqual({ kind: 'node', id: 'org/aeem' });
    const dissolved = page.locator('kg-inspector .story-group[data-type="DISSOLVED"][data-direction="in"]');
    await dissolved.waitFor();
    const line = dissolved.locator('.story-line[data-edge="rel/dissolved-aeem"]');
    const text = (await line.textContent())!.replace(/\s+/g, ' ');
    expect(text).toContain('13 March 2024');
    expect(text).toContain('Minister of Territorial Administration');
    expect(text).not.toContain('authority/minister-territorial-administration');
    expect(await dissolved.locator('h4').textContent()).toMatch(/dissolved by/);
    const accused = page.locator('kg-inspector .story-group[data-type="ACCUSED"][data-direction="in"]');
    expect(await accused.textContent()).toContain('“violence and clashes in schools and universities”');
    // Quotes show one pair of quotation marks, never two.
    const story = await shadowText(page, 'kg-inspector');
    expect(story, story).not.toMatch(/“"|"”|““|””|“ "|" ”/);
    await screenshot(page, 'story-aeem');

    await line.locator('button.line').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => selected(page), { timeout: 15_000 }).toEqual({ kind: 'edge', id: 'rel/dissolved-aeem' });
    await settled(page);
    expect((await canvasView(page)).selected).toEqual(['rel/dissolved-aeem']);
    expect(await shadowText(page, 'kg-inspector')).toContain('DISSOLVED');
    await screenshot(page, 'story-aeem-dissolution-selected');
    await page.close();
  });

  it('pages a long story: a few lines per group, more on demand', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url);
    const busiest = await page.evaluate(async () => {
      const nodes = [...(window as any).__kg.store.state.nodes.keys()] as string[];
      let best = { id: '', count: 0 };
      for (const id of nodes.slice(0, 60)) {
        const body = await (await fetch(`/api/nodes/${encodeURIComponent(id)}/neighbors?limit=100`)).json();
        const groups = new Map<string, number>();
        for (const e of body.edges) {
          const key = `${e.source === id ? 'out' : 'in'}:${e.type}`;
          groups.set(key, (groups.get(key) ?? 0) + 1);
        }
        const biggest = Math.max(0, ...groups.values());
        if (biggest > best.count) best = { id, count: biggest };
      }
      return best;
    });
    if (busiest.count <= 6) return; // the Mali data has no group longer than one page: nothing to page
    await page.evaluate((id) => (window as any).__kg.actions.showNode(id), busiest.id);
    await settled(page);
    const more = page.locator('kg-inspector .story button.show-more').first();
    await more.waitFor();
    const before = await page.locator('kg-inspector .story-line').count();
    await more.click();
    await expect.poll(() => page.locator('kg-inspector .story-line').count()).toBeGreaterThan(before);
    await page.close();
  });

  it('counts what the filters leave in the footer and the legend', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url);
    const counts = () => shadowText(page, 'kg-app').then(() => page.locator('kg-app .counts').textContent());
    const total = await canvasView(page);
    expect(await counts()).toContain(`${total.nodes.length} nodes · ${total.edges.length} relationships`);
    const type = await page.evaluate(() => (window as any).__kg.cy.edges()[0].data('type') as string);
    await page.locator(`kg-legend button[data-type="${type}"]`).click();
    await settled(page);
    let view = await canvasView(page);
    expect(await counts()).toContain(`${view.visibleNodes.length} of ${total.nodes.length} nodes · ${view.visibleEdges.length} of ${total.edges.length} relationships shown`);
    await page.locator('kg-legend button.reset').click();
    await page.locator('kg-legend input#from').fill('2024-03');
    await settled(page);
    view = await canvasView(page);
    expect(view.visibleEdges.length).toBeLessThan(total.edges.length);
    expect(await counts()).toContain(`${view.visibleNodes.length} of ${total.nodes.length} nodes · ${view.visibleEdges.length} of ${total.edges.length} relationships`);
    // The legend's numbers are the visible ones too: they add up to what the canvas shows.
    const typeSum = await page.locator('kg-legend button[data-type] .count').evaluateAll((els) => els.reduce((sum, el) => sum + Number(el.textContent!.split('/')[0]!.trim()), 0));
    expect(typeSum).toBe(view.visibleEdges.length);
    await page.close();
  });

  it('closes a panel with Escape and fits the canvas to the room left', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url);
    await page.keyboard.press('t');
    await page.locator('kg-timeline li button').first().waitFor();
    await settled(page);
    await page.waitForTimeout(600); // the re-fit runs 150 ms after the resize and animates for 200 ms
    const inside = await page.evaluate(() => {
      const cy = (window as any).__kg.cy;
      const box = cy.elements(':visible').renderedBoundingBox();
      return box.x1 >= -1 && box.y1 >= -1 && box.x2 <= cy.width() + 1 && box.y2 <= cy.height() + 1;
    });
    expect(inside).toBe(true);
    await page.locator('kg-timeline li button').first().focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('kg-timeline').count()).toBe(0);
    await page.close();
  });

  it('copies a link to the view', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 720 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(e2e.server.url);
    await page.waitForFunction(() => ((window as any).__kg?.cy?.nodes().length ?? 0) > 0);
    await settled(page);
    await page.locator('kg-app button.copy-link').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    await context.close();
  });

  it('positions console syntax errors in the user\'s own text', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url);
    await page.keyboard.press('q');
    const text = await consoleError(page, 'MATCH (n) RETRUN n');
    expect(text).not.toContain('EXPLAIN');
    // "RETRUN" starts at column 11 (offset 10) of what the user typed.
    expect(text).toMatch(/line 1, column 11 \(offset: 10\)/);
    await page.close();
  });

  it('sizes nodes by betweenness, and the metrics table holds the values the test computes itself', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url, { width: 1440, height: 900 });
    const widths = () => page.evaluate(() => (window as any).__kg.cy.nodes(':visible').map((n: any) => [n.id(), n.width()]) as [string, number][]);
    expect(new Set((await widths()).map(([, w]) => w))).toEqual(new Set([30]));
    await page.locator('kg-legend select#size-by').selectOption('betweenness');
    await expect.poll(async () => new Set((await widths()).map(([, w]) => w)).size, { timeout: 15_000 }).toBeGreaterThan(2);

    // Brandes' betweenness on the visible canvas as an undirected simple graph, normalised by (n-1)(n-2) over ordered pairs.
    const expected = await page.evaluate(() => {
      const cy = (window as any).__kg.cy;
      const ids: string[] = cy.nodes(':visible').map((n: any) => n.id());
      const adj = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
      cy.edges(':visible').forEach((e: any) => {
        const a = e.source().id();
        const b = e.target().id();
        if (a !== b && adj.has(a) && adj.has(b)) {
          adj.get(a)!.add(b);
          adj.get(b)!.add(a);
        }
      });
      const score = new Map<string, number>(ids.map((id) => [id, 0]));
      for (const s of ids) {
        const stack: string[] = [];
        const preds = new Map<string, string[]>(ids.map((id) => [id, []]));
        const sigma = new Map<string, number>(ids.map((id) => [id, 0]));
        const dist = new Map<string, number>(ids.map((id) => [id, -1]));
        sigma.set(s, 1);
        dist.set(s, 0);
        const queue = [s];
        while (queue.length) {
          const v = queue.shift()!;
          stack.push(v);
          for (const w of adj.get(v)!) {
            if (dist.get(w)! < 0) {
              dist.set(w, dist.get(v)! + 1);
              queue.push(w);
            }
            if (dist.get(w) === dist.get(v)! + 1) {
              sigma.set(w, sigma.get(w)! + sigma.get(v)!);
              preds.get(w)!.push(v);
            }
          }
        }
        const delta = new Map<string, number>(ids.map((id) => [id, 0]));
        while (stack.length) {
          const w = stack.pop()!;
          for (const v of preds.get(w)!) delta.set(v, delta.get(v)! + (sigma.get(v)! / sigma.get(w)!) * (1 + delta.get(w)!));
          if (w !== s) score.set(w, score.get(w)! + delta.get(w)!);
        }
      }
      const n = ids.length;
      let best = { id: '', value: -1 };
      for (const [id, v] of score) {
        const value = v / ((n - 1) * (n - 2));
        if (value > best.value) best = { id, value };
      }
      return best;
    });
    const sizes = new Map(await widths());
    expect(sizes.get(expected.id)).toBe(64);

    await page.keyboard.press('v');
    const cell = page.locator(`kg-list-view #metrics-table tr[data-id="${expected.id}"] td[data-metric="betweenness"]`);
    await cell.waitFor();
    expect(Number(await cell.getAttribute('data-value'))).toBeCloseTo(expected.value, 9);
    // Sorted by betweenness, highest first: the highest value heads the table.
    const top = page.locator('kg-list-view #metrics-table tbody tr').first().locator('td[data-metric="betweenness"]');
    expect(Number(await top.getAttribute('data-value'))).toBeCloseTo(expected.value, 9);
    await page.locator('kg-legend select#color-by').selectOption('community');
    await page.locator('kg-legend .communities li').first().waitFor();
    await settled(page);
    await screenshot(page, 'metrics-betweenness-communities');
    await page.close();
  });

  it('brushes the time histogram to filter the canvas', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url, { width: 1440, height: 900 });
    const bars = page.locator('kg-histogram svg');
    await bars.waitFor();
    const months = await page.locator('kg-histogram svg g[data-month]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-month')!));
    expect(months.length).toBeGreaterThan(3);
    const all = await canvasView(page);
    // Drag from the middle of the March 2024 bar to the end of the histogram.
    const box = (await bars.boundingBox())!;
    const at = (i: number) => box.x + ((i + 0.5) / months.length) * box.width;
    const march = months.indexOf('2024-03');
    expect(march).toBeGreaterThan(0);
    await page.mouse.move(at(march), box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(at(march + 1), box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(at(months.length - 1), box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await settled(page);
    expect(await page.evaluate(() => (window as any).__kg.store.state.timeRange)).toEqual({ from: '2024-03', to: months.at(-1) });
    const view = await canvasView(page);
    expect(view.visibleEdges.length).toBeLessThan(all.visibleEdges.length);
    const early = await page.evaluate(() => {
      const kg = (window as any).__kg;
      const shown = new Set(kg.cy.elements(':visible').map((e: any) => e.id()));
      return [...kg.store.state.edges.values()].filter((e: any) => e.properties.date && e.properties.date < '2024-03-01' && e.properties.datePrecision === 'day' && !e.properties.endDate && shown.has(e.id)).map((e: any) => e.id);
    });
    expect(early).toEqual([]);
    expect(page.url()).toContain('from=2024-03');
    await screenshot(page, 'histogram-brushed');
    // Grouped by type, the bars take the canvas colours of the labels and relationship types.
    await page.locator('kg-histogram select.grouping').selectOption('type');
    expect(await page.locator('kg-histogram rect.segment[data-type="DISSOLVED"]').count()).toBeGreaterThan(0);
    await page.close();
  });

  /** Edges drawn through nodes they do not touch, and nodes drawn on each other, from rendered positions. */
  function misleading(page: Page) {
    return page.evaluate(() => {
      const cy = (window as any).__kg.cy;
      type P = { x: number; y: number };
      // Model coordinates: the rendered picture is the same geometry scaled by the zoom.
      const nodes = cy.nodes(':visible').map((n: any) => ({ id: n.id(), p: n.position() as P, r: n.width() / 2 }));
      const through: string[] = [];
      cy.edges(':visible').forEach((e: any) => {
        const a = e.source().position() as P;
        const b = e.target().position() as P;
        // Bent edges (parallel ones) have control points; straight ones have none.
        const controls = (e.controlPoints() ?? []) as P[];
        const path: P[] = [];
        if (controls.length === 1) {
          const c = controls[0]!;
          for (let i = 0; i <= 20; i++) {
            const t = i / 20;
            path.push({ x: (1 - t) ** 2 * a.x + 2 * (1 - t) * t * c.x + t * t * b.x, y: (1 - t) ** 2 * a.y + 2 * (1 - t) * t * c.y + t * t * b.y });
          }
        } else path.push(a, ...controls, b);
        const ends = new Set([e.source().id(), e.target().id()]);
        for (const n of nodes) {
          if (ends.has(n.id)) continue;
          for (let i = 1; i < path.length; i++) {
            const p = path[i - 1]!;
            const q = path[i]!;
            const dx = q.x - p.x;
            const dy = q.y - p.y;
            const l2 = dx * dx + dy * dy || 1;
            const t = Math.max(0, Math.min(1, ((n.p.x - p.x) * dx + (n.p.y - p.y) * dy) / l2));
            if (Math.hypot(n.p.x - (p.x + t * dx), n.p.y - (p.y + t * dy)) < n.r) {
              through.push(`${e.id()} through ${n.id}`);
              break;
            }
          }
        }
      });
      const stacked: string[] = [];
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          if (Math.hypot(nodes[i].p.x - nodes[j].p.x, nodes[i].p.y - nodes[j].p.y) < nodes[i].r + nodes[j].r) stacked.push(`${nodes[i].id} on ${nodes[j].id}`);
        }
      }
      return { through, stacked, nodes: nodes.length };
    });
  }

  it('draws no edge of the Mali overview through a node it does not touch, and no node on another', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url, { width: 1440, height: 900 });
    const found = await misleading(page);
    expect(found.nodes).toBeGreaterThan(20);
    expect(found.through).toEqual([]);
    expect(found.stacked).toEqual([]);
    await screenshot(page, 'pictures-overview');
    await page.close();
  });

  it('lays the association and its neighbours out in rings, not on one line', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url, { width: 1440, height: 900 });
    await page.getByRole('button', { name: 'Clear' }).click();
    await settled(page);
    await page.evaluate(() => (window as any).__kg.actions.expand('org/aeem'));
    await settled(page);
    await page.locator('kg-toolbar select#layout').selectOption('concentric');
    await settled(page);
    await page.waitForTimeout(500);
    const points = await page.evaluate(() => (window as any).__kg.cy.nodes(':visible').map((n: any) => n.position()) as { x: number; y: number }[]);
    expect(points.length).toBeGreaterThanOrEqual(4);
    // Collinear points span no area: the largest triangle among them must have some.
    let area = 0;
    for (const a of points) for (const b of points) for (const c of points) area = Math.max(area, Math.abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2);
    expect(area).toBeGreaterThan(1000);
    const found = await misleading(page);
    expect(found.through).toEqual([]);
    expect(found.stacked).toEqual([]);
    await screenshot(page, 'pictures-concentric');
    await page.close();
  });

  it('reaches edges on the canvas from the keyboard: E walks through the selected node\'s relationships', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url);
    await page.evaluate(() => (window as any).__kg.actions.showNode('org/aeem'));
    await settled(page);
    await page.locator('kg-graph').focus();
    const edges = await page.evaluate(() => (window as any).__kg.cy.getElementById('org/aeem').connectedEdges(':visible').map((e: any) => e.id()).sort() as string[]);
    expect(edges.length).toBeGreaterThan(1);
    const seen = new Set<string>();
    for (let i = 0; i < edges.length; i++) {
      await page.keyboard.press('e');
      const sel = await selected(page);
      expect(sel?.kind).toBe('edge');
      seen.add(sel!.id);
    }
    expect([...seen].sort()).toEqual(edges);
    // Arrows carry on from the node the edges belong to.
    await page.keyboard.press('Shift+E');
    expect((await selected(page))?.kind).toBe('edge');
    await page.close();
  });

  it('plays the months back, and exports carry the metrics', async () => {
    const page = await openExplorer(e2e.browser, e2e.server.url);
    const to = () => page.evaluate(() => (window as any).__kg.store.state.timeRange.to as string | null);
    await page.locator('kg-histogram button.play').click();
    await expect.poll(to, { timeout: 10_000 }).not.toBeNull();
    const first = await to();
    await expect.poll(to, { timeout: 10_000 }).not.toBe(first);
    await page.locator('kg-histogram button.play').click();
    expect(await page.locator('kg-histogram button.play').getAttribute('aria-pressed')).toBe('false');
    await page.locator('kg-legend button.reset').click();
    await settled(page);

    await page.locator('kg-export #export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('kg-export [data-export="json"]').click()]);
    const body = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { nodes: { id: string; metrics?: { degree: number; betweenness: number } }[] };
    expect(body.nodes.length).toBeGreaterThan(0);
    expect(body.nodes.every((n) => n.metrics && typeof n.metrics.betweenness === 'number')).toBe(true);
    await page.close();
  });
});
