// A tiny run of every benchmark scenario (generator, import vs LOAD CSV, API vs direct, UI vs bare
// Cytoscape, recording facts, start), so none of them rots: it checks what they produce, never how fast.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../db/config.ts';
import { ensureDataset, type BenchDataset } from '../../bench/lib/datasets.ts';
import { sharedFactory, type Neo4jTarget } from '../../bench/lib/neo4j.ts';
import { testCredentials } from '../support/db.ts';
import { runApiScenario, ENDPOINTS } from '../../bench/scenarios/api.ts';
import { ACCESS_ENDPOINTS, runAccessScenario } from '../../bench/scenarios/access.ts';
import { runImportScenario } from '../../bench/scenarios/import.ts';
import { runRecordScenario } from '../../bench/scenarios/record.ts';
import { importBulk } from '../../ingest/bulk/importer.ts';
import { runStartScenario } from '../../bench/scenarios/start.ts';
import { runUiScenario, syntheticGraph } from '../../bench/scenarios/ui.ts';
import { fingerprint } from '../support/reliability.ts';

const SLOW = { timeout: 600_000 };

describe('benchmark scenarios at tiny scale', () => {
  let dir: string;
  let dataset: BenchDataset;
  let target: Neo4jTarget | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-bench-smoke-'));
    dataset = await ensureDataset(400, { baseDir: dir });
  });

  afterAll(async () => {
    await target?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the generator writes the bulk files and reuses them when asked again', async () => {
    expect(dataset.manifest.nodes).toBe(400);
    expect(dataset.manifest.relations).toBe(1200);
    for (const file of dataset.files) expect(existsSync(file)).toBe(true);
    const again = await ensureDataset(400, { baseDir: dir });
    expect(again.manifest).toEqual(dataset.manifest);
  });

  it('import: the offline importer, ours and LOAD CSV store the same graph; a rerun duplicates nothing', SLOW, async () => {
    const { result, target: kept } = await runImportScenario({
      dataset,
      factory: sharedFactory(inject('neo4jUri'), testCredentials()),
      batchSize: 100,
      keep: true,
      checksum: async (t) => (await fingerprint(t.db)).checksum,
      // The initial load writes a store of its own: a separate small Neo4j, never the run's shared one.
      offline: { heap: '512m', pageCache: '128m' },
    });
    target = kept;
    const m = dataset.manifest;
    const expected = { entities: m.entities, sources: m.sources, relationships: m.relations, distinctRelationshipIds: m.relations };
    expect(result.counts.offline).toEqual(expected);
    expect(result.counts.ours).toEqual(expected);
    expect(result.counts.loadCsv).toEqual(expected);
    expect(result.counts.afterRerun).toEqual(expected);
    expect(result.checksums!.offline).toBe(result.checksums!.ours);
    expect(result.checksums!.loadCsv).toBe(result.checksums!.ours);
    expect(result.checksums!.afterRerun).toBe(result.checksums!.ours);
    expect(result.slice.whole).toBe(true);
    expect(result.ceiling!.nodes).toBe(m.entities);
    expect(result.offline!.nodesPerSecond).toEqual(expect.any(Number));
    expect(result.rerun.created).toBe(0);
    expect(result.ours.batches).toBeGreaterThan(10);
    // The figures are there; how large they are is the benchmark's business, not the test's.
    for (const figures of [result.ours, result.loadCsv]) {
      expect(figures.nodesPerSecond).toEqual(expect.any(Number));
      expect(figures.relationshipsPerSecond).toEqual(expect.any(Number));
    }
    expect(result.ratio.total).toEqual(expect.any(Number));
  });

  it('api: every endpoint answers through the server and directly, without errors', SLOW, async () => {
    const result = await runApiScenario({ target: target!, scale: 'smoke', seconds: 1, concurrencies: [1, 2] });
    expect(result.cases.map((c) => `${c.endpoint}/${c.concurrency}`)).toEqual(ENDPOINTS.flatMap((e) => [`${e}/1`, `${e}/2`]));
    for (const c of result.cases) {
      expect(c.api.count, `${c.endpoint} API`).toBeGreaterThan(0);
      expect(c.direct.count, `${c.endpoint} direct`).toBeGreaterThan(0);
      expect(c.api.errors + c.direct.errors, c.endpoint).toBe(0);
      expect(c.api.p50).toBeLessThanOrEqual(c.api.p99);
    }
    expect(result.nodes).toBe(400);
  });

  it('ui: the built app and the bare page draw every element, with and without known positions', SLOW, async () => {
    expect(existsSync(path.join(projectRoot, 'dist', 'client', 'index.html')), 'npm run build first').toBe(true);
    const result = await runUiScenario({ db: target!.db, sizes: [300], layoutMaxElements: 300, panFrames: 12 });
    const graph = syntheticGraph(300);
    expect(result.initialJs.gzipBytes).toBeGreaterThan(0);
    const pages = new Set(result.runs.map((r) => r.page));
    // The bare page also draws with the app's stylesheet ('bare+style'), to tell the app's cost from its styles'.
    expect(pages).toEqual(new Set(['ours', 'bare', 'bare+style']));
    for (const run of result.runs) {
      expect(run.error, `${run.page} ${run.renderer}`).toBeUndefined();
      expect(run.drawn).toEqual({ nodes: graph.nodes.length, edges: graph.edges.length });
      expect(run.layoutMs, `${run.page} ${run.renderer} layout`).not.toBeNull();
      expect(run.knownPositionsMs).not.toBeNull();
      // How many frames fit in the probe's time budget depends on the machine: only that panning was measured.
      expect(run.pan).not.toBeNull();
    }
    expect(result.ratios.length).toBeGreaterThan(0);
  });

  it('record: facts are recorded through the server into the bench graph, then listed for review and their history read, without errors', SLOW, async () => {
    // Its own copy of the graph (the shared database emptied, our importer), so it does not hang on the import test.
    const own = await sharedFactory(inject('neo4jUri'), testCredentials())('record');
    await importBulk(own.db, dataset.files, { batchSize: 200 });
    const result = await runRecordScenario({ target: own, scale: 'smoke', dataset: dataset.parts[0]!.id, facts: 5, warmup: 2, reads: 5 });
    expect(result.cases.map((c) => c.name)).toEqual(['record', 'review', 'history']);
    for (const c of result.cases) {
      expect(c.timing.count, c.name).toBe(5);
      expect(c.timing.errors, c.name).toBe(0);
    }
    // Team mode: what was recorded waits for review, and the list counts it.
    expect(result.reviewTotal).toBeGreaterThanOrEqual(7);
    const { rows } = await own.db.read("MATCH ()-[r:ACCUSED {factStatus: 'proposed'}]->() WHERE r.dataset = $dataset RETURN count(r) AS n", { dataset: dataset.parts[0]!.id });
    expect(Number(rows[0]!.n)).toBe(7);
    await own.stop();
  });

  it('start: the server starts on a data directory and its and the JVM’s memory are read', SLOW, async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-bench-start-'));
    try {
      const result = await runStartScenario({ scale: 'smoke', dataDir, loadSeconds: 2, restSeconds: 1 });
      expect(result.readyMs).toEqual(expect.any(Number));
      expect(result.neo4jReadyMs).toEqual(expect.any(Number));
      // Warm comes after ready, and the first screen's requests after warm were each timed and answered.
      expect(result.warmedMs).toBeGreaterThanOrEqual(result.readyMs);
      expect(Object.values(result.firstRequests).every((ms) => ms > 0)).toBe(true);
      expect(result.firstFailures).toEqual({});
      expect(Object.keys(result.firstRequests)).toEqual(expect.arrayContaining(['schema', 'overview']));
      expect(result.rest.serverMiB).toBeGreaterThan(0);
      expect(result.rest.jvmMiB).toBeGreaterThan(0);
      expect(result.load.errors).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  // Last: it empties the shared database for a graph split into two datasets.
  it('access: the owner and a viewer of one dataset of two answer every endpoint side by side, without errors', SLOW, async () => {
    const split = await ensureDataset(400, { baseDir: dir, datasets: 2 });
    expect(split.files).toEqual([]);
    expect(split.parts).toHaveLength(2);
    const result = await runAccessScenario({ dataset: split, factory: sharedFactory(inject('neo4jUri'), testCredentials()), seconds: 1, batchSize: 100 });
    expect(result.datasets).toEqual({ all: split.parts.map((p) => p.id), viewer: [split.parts[0]!.id] });
    expect(result.cases.map((c) => c.endpoint)).toEqual(ACCESS_ENDPOINTS);
    for (const c of result.cases) {
      expect(c.owner.count, `${c.endpoint} owner`).toBeGreaterThan(0);
      expect(c.viewer.count, `${c.endpoint} viewer`).toBeGreaterThan(0);
      expect(c.owner.errors + c.viewer.errors, c.endpoint).toBe(0);
      expect(c.ratio.p50).toEqual(expect.any(Number));
    }
  });
});
