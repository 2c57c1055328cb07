// Scenario "ui": in headless Chromium, the built app (dist/client) and a bare Cytoscape.js page draw the
// same synthetic elements: time to first drawn frame and to finished layout, time to draw from known
// positions, and frame time while panning and zooming, with the canvas and the WebGL renderers.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { createApp } from '../../server/app.ts';
import { projectRoot } from '../../db/config.ts';
import { jsonLogger } from '../../server/context.ts';
import type { Database } from '../../db/database.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { launchBrowser } from '../lib/browser.ts';
import { LAST_NAMES } from '../synthetic/vocabulary.ts';
import { stylesheet } from '../../client/src/graph/stylesheet.ts';
import { summarize, ratio, round } from '../lib/stats.ts';
import { serveFiles } from '../lib/static-server.ts';
import { listenLocal, type LocalServer } from '../lib/net.ts';
import { printTable } from '../lib/table.ts';

/** The civic-space model, whose labels, types and colours the synthetic elements use. */
const MODEL = civicSpaceModel();

const CLIENT_DIR = path.join(projectRoot, 'dist', 'client');
const UI_DIR = path.join(projectRoot, 'bench', 'ui');
const VENDOR = path.join(projectRoot, 'node_modules');

export type Renderer = 'canvas' | 'webgl';

export interface UiRun {
  /** `bare+style`: the bare page with the app's stylesheet and element data, to tell the stylesheet's cost from the app's. */
  page: 'ours' | 'bare' | 'bare+style';
  /** The renderer asked for; `drawnWith` says what the page used. */
  renderer: Renderer;
  drawnWith: string;
  elements: number;
  /** Milliseconds from navigation start; null when not measured at this size. */
  firstFrameMs: number | null;
  layoutMs: number | null;
  /** From handing over elements with positions to the frame that shows them. */
  knownPositionsMs: number | null;
  pan: { meanMs: number; p95Ms: number; frames: number } | null;
  drawn: { nodes: number; edges: number };
  /** Ours, large layouts: the fcose worker's own times and when the request left and the answer came (page clock). */
  worker?: { build: number; layout: number; posted: number; answered: number };
  error?: string;
}

export interface UiResult {
  sizes: number[];
  layoutMaxElements: number;
  webglAvailable: boolean;
  initialJs: { files: string[]; bytes: number; gzipBytes: number };
  runs: UiRun[];
  /** ours / bare per size and renderer, on each measured figure. */
  ratios: { elements: number; renderer: Renderer; firstFrame: number; layout: number; knownPositions: number; panP95: number; styled?: { layout: number; knownPositions: number; panP95: number } }[];
}

interface SyntheticGraph {
  nodes: { id: string; labels: string[]; caption: string; properties: Record<string, unknown> }[];
  edges: { id: string; type: string; source: string; target: string; properties: Record<string, unknown> }[];
  positions: Record<string, [number, number]>;
}

/** About a third nodes and two thirds edges, with local structure (neighbours by index) and some long links. */
export function syntheticGraph(elements: number, seed = 1): SyntheticGraph {
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const nodeCount = Math.max(2, Math.round(elements / 3));
  const edgeCount = elements - nodeCount;
  const labels = MODEL.labels.map((l) => l.label);
  const types = MODEL.relations.map((r) => r.type);
  // Invented surnames only (bench/synthetic's vocabulary): a drawn benchmark graph names nobody real.
  const names = LAST_NAMES;
  const side = Math.ceil(Math.sqrt(nodeCount));
  const nodes: SyntheticGraph['nodes'] = [];
  const positions: SyntheticGraph['positions'] = {};
  for (let i = 0; i < nodeCount; i++) {
    const id = `bench/n${i}`;
    nodes.push({ id, labels: ['Entity', labels[i % labels.length]!], caption: `${names[i % names.length]} ${i}`, properties: { name: `${names[i % names.length]} ${i}` } });
    positions[id] = [(i % side) * 90 + random() * 30, Math.floor(i / side) * 90 + random() * 30];
  }
  const edges: SyntheticGraph['edges'] = [];
  for (let k = 0; k < edgeCount; k++) {
    const a = Math.floor(random() * nodeCount);
    const near = random() < 0.85;
    let b = near ? a + 1 + Math.floor(random() * Math.min(side + 1, nodeCount - 1)) : Math.floor(random() * nodeCount);
    b %= nodeCount;
    if (b === a) b = (a + 1) % nodeCount;
    edges.push({ id: `bench/e${k}`, type: types[k % types.length]!, source: `bench/n${a}`, target: `bench/n${b}`, properties: {} });
  }
  return { nodes, edges, positions };
}

/** The entry script and its static imports (what the first page load needs), gzip-compressed. */
export function initialJavaScript(): UiResult['initialJs'] {
  const html = readFileSync(path.join(CLIENT_DIR, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const match of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/([^"]+\.js)"/g)) files.add(match[1]!);
  // Static imports of the entry chunk (Vite preloads them); dynamic ones load on first use only.
  const queue = [...files];
  while (queue.length) {
    const file = queue.shift()!;
    const text = readFileSync(path.join(CLIENT_DIR, file), 'utf8');
    for (const match of text.matchAll(/(?:^|[;\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      const next = path.posix.join(path.posix.dirname(file), match[1]!);
      if (!files.has(next)) {
        files.add(next);
        queue.push(next);
      }
    }
  }
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(path.join(CLIENT_DIR, file));
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files: [...files], bytes, gzipBytes };
}

/** The app's own stylesheet (light scheme) for small and large views, captions on: `bare+style` draws with it. */
function appStyles(): string {
  return JSON.stringify({ small: stylesheet({ dark: false, large: false, captions: true }), large: stylesheet({ dark: false, large: true, captions: true }) });
}

function bareHtml(appStyle = false): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>bare cytoscape</title>
<style>html,body{margin:0;height:100%}#cy{position:absolute;inset:0}</style>
<script src="/vendor/layout-base.js"></script><script src="/vendor/cose-base.js"></script>
<script src="/vendor/cytoscape.min.js"></script><script src="/vendor/cytoscape-fcose.js"></script>
<script>if (window.cytoscapeFcose) cytoscape.use(window.cytoscapeFcose);</script>${appStyle ? `<script>window.__appStyle = ${appStyles()};</script>` : ''}
</head><body><div id="cy"></div><script src="/bare.js"></script></body></html>`;
}

function bareElements(graph: SyntheticGraph, withPositions: boolean): unknown[] {
  const labels = new Map(MODEL.labels.map((l) => [l.label, l]));
  const types = new Map(MODEL.relations.map((r) => [r.type, r]));
  // `display`, `shape`, `size`, `label` and the edges' `color` are what the app's stylesheet reads (bare+style); the bare style ignores them.
  return [
    ...graph.nodes.map((n) => {
      const label = labels.get(n.labels[1]!);
      return {
        group: 'nodes',
        data: { id: n.id, caption: n.caption, display: n.caption, label: label?.label ?? 'Entity', color: label?.color ?? '#888', shape: label?.shape ?? 'ellipse', size: 30 },
        ...(withPositions ? { position: { x: graph.positions[n.id]![0], y: graph.positions[n.id]![1] } } : {}),
      };
    }),
    ...graph.edges.map((e) => ({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, type: e.type, color: types.get(e.type)?.color ?? '#999' } })),
  ];
}

function startAppServer(db: Database): Promise<LocalServer> {
  return listenLocal(createApp({ db, log: jsonLogger(process.stderr, true) }, { clientDir: CLIENT_DIR, security: { rateLimits: false } }));
}

export interface UiScenarioOptions {
  db: Database;
  sizes: number[];
  /** Layouts from scratch are timed up to this many elements (fcose on tens of thousands takes minutes). */
  layoutMaxElements: number;
  panFrames?: number;
  timeoutMs?: number;
  /** Also run the bare page with the app's stylesheet, on the canvas (default true). */
  appStyle?: boolean;
  log?: (line: string) => void;
}

export async function runUiScenario(options: UiScenarioOptions): Promise<UiResult> {
  const log = options.log ?? (() => {});
  const timeout = options.timeoutMs ?? 180_000;
  const frames = options.panFrames ?? 90;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-ui-bench-'));
  writeFileSync(path.join(tmp, 'bare.html'), bareHtml());
  writeFileSync(path.join(tmp, 'bare-style.html'), bareHtml(true));
  const routes: Record<string, string> = {
    '/bare.html': path.join(tmp, 'bare.html'),
    '/bare-style.html': path.join(tmp, 'bare-style.html'),
    '/bare.js': path.join(UI_DIR, 'bare.js'),
    '/vendor/layout-base.js': path.join(VENDOR, 'layout-base', 'layout-base.js'),
    '/vendor/cose-base.js': path.join(VENDOR, 'cose-base', 'cose-base.js'),
    '/vendor/cytoscape.min.js': path.join(VENDOR, 'cytoscape', 'dist', 'cytoscape.min.js'),
    '/vendor/cytoscape-fcose.js': path.join(VENDOR, 'cytoscape-fcose', 'cytoscape-fcose.js'),
  };
  const files = await serveFiles(routes);
  const app = await startAppServer(options.db);
  const browser: Browser = await launchBrowser();
  const runs: UiRun[] = [];
  let webglAvailable = false;
  try {
    const probe = await browser.newPage();
    await probe.goto(`${files.url}/bare.html?mode=none`);
    webglAvailable = await probe.evaluate('!!document.createElement("canvas").getContext("webgl2")');
    await probe.close();
    for (const elements of options.sizes) {
      const graph = syntheticGraph(elements);
      const overview = JSON.stringify({ nodes: graph.nodes, edges: graph.edges, total: graph.nodes.length, truncated: false });
      writeFileSync(path.join(tmp, `graph-${elements}.json`), JSON.stringify({ nodes: bareElements(graph, false).filter((e) => (e as { group: string }).group === 'nodes').map((e) => (e as { data: unknown }).data), edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, type: e.type })) }));
      writeFileSync(path.join(tmp, `known-${elements}.json`), JSON.stringify(bareElements(graph, true)));
      routes['/graph.json'] = path.join(tmp, `graph-${elements}.json`);
      routes['/known.json'] = path.join(tmp, `known-${elements}.json`);
      const known = JSON.stringify({ nodes: graph.nodes, edges: graph.edges, positions: graph.positions });
      const layoutToo = elements <= options.layoutMaxElements;
      for (const renderer of ['canvas', 'webgl'] as const) {
        if (renderer === 'webgl' && !webglAvailable) continue;
        log(`[ui] ${elements} elements, ${renderer}...`);
        runs.push(await oursRun(browser, app.url, { elements, renderer, overview, known, layoutToo, timeout, frames }));
        runs.push(await bareRun(browser, files.url, { elements, renderer, graph, layoutToo, timeout, frames }));
        if (renderer === 'canvas' && options.appStyle !== false) runs.push(await bareRun(browser, files.url, { elements, renderer, graph, layoutToo, timeout, frames }, true));
      }
    }
  } finally {
    await browser.close();
    await app.close();
    await files.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const ratios: UiResult['ratios'] = [];
  for (const elements of options.sizes) {
    for (const renderer of ['canvas', 'webgl'] as const) {
      const ours = runs.find((r) => r.page === 'ours' && r.renderer === renderer && r.elements === elements);
      const bare = runs.find((r) => r.page === 'bare' && r.renderer === renderer && r.elements === elements);
      if (!ours || !bare) continue;
      const styled = runs.find((r) => r.page === 'bare+style' && r.renderer === renderer && r.elements === elements);
      ratios.push({
        elements,
        renderer,
        firstFrame: ratio(ours.firstFrameMs ?? NaN, bare.firstFrameMs ?? NaN),
        layout: ratio(ours.layoutMs ?? NaN, bare.layoutMs ?? NaN),
        knownPositions: ratio(ours.knownPositionsMs ?? NaN, bare.knownPositionsMs ?? NaN),
        panP95: ratio(ours.pan?.p95Ms ?? NaN, bare.pan?.p95Ms ?? NaN),
        ...(styled ? { styled: { layout: ratio(ours.layoutMs ?? NaN, styled.layoutMs ?? NaN), knownPositions: ratio(ours.knownPositionsMs ?? NaN, styled.knownPositionsMs ?? NaN), panP95: ratio(ours.pan?.p95Ms ?? NaN, styled.pan?.p95Ms ?? NaN) } } : {}),
      });
    }
  }
  return { sizes: options.sizes, layoutMaxElements: options.layoutMaxElements, webglAvailable, initialJs: initialJavaScript(), runs, ratios };
}

interface RunSpec {
  elements: number;
  renderer: Renderer;
  layoutToo: boolean;
  timeout: number;
  frames: number;
}

/**
 * Where to write a CPU profile of every page's main thread (Chromium's sampling profiler, one
 * `.cpuprofile` per page, readable in DevTools): `CIVIC_UI_PROFILE=dir npm run bench -- --only ui`.
 * Off by default: the profiler itself costs a little.
 */
const PROFILE_DIR = process.env.CIVIC_UI_PROFILE;
const profiling = new WeakMap<Page, CDPSession>();

async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript({ path: path.join(UI_DIR, 'probe.js') });
  if (PROFILE_DIR) {
    const session = await page.context().newCDPSession(page);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 500 });
    await session.send('Profiler.start');
    profiling.set(page, session);
  }
  return page;
}

/** Closes a page, first saving its profile as `name.cpuprofile` when profiling. */
async function closePage(page: Page, name: string): Promise<void> {
  const session = profiling.get(page);
  if (session && PROFILE_DIR) {
    const { profile } = await session.send('Profiler.stop');
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(path.join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
  }
  await page.close();
}

/** A page-side time, or null when the page gave up waiting (-1). */
function timed(value: unknown): number | null {
  return typeof value === 'number' && value >= 0 ? round(value) : null;
}

function panFigures(intervals: number[] | null): UiRun['pan'] {
  if (!intervals?.length) return null;
  // The first two frames include the end of the drawing itself.
  const s = summarize(intervals.length > 4 ? intervals.slice(2) : intervals);
  return { meanMs: s.mean, p95Ms: s.p95, frames: s.count };
}

async function oursRun(browser: Browser, appUrl: string, spec: RunSpec & { overview: string; known: string }): Promise<UiRun> {
  const run: UiRun = { page: 'ours', renderer: spec.renderer, drawnWith: '', elements: spec.elements, firstFrameMs: null, layoutMs: null, knownPositionsMs: null, pan: null, drawn: { nodes: 0, edges: 0 } };
  // The app picks the canvas where WebGL is software (as in this headless Chromium): each run forces its renderer.
  const query = `?renderer=${spec.renderer}`;
  try {
    if (spec.layoutToo) {
      const page = await newPage(browser);
      await page.route('**/api/graph?**', (route) => route.fulfill({ contentType: 'application/json', body: spec.overview }));
      await page.goto(`${appUrl}/${query}`);
      const nodes = JSON.parse(spec.overview).nodes.length as number;
      run.firstFrameMs = timed(await page.evaluate(`window.__bench.untilDrawn(() => { const cy = window.__kg && window.__kg.cy; return !!cy && cy.nodes().length === ${nodes}; }, ${spec.timeout})`));
      run.layoutMs = timed(await page.evaluate(`window.__bench.untilDrawn(() => { const k = window.__kg; return !!k && (k.layoutRuns || 0) >= 1 && !k.layoutRunning; }, ${spec.timeout})`));
      if (run.firstFrameMs === null || run.layoutMs === null) throw new Error(`not drawn and laid out within ${spec.timeout / 1000} s`);
      run.worker = ((await page.evaluate('window.__kg.workerMs')) as UiRun['worker']) ?? undefined;
      await closePage(page, `ours-${spec.renderer}-${spec.elements}-layout`);
    }
    const page = await newPage(browser);
    await page.route('**/api/graph?**', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ nodes: [], edges: [], total: 0, truncated: false }) }));
    await page.route('**/__bench/known.json', (route) => route.fulfill({ contentType: 'application/json', body: spec.known }));
    await page.goto(`${appUrl}/${query}`);
    // Polled inside the page: waitForFunction would compile a string, which the app's CSP forbids.
    const ready: number = await page.evaluate(`window.__bench.untilDrawn(() => !!window.__kg && !!window.__kg.store && window.__kg.store.state.phase === 'ready', ${spec.timeout})`);
    if (ready < 0) throw new Error('the app did not become ready');
    const result = (await page.evaluate(`(async () => {
      const g = await (await fetch('/__bench/known.json')).json();
      const hook = window.__kg;
      const store = hook.store;
      const s = store.state;
      const nodes = new Map(g.nodes.map((n) => [n.id, n]));
      const edges = new Map(g.edges.map((e) => [e.id, e]));
      const positions = new Map(g.nodes.map((n) => [n.id, { x: g.positions[n.id][0], y: g.positions[n.id][1] }]));
      const started = performance.now();
      store.update({ nodes, edges, positions, positionsRev: s.positionsRev + 1, expansions: new Map(), overview: null, selection: null });
      const drawn = await window.__bench.untilDrawn(() => !!hook.cy && hook.cy.nodes().length === nodes.size && hook.cy.edges().length === edges.size, ${spec.timeout});
      const intervals = drawn > 0 ? await window.__bench.panAndZoom(hook.cy, ${spec.frames}) : null;
      return { ms: drawn > 0 ? drawn - started : -1, intervals, renderer: hook.renderer, nodes: hook.cy ? hook.cy.nodes().length : 0, edges: hook.cy ? hook.cy.edges().length : 0 };
    })()`)) as { ms: number; intervals: number[] | null; renderer: string; nodes: number; edges: number };
    run.knownPositionsMs = timed(result.ms);
    run.pan = panFigures(result.intervals);
    run.drawnWith = result.renderer;
    run.drawn = { nodes: result.nodes, edges: result.edges };
    await closePage(page, `ours-${spec.renderer}-${spec.elements}-known`);
  } catch (error) {
    run.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  return run;
}

async function bareRun(browser: Browser, filesUrl: string, spec: RunSpec & { graph: SyntheticGraph }, appStyle = false): Promise<UiRun> {
  const html = appStyle ? 'bare-style.html' : 'bare.html';
  const tag = appStyle ? 'bare+style' : 'bare';
  const run: UiRun = { page: tag, renderer: spec.renderer, drawnWith: spec.renderer, elements: spec.elements, firstFrameMs: null, layoutMs: null, knownPositionsMs: null, pan: null, drawn: { nodes: 0, edges: 0 } };
  const nodes = spec.graph.nodes.length;
  try {
    if (spec.layoutToo) {
      const page = await newPage(browser);
      await page.goto(`${filesUrl}/${html}?renderer=${spec.renderer}&mode=layout`);
      run.firstFrameMs = timed(await page.evaluate(`window.__bench.untilDrawn(() => !!window.__bare.cy && window.__bare.cy.nodes().length === ${nodes}, ${spec.timeout})`));
      run.layoutMs = timed(await page.evaluate(`window.__bench.untilDrawn(() => window.__layoutDone !== undefined, ${spec.timeout})`));
      if (run.firstFrameMs === null || run.layoutMs === null) throw new Error(`not drawn and laid out within ${spec.timeout / 1000} s`);
      await closePage(page, `${tag}-${spec.renderer}-${spec.elements}-layout`);
    }
    const page = await newPage(browser);
    await page.goto(`${filesUrl}/${html}?renderer=${spec.renderer}&mode=empty`);
    const result = (await page.evaluate(`(async () => {
      const elements = await (await fetch('/known.json')).json();
      const cy = window.__bare.create(elements.length);
      const started = performance.now();
      window.__bare.drawAt(elements);
      const nodes = ${nodes};
      const drawn = await window.__bench.untilDrawn(() => cy.nodes().length === nodes, ${spec.timeout});
      const intervals = drawn > 0 ? await window.__bench.panAndZoom(cy, ${spec.frames}) : null;
      return { ms: drawn > 0 ? drawn - started : -1, intervals, nodes: cy.nodes().length, edges: cy.edges().length };
    })()`)) as { ms: number; intervals: number[] | null; nodes: number; edges: number };
    run.knownPositionsMs = timed(result.ms);
    run.pan = panFigures(result.intervals);
    run.drawn = { nodes: result.nodes, edges: result.edges };
    await closePage(page, `${tag}-${spec.renderer}-${spec.elements}-known`);
  } catch (error) {
    run.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  return run;
}

export function printUi(result: UiResult): string {
  const rows = result.runs.map((r) => [
    r.elements,
    r.page,
    r.renderer === r.drawnWith || r.page === 'bare' ? r.renderer : `${r.renderer} (drew ${r.drawnWith || '?'})`,
    r.firstFrameMs,
    r.layoutMs,
    r.knownPositionsMs,
    r.pan?.meanMs,
    r.pan?.p95Ms,
    `${r.drawn.nodes}+${r.drawn.edges}`,
    r.error ?? '',
  ]);
  let out = printTable(
    `ui: ms in headless Chromium (first frame and layout from navigation start; layouts timed up to ${result.layoutMaxElements} elements)`,
    ['elements', 'page', 'renderer', 'first frame', 'layout done', 'known positions', 'pan mean', 'pan p95', 'drawn', 'error'],
    rows,
  );
  out += printTable(
    'ui: ours / bare Cytoscape.js (and ours / the bare page drawing with the app\'s stylesheet, on the canvas)',
    ['elements', 'renderer', 'first frame', 'layout', 'known positions', 'pan p95', 'vs bare+style: layout', 'known', 'pan p95'],
    result.ratios.map((r) => [r.elements, r.renderer, r.firstFrame, r.layout, r.knownPositions, r.panP95, r.styled?.layout, r.styled?.knownPositions, r.styled?.panP95]),
  );
  const js = result.initialJs;
  const line = `initial client JavaScript: ${js.files.join(', ')}: ${(js.bytes / 1024).toFixed(1)} KB, ${(js.gzipBytes / 1024).toFixed(1)} KB gzip; WebGL 2 available: ${result.webglAvailable}`;
  console.log(line);
  return out + '\n' + line + '\n';
}

