// Scaling out, as far as one machine can show it: the server works over a routing (neo4j://) URI, and
// two instances behind a round-robin balancer answer alike, paging across instances (no session state).
import { createServer, request, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { jsonLogger } from '../../server/context.ts';
import { Database } from '../../db/database.ts';
import { datasetFiles, generateDataset, type Manifest } from '../../bench/synthetic/generate.ts';
import { importBulk } from '../../ingest/bulk/importer.ts';
import { listenLocal, type LocalServer } from '../../bench/lib/net.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';

interface Instance extends LocalServer {
  db: Database;
}

/** One server instance with its own driver, catalog and rate-limit state, as a separate process would have. */
async function instance(uri: string): Promise<Instance> {
  const db = new Database({ uri, username: process.env.TEST_NEO4J_USERNAME, password: process.env.TEST_NEO4J_PASSWORD });
  const server = await listenLocal(createApp({ db, log: jsonLogger(process.stderr, true) }));
  return {
    url: server.url,
    db,
    close: async () => {
      await server.close();
      await db.close();
    },
  };
}

/** A round-robin balancer: each request goes to the next instance; X-Upstream names it. */
function balancer(upstreams: string[]): Promise<LocalServer> {
  let next = 0;
  const server = createServer((req, res) => {
    const target = new URL(req.url ?? '/', upstreams[next++ % upstreams.length]);
    const forward = request(target, { method: req.method, headers: req.headers }, (upstream: IncomingMessage) => {
      res.writeHead(upstream.statusCode ?? 502, { ...upstream.headers, 'x-upstream': target.origin });
      upstream.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  return listenLocal(server);
}

async function get(url: string): Promise<{ status: number; upstream: string | null; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, upstream: response.headers.get('x-upstream'), body: (await response.json()) as Record<string, unknown> };
}

describe('scaling out: routing URI and stateless instances', () => {
  const db = testDatabase();
  let dir: string;
  let manifest: Manifest;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    await resetDatabase(db);
    dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-scaleout-'));
    manifest = await generateDataset({ nodes: 300, seed: 3, outDir: dir });
    await importBulk(db, datasetFiles(dir, manifest));
  }, 300_000);

  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  });

  it('reads through a neo4j:// routing URI give the same answers as bolt://', { timeout: 120_000 }, async () => {
    const bolt = inject('neo4jUri');
    const routed = bolt.replace(/^bolt:/, 'neo4j:');
    const a = await instance(bolt);
    const b = await instance(routed);
    closers.push(a.close, b.close);
    const hub = manifest.hubs[0]!;
    for (const p of ['/api/health', `/api/search?q=${encodeURIComponent('Élèves Étudiants')}`, `/api/nodes/${encodeURIComponent(hub)}/neighbors?limit=25`]) {
      const [x, y] = await Promise.all([get(a.url + p), get(b.url + p)]);
      expect(y.status, p).toBe(200);
      expect(y.body, p).toEqual(x.body);
    }
  });

  it('two instances behind a round-robin balancer: both serve, alike, and paging crosses instances', { timeout: 120_000 }, async () => {
    const uri = inject('neo4jUri');
    const one = await instance(uri);
    const two = await instance(uri);
    const lb = await balancer([one.url, two.url]);
    closers.push(one.close, two.close, lb.close);
    const hub = manifest.hubs[0]!;
    const pagePath = (offset: number) => `/api/nodes/${encodeURIComponent(hub)}/neighbors?limit=25&offset=${offset}`;
    // Page after page through the balancer: consecutive pages come from different instances.
    const pages = [];
    for (let offset = 0; offset < 100; offset += 25) pages.push(await get(lb.url + pagePath(offset)));
    expect(new Set(pages.map((p) => p.upstream))).toEqual(new Set([one.url, two.url]));
    const edges = new Set<string>();
    let listed = 0;
    for (const page of pages) {
      expect(page.status).toBe(200);
      for (const edge of page.body.edges as { id: string }[]) edges.add(edge.id);
      listed += (page.body.edges as unknown[]).length;
    }
    // No relationship twice and none skipped: the offsets mean the same thing on both instances.
    const total = Number(pages[0]!.body.total);
    expect(total).toBeGreaterThan(25);
    expect(listed).toBe(Math.min(total, 100));
    expect(edges.size).toBe(listed);
    expect(pages[3]!.body.total).toBe(total);
    // The same request answered by each instance directly is identical.
    for (const p of [pagePath(25), `/api/search?q=${encodeURIComponent('Vantroué')}`, '/api/schema']) {
      const [x, y] = await Promise.all([get(one.url + p), get(two.url + p)]);
      expect(y.body, p).toEqual(x.body);
    }
  });
});
