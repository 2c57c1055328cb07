// Scenario "access" (issue #24): what filtering reads by dataset costs. The graph is split into datasets that
// are imported one by one; one server runs in team mode with two callers holding personal tokens: the owner
// (an instance admin: every dataset, no filter in the queries) and a viewer of half the datasets (every query
// carries their list). Both send the same requests, drawn from the viewer's half, one right after the other
// (who goes first alternates), at concurrency 1; the viewer's p50 and p95 over the owner's, per endpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importBulk } from '../../ingest/bulk/importer.ts';
import { Accounts } from '../../server/accounts/accounts.ts';
import type { BenchDataset } from '../lib/datasets.ts';
import type { Neo4jFactory } from '../lib/neo4j.ts';
import { startServerProcess } from '../lib/server-process.ts';
import { percentile, ratio, round, summarize, type LatencySummary } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';
import { endpointPath, sampleWorkload, type Endpoint, type Workload } from './api.ts';

/** The four, and the hub's neighbours (a page of thousands of relationships, which the viewer's total counts one by one). */
export const ACCESS_ENDPOINTS: Endpoint[] = ['search', 'neighbors', 'hub', 'paths', 'timeline'];
/** Issue #24: the viewer at most this many times the owner's latency. */
export const ACCESS_TARGET = 1.15;
const MIN_REQUESTS = 60;

type Caller = 'owner' | 'viewer';

export interface AccessCase {
  endpoint: Endpoint;
  owner: LatencySummary & { errors: number };
  viewer: LatencySummary & { errors: number };
  /** Viewer over owner: of the p50s, of the p95s, and the median of each request's own ratio (the same request, back to back). */
  ratio: { p50: number; p95: number; pairedMedian: number };
  /** A ratio (p50 or p95) above ACCESS_TARGET. */
  over: boolean;
}

export interface AccessResult {
  scale: string;
  nodes: number;
  relationships: number;
  /** Every dataset of the graph, and those the viewer reads. */
  datasets: { all: string[]; viewer: string[] };
  importMs: number;
  durationSeconds: number;
  workload: { ids: number; words: number; pairs: number; windows: number; hubDegree: number };
  cases: AccessCase[];
}

export interface AccessScenarioOptions {
  /** A graph split into at least two datasets (ensureDataset's `datasets`). */
  dataset: BenchDataset;
  factory: Neo4jFactory;
  /** Measured seconds per endpoint (both callers together). */
  seconds: number;
  /** Requests each caller sends at least, however long they take (default MIN_REQUESTS). */
  minRequests?: number;
  endpoints?: Endpoint[];
  batchSize?: number;
  concurrency?: number;
  log?: (line: string) => void;
}

/** One request as `token`'s holder, body read: its milliseconds and whether it answered 2xx. */
async function timedGet(url: string, token: string): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return { ms: performance.now() - started, ok: res.ok };
}

/**
 * For `seconds`, and at least `minTurns` turns: a request drawn from the workload, sent by both callers in turn (the
 * first alternating), each timed. The floor gives the slow endpoints (the timeline: a few requests a second) enough
 * requests for a p95.
 */
async function sideBySide(base: string, endpoint: Endpoint, w: Workload, tokens: Record<Caller, string>, seconds: number, minTurns = 0) {
  const latencies: Record<Caller, number[]> = { owner: [], viewer: [] };
  const errors: Record<Caller, number> = { owner: 0, viewer: 0 };
  const paired: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  for (let turn = 0; turn < minTurns || performance.now() < deadline; turn++) {
    const url = base + endpointPath(endpoint, w);
    const order: Caller[] = turn % 2 === 0 ? ['owner', 'viewer'] : ['viewer', 'owner'];
    const took: Partial<Record<Caller, number>> = {};
    for (const caller of order) {
      const { ms, ok } = await timedGet(url, tokens[caller]);
      if (!ok) {
        errors[caller]++;
        continue;
      }
      latencies[caller].push(ms);
      took[caller] = ms;
    }
    if (took.owner !== undefined && took.viewer !== undefined) paired.push(took.viewer / took.owner);
  }
  return { latencies, errors, paired };
}

/** A user store with an instance admin (the owner) and a viewer of `viewerDatasets`, and a token for each. */
function createCallers(file: string, viewerDatasets: string[]): Record<Caller, string> {
  const accounts = Accounts.open(file, { sessionLifetimeMs: 3_600_000 });
  try {
    const expires = new Date(Date.now() + 24 * 3_600_000);
    const owner = accounts.users.create({ username: 'bench-owner', isAdmin: true });
    const viewer = accounts.users.create({ username: 'bench-viewer' });
    for (const dataset of viewerDatasets) accounts.grants.grant(dataset, 'user', viewer.id, 'viewer', owner.id);
    return { owner: accounts.tokens.create(owner.id, 'bench', expires).secret, viewer: accounts.tokens.create(viewer.id, 'bench', expires).secret };
  } finally {
    accounts.close();
  }
}

export async function runAccessScenario(options: AccessScenarioOptions): Promise<AccessResult> {
  const { dataset, seconds } = options;
  const log = options.log ?? (() => {});
  const all = dataset.parts.map((p) => p.id);
  if (all.length < 2) throw new Error(`the access scenario needs a graph split into datasets; ${dataset.dir} is one`);
  const viewerDatasets = all.slice(0, Math.floor(all.length / 2));
  const hidden = all.slice(viewerDatasets.length);
  const target = await options.factory(`access ${dataset.label}`);
  const accountsDir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-access-'));
  try {
    const importStarted = performance.now();
    for (const part of dataset.parts) {
      log(`[${dataset.label}] access: importing ${part.id}...`);
      await importBulk(target.db, part.files, { batchSize: options.batchSize ?? 5000, concurrency: options.concurrency ?? 2 });
    }
    const importMs = performance.now() - importStarted;
    const tokens = createCallers(path.join(accountsDir, 'accounts.sqlite'), viewerDatasets);
    const workload = await sampleWorkload(target, viewerDatasets);
    if (!workload.ids.length || !workload.words.length || !workload.pairs.length) throw new Error("the viewer's datasets hold too little connected data to benchmark");
    const counts = await target.db.read('CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels');
    const outside = await target.db.read('MATCH (n:Entity) WHERE n.dataset IN $hidden AND EXISTS { (n)--() } RETURN n.id AS id LIMIT 1', { hidden });
    const server = await startServerProcess({ NEO4J_URI: target.uri, NEO4J_USERNAME: target.username ?? '', NEO4J_PASSWORD: target.password ?? '', AUTH: 'accounts', ACCOUNTS_DB: path.join(accountsDir, 'accounts.sqlite') });
    const cases: AccessCase[] = [];
    try {
      await server.untilWarmed();
      // The filter is in effect: a node of the other half is the owner's to see, not the viewer's.
      const hiddenNode = `${server.url}/api/nodes/${encodeURIComponent(String(outside.rows[0]?.id))}/neighbors`;
      const [asOwner, asViewer] = [await timedGet(hiddenNode, tokens.owner), await timedGet(hiddenNode, tokens.viewer)];
      if (!asOwner.ok || asViewer.ok) throw new Error(`a node of ${hidden.join(', ')}: owner ${asOwner.ok ? 'sees' : 'does not see'} it, viewer ${asViewer.ok ? 'sees' : 'does not see'} it`);
      for (const endpoint of options.endpoints ?? ACCESS_ENDPOINTS) {
        // Warm-up through both callers (JIT, query plans with and without $datasets, page cache), not measured.
        await sideBySide(server.url, endpoint, workload, tokens, Math.min(3, seconds));
        log(`[${dataset.label}] access ${endpoint}: owner and viewer side by side...`);
        const { latencies, errors, paired } = await sideBySide(server.url, endpoint, workload, tokens, seconds, options.minRequests ?? MIN_REQUESTS);
        const owner = { ...summarize(latencies.owner), errors: errors.owner };
        const viewer = { ...summarize(latencies.viewer), errors: errors.viewer };
        const r = { p50: ratio(viewer.p50, owner.p50), p95: ratio(viewer.p95, owner.p95), pairedMedian: round(percentile(paired.sort((a, b) => a - b), 50)) };
        cases.push({ endpoint, owner, viewer, ratio: r, over: !(r.p50 <= ACCESS_TARGET && r.p95 <= ACCESS_TARGET) });
      }
    } finally {
      await server.stop();
    }
    return {
      scale: dataset.label,
      nodes: Number(counts.rows[0]?.nodes ?? 0),
      relationships: Number(counts.rows[0]?.rels ?? 0),
      datasets: { all, viewer: viewerDatasets },
      importMs: round(importMs),
      durationSeconds: seconds,
      workload: { ids: workload.ids.length, words: workload.words.length, pairs: workload.pairs.length, windows: workload.windows.length, hubDegree: workload.hub.degree },
      cases,
    };
  } finally {
    rmSync(accountsDir, { recursive: true, force: true });
    await target.stop();
  }
}

export function printAccess(results: AccessResult[]): string {
  const rows = results.flatMap((r) =>
    r.cases.map((c) => [
      r.scale,
      `${r.datasets.viewer.length}/${r.datasets.all.length}`,
      c.endpoint,
      Math.min(c.owner.count, c.viewer.count),
      c.owner.p50,
      c.viewer.p50,
      c.ratio.p50,
      c.owner.p95,
      c.viewer.p95,
      c.ratio.p95,
      c.ratio.pairedMedian,
      c.owner.errors + c.viewer.errors,
      c.over ? `OVER ${ACCESS_TARGET}` : 'ok',
    ]),
  );
  return printTable(
    `access: filtering by dataset, latency in ms at concurrency 1, the same requests as the owner (every dataset, no filter) and as a viewer of half the datasets, side by side; ratio = viewer / owner (target <= ${ACCESS_TARGET})`,
    ['scale', 'viewer reads', 'endpoint', 'requests each', 'owner p50', 'viewer p50', 'ratio p50', 'owner p95', 'viewer p95', 'ratio p95', 'paired median', 'errors', 'target'],
    rows,
  );
}
