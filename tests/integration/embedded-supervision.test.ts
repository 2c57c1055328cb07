// The server brings back the embedded Neo4j it started: SIGKILL of the JVM while requests run, then
// health says it is restarting, comes back 'ok', the data are intact and the log names the exit.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/lib/net.ts';
import { startServerProcess, type ServerProcess } from '../../bench/lib/server-process.ts';
import { waitFor } from '../support/reliability.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

interface Health {
  status: string;
  reason?: string;
}

async function health(url: string): Promise<{ code: number; body: Health }> {
  const res = await fetch(`${url}/api/health`);
  return { code: res.status, body: (await res.json()) as Health };
}

/** What the seeded database holds, counted through the API: the schema's counts per label and type. */
async function counts(url: string): Promise<string> {
  const schema = (await (await fetch(`${url}/api/schema`)).json()) as { labels: { label: string; count: number }[]; relationshipTypes: { type: string; count: number }[] };
  return JSON.stringify([schema.labels.map((l) => [l.label, l.count]), schema.relationshipTypes.map((t) => [t.type, t.count])]);
}

/** The JVM the server started: its child whose command is java (read from /proc, Linux). */
function jvmOf(server: ServerProcess): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its last ')'.
    const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === server.child.pid && comm === 'java') return Number(entry);
  }
  throw new Error('the server has no java child');
}

describe('the embedded Neo4j dies', () => {
  it('is restarted by the server, health says so meanwhile, and nothing is lost', { timeout: 420_000 }, async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-supervised-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = {
      NEO4J_DATA_DIR: dataDir,
      NEO4J_BOLT_PORT: String(await freePort()),
      NEO4J_HEAP: '384m',
      NEO4J_PAGECACHE: '64m',
      SEED_WHEN_EMPTY: 'true',
    };
    // The shared test database's address must not leak in: this server starts its own.
    const server = await startServerProcess({ ...env, NEO4J_URI: '' }, { timeoutMs: 300_000 });
    cleanups.push(() => server.stop());
    await server.untilWarmed(300_000);
    const before = await counts(server.url);
    expect(before).toContain('Organization');

    // Requests keep coming while the JVM dies; each must get an answer (any status), none hangs.
    let running = true;
    const answered: number[] = [];
    const traffic = (async () => {
      while (running) {
        const res = await fetch(`${server.url}/api/search?q=mali`).catch(() => undefined);
        if (res) answered.push(res.status);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const jvm = jvmOf(server);
    process.kill(jvm, 'SIGKILL');

    const seen = new Set<string>();
    await waitFor(async () => {
      const { code, body } = await health(server.url).catch(() => ({ code: 0, body: { status: 'no answer' } }));
      seen.add(`${code} ${body.status}`);
      return code === 200 && body.status === 'ok' && seen.has('503 restarting');
    }, 300_000, 200);
    running = false;
    await traffic;

    expect([...seen]).toContain('503 restarting');
    expect(jvmOf(server)).not.toBe(jvm);
    expect(await counts(server.url)).toBe(before);
    expect((await fetch(`${server.url}/api/search?q=mali`)).status).toBe(200);
    expect(answered.length).toBeGreaterThan(0);
    expect(server.output()).toMatch(/embedded Neo4j exited unexpectedly \(killed by SIGKILL\)/);
    expect(server.output()).toMatch(/embedded Neo4j restarted in [\d.]+ s/);
  });
});
