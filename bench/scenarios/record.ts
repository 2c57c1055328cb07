// Scenario "record" (issue #25): what writing costs on the bench's graph. A server process in team mode (a user
// store with one instance admin and a personal token) takes a source with its text, then records facts one after
// another (two new actors, one relation, one quote each: POST /api/datasets/:dataset/facts), each timed; then the
// review list (GET /api/review, the proposals just recorded among them) and a fact's history
// (GET /api/facts/:id/revisions), each timed at concurrency 1. Targets: recording p95 < 100 ms, reads p95 < 50 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Accounts } from '../../server/accounts/accounts.ts';
import type { Neo4jTarget } from '../lib/neo4j.ts';
import { startServerProcess } from '../lib/server-process.ts';
import { summarize, type LatencySummary } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';

/** Issue #25's targets, p95 in ms. */
export const RECORD_TARGETS = { record: 100, reads: 50 } as const;
export type RecordCase = 'record' | 'review' | 'history';

export interface RecordResult {
  scale: string;
  nodes: number;
  relationships: number;
  dataset: string;
  cases: { name: RecordCase; request: string; timing: LatencySummary & { errors: number }; targetMs: number; over: boolean }[];
  /** The review list's `total` at the end (the proposals recorded, and any the graph held before). */
  reviewTotal: number;
}

export interface RecordScenarioOptions {
  target: Neo4jTarget;
  scale: string;
  /** The dataset of the bench's graph (facts are recorded into it). */
  dataset: string;
  /** Facts recorded and timed (default 150), after `warmup` untimed ones (default 10). */
  facts?: number;
  warmup?: number;
  /** Requests timed per read (default 150). */
  reads?: number;
  log?: (line: string) => void;
}

/** A field note of `n` sentences, one per fact: each quote is a sentence of it. */
function fieldNote(run: string, n: number): { text: string; sentence: (i: number) => { quote: string; start: number; end: number } } {
  const sentences = Array.from({ length: n }, (_, i) => `Bench witness ${run}-${i} accused bench official ${run}-${i} of fraud in case ${i}.`);
  const starts: number[] = [];
  let text = `Field note ${run}. `;
  for (const s of sentences) {
    starts.push(text.length);
    text += `${s} `;
  }
  return { text, sentence: (i) => ({ quote: sentences[i]!, start: starts[i]!, end: starts[i]! + sentences[i]!.length }) };
}

/** What the scenario reads of the answers (and the rest, for a refusal's log line). */
interface AnswerBody {
  source?: { id: string };
  fact?: { id: string };
  total?: number;
}

async function timed(url: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<{ ms: number; ok: boolean; body: AnswerBody }> {
  const started = performance.now();
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    // As the page of an editor asks: proposals shown (a proposed fact's history is hidden otherwise, as the fact is).
    headers: { authorization: `Bearer ${token}`, 'x-show-facts': 'proposed', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const body = (await res.json()) as AnswerBody;
  return { ms: performance.now() - started, ok: res.ok, body };
}

function admin(file: string): string {
  const accounts = Accounts.open(file, { sessionLifetimeMs: 3_600_000 });
  try {
    const user = accounts.users.create({ username: 'bench-recorder', isAdmin: true });
    return accounts.tokens.create(user.id, 'bench', new Date(Date.now() + 24 * 3_600_000)).secret;
  } finally {
    accounts.close();
  }
}

export async function runRecordScenario(options: RecordScenarioOptions): Promise<RecordResult> {
  const { target, dataset } = options;
  const log = options.log ?? (() => {});
  const facts = options.facts ?? 150;
  const warmup = options.warmup ?? 10;
  const reads = options.reads ?? 150;
  const accountsDir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-record-'));
  try {
    const token = admin(path.join(accountsDir, 'accounts.sqlite'));
    const counts = await target.db.read('CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels');
    const server = await startServerProcess({ NEO4J_URI: target.uri, NEO4J_USERNAME: target.username ?? '', NEO4J_PASSWORD: target.password ?? '', AUTH: 'accounts', ACCOUNTS_DB: path.join(accountsDir, 'accounts.sqlite') });
    try {
      await server.untilWarmed();
      const base = `${server.url}/api`;
      const enc = encodeURIComponent;
      const run = Date.now().toString(36);
      const note = fieldNote(run, warmup + facts);
      const source = await timed(`${base}/datasets/${enc(dataset)}/sources`, token, { method: 'POST', body: { title: `Bench field note ${run}`, language: 'en', text: note.text } });
      if (!source.ok) throw new Error(`adding the source: ${JSON.stringify(source.body)}`);
      const recordOne = (i: number) => {
        const { quote, start, end } = note.sentence(i);
        return timed(`${base}/datasets/${enc(dataset)}/facts`, token, {
          method: 'POST',
          body: {
            type: 'ACCUSED',
            from: { new: { type: 'Person', name: `Bench witness ${run}-${i}` } },
            to: { new: { type: 'Person', name: `Bench official ${run}-${i}` } },
            properties: { words: 'fraud' },
            evidence: { source: source.body.source!.id, quote, start, end },
          },
        });
      };
      const recorded: string[] = [];
      const samples: Record<RecordCase, number[]> = { record: [], review: [], history: [] };
      const errors: Record<RecordCase, number> = { record: 0, review: 0, history: 0 };
      log(`[${options.scale}] record: ${warmup} facts to warm up, then ${facts} timed...`);
      for (let i = 0; i < warmup + facts; i++) {
        const answer = await recordOne(i);
        if (!answer.ok) {
          errors.record++;
          if (errors.record === 1) log(`[${options.scale}] record: refused: ${JSON.stringify(answer.body).slice(0, 300)}`);
          continue;
        }
        recorded.push(answer.body.fact!.id);
        if (i >= warmup) samples.record.push(answer.ms);
      }
      if (!recorded.length) throw new Error('no fact was recorded');
      const reviewUrl = `${base}/review?dataset=${enc(dataset)}&limit=50`;
      let reviewTotal = 0;
      log(`[${options.scale}] record: the review list and a fact's history, ${reads} requests each...`);
      for (let i = 0; i < reads + warmup; i++) {
        const review = await timed(reviewUrl, token);
        const history = await timed(`${base}/facts/${enc(recorded[i % recorded.length]!)}/revisions`, token);
        for (const [name, answer] of [['review', review], ['history', history]] as const) {
          if (!answer.ok) {
            if (++errors[name] === 1) log(`[${options.scale}] record: ${name} refused: ${JSON.stringify(answer.body).slice(0, 300)}`);
          } else if (i >= warmup) samples[name].push(answer.ms);
        }
        if (review.ok) reviewTotal = Number(review.body.total);
      }
      const requests: Record<RecordCase, string> = {
        record: 'POST /api/datasets/:dataset/facts (2 new actors, 1 relation, 1 quote)',
        review: 'GET /api/review?dataset=&limit=50',
        history: 'GET /api/facts/:id/revisions',
      };
      const cases = (['record', 'review', 'history'] as const).map((name) => {
        const timing = { ...summarize(samples[name]), errors: errors[name] };
        const targetMs = name === 'record' ? RECORD_TARGETS.record : RECORD_TARGETS.reads;
        return { name, request: requests[name], timing, targetMs, over: !(timing.p95 < targetMs) };
      });
      return { scale: options.scale, nodes: Number(counts.rows[0]?.nodes ?? 0), relationships: Number(counts.rows[0]?.rels ?? 0), dataset, cases, reviewTotal };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(accountsDir, { recursive: true, force: true });
  }
}

export function printRecord(results: RecordResult[]): string {
  const rows = results.flatMap((r) => r.cases.map((c) => [r.scale, c.request, c.timing.count, c.timing.p50, c.timing.p95, c.timing.p99, c.timing.max, c.timing.errors, c.over ? `MISS (< ${c.targetMs})` : `ok (< ${c.targetMs})`]));
  return printTable(
    'record: recording a fact and reading the review list and a history through the server (team mode), latency in ms at concurrency 1',
    ['scale', 'request', 'requests', 'p50', 'p95', 'p99', 'max', 'errors', 'target p95'],
    rows,
  );
}
