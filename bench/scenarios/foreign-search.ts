// Search on a foreign graph of ~60k nodes (bench/synthetic/foreign-graph.ts), with and without the opt-in full-text index:
// the server's in-memory name index, the bounded Cypher scan it falls back on while that is read, and the index; p50/p95.
// Runs inside a benchmark (runForeignSearchScenario on a Neo4j holding the graph) or alone: `npx tsx bench/scenarios/foreign-search.ts [--seconds 6]`.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Database } from '../../db/database.ts';
import { createApp } from '../../server/app.ts';
import { jsonLogger } from '../../server/context.ts';
import { discoverNameTargets, fullTextIndexStatement } from '../../ingest/search-index.ts';
import { SEARCH_INDEX_NAME } from '../../model/index.ts';
import { loadNameIndex } from '../../server/services/name-index.ts';
import { nodesByElementIds } from '../../server/services/reads/nodes.ts';
import { SEE_ALL } from '../../server/services/reads/run.ts';
import { searchNamesScan } from '../../server/services/reads/search.ts';
import { namesScanPattern } from '../../server/services/search-text.ts';
import { NAME_SCAN_EXAMINE } from '../../server/services/search.ts';
import { buildForeignGraph, foreignPerson } from '../synthetic/foreign-graph.ts';
import { listenLocal } from '../lib/net.ts';
import { startBenchNeo4j } from '../lib/neo4j.ts';
import { round, summarize, type LatencySummary } from '../lib/stats.ts';
import { Writable } from 'node:stream';

export interface ForeignSearchResult {
  nodes: number;
  queries: number;
  /** Reading the server's name index once (a scan of the name properties), ms. */
  nameIndexBuildMs: number;
  nameIndexEntries: number;
  nameIndexWords: number;
  /** GET /api/search without the full-text index, once the name index is read. */
  httpNameIndex: LatencySummary;
  /** The bounded Cypher scan alone (search-names-scan.cypher over every label's name properties, then nothing else). */
  cypherScan: LatencySummary;
  /** The name index alone plus fetching the hits by element id. */
  nameIndexService: LatencySummary;
  /** Creating the full-text index (npm run search-index's statement) until online, ms. */
  fullTextCreateMs: number;
  /** GET /api/search through the full-text index. */
  httpFullText: LatencySummary;
}

/** What a user types: each full name letter by letter from three letters on, and with a one-letter typo in the surname. */
export function typedQueries(people: number[]): string[] {
  const out: string[] = [];
  for (const i of people) {
    const p = foreignPerson(i);
    const full = `${p.firstName} ${p.lastName}`;
    for (let n = 3; n <= full.length; n += 2) out.push(full.slice(0, n));
    out.push(full);
    const last = [...p.lastName];
    last[Math.floor(last.length / 2)] = 'x';
    out.push(`${p.firstName} ${last.join('')}`);
  }
  return out;
}

async function timeEach(queries: readonly string[], seconds: number, run: (q: string) => Promise<unknown>): Promise<LatencySummary> {
  const samples: number[] = [];
  const until = Date.now() + seconds * 1000;
  for (let round = 0; round === 0 || Date.now() < until; round++) {
    for (const q of queries) {
      const start = performance.now();
      await run(q);
      samples.push(performance.now() - start);
    }
  }
  return summarize(samples);
}

const quiet = new Writable({ write: (_chunk, _enc, done) => done() });

async function searchServer(db: Database) {
  // Rate limits off: the benchmark types faster than a person (the limit is the server's, not the search's cost).
  const server = await listenLocal(createApp({ db, log: jsonLogger(quiet, false) }, { security: { rateLimits: false } }));
  const get = async (q: string) => {
    const response = await fetch(`${server.url}/api/search?q=${encodeURIComponent(q)}`);
    if (!response.ok) throw new Error(`search '${q}': ${response.status}`);
    return (await response.json()) as { mode: string; results: unknown[] };
  };
  return { server, get };
}

/** Runs on a database holding the foreign graph (and no full-text index named entity_search); leaves it without the index. */
export async function runForeignSearchScenario(db: Database, options: { seconds?: number } = {}): Promise<ForeignSearchResult> {
  const seconds = options.seconds ?? 6;
  const queries = typedQueries([1234, 4321, 9876]);
  const nodes = Number((await db.read('MATCH (n) RETURN count(n) AS n')).rows[0]?.n ?? 0);
  await db.write(`DROP INDEX ${SEARCH_INDEX_NAME} IF EXISTS`);
  const targets = await discoverNameTargets(db);

  const buildStart = performance.now();
  const index = await loadNameIndex(db, targets);
  const nameIndexBuildMs = round(performance.now() - buildStart);

  const cypherScan = await timeEach(queries, seconds, (q) => searchNamesScan(db, { targets, pattern: namesScanPattern(q)!, examine: NAME_SCAN_EXAMINE, limit: 200 }));
  const nameIndexService = await timeEach(queries, seconds, (q) => nodesByElementIds(db, index.search(q, null, 60), SEE_ALL));

  const plain = await searchServer(db);
  let httpNameIndex: LatencySummary;
  try {
    await plain.get('warm up');
    // The server reads its name index in the background after its first discovery; wait until it has.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const start = performance.now();
      await plain.get('zzqx');
      if (performance.now() - start < nameIndexBuildMs / 4 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    httpNameIndex = await timeEach(queries, seconds, plain.get);
  } finally {
    await plain.server.close();
  }

  const createStart = performance.now();
  await db.write(fullTextIndexStatement(targets)!);
  await db.write('CALL db.awaitIndex($name, 600)', { name: SEARCH_INDEX_NAME });
  const fullTextCreateMs = round(performance.now() - createStart);
  const indexed = await searchServer(db);
  let httpFullText: LatencySummary;
  try {
    const first = await indexed.get('warm up');
    if (first.mode !== 'fulltext') throw new Error(`expected the full-text index to be used, got mode ${first.mode}`);
    httpFullText = await timeEach(queries, seconds, indexed.get);
  } finally {
    await indexed.server.close();
    await db.write(`DROP INDEX ${SEARCH_INDEX_NAME} IF EXISTS`);
  }
  return {
    nodes,
    queries: queries.length,
    nameIndexBuildMs,
    nameIndexEntries: index.size,
    nameIndexWords: index.words,
    httpNameIndex,
    cypherScan,
    nameIndexService,
    fullTextCreateMs,
    httpFullText,
  };
}

export function printForeignSearch(result: ForeignSearchResult): string {
  const lines = [`\n## search on a foreign graph of ${result.nodes} nodes (${result.queries} typed queries, ms)\n`];
  const row = (name: string, s: LatencySummary) => lines.push(`  ${name.padEnd(46)} p50 ${String(s.p50).padStart(8)}  p95 ${String(s.p95).padStart(8)}  n ${s.count}`);
  row('GET /api/search, no index (name index)', result.httpNameIndex);
  row('name index + fetch by element id (service)', result.nameIndexService);
  row('bounded Cypher scan (fallback while reading)', result.cypherScan);
  row('GET /api/search, full-text index', result.httpFullText);
  lines.push(`  name index: read in ${result.nameIndexBuildMs} ms, ${result.nameIndexEntries} nodes, ${result.nameIndexWords} distinct words`);
  lines.push(`  full-text index: created and online in ${result.fullTextCreateMs} ms`);
  const text = lines.join('\n') + '\n';
  console.log(text);
  return text;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '6' }, heap: { type: 'string', default: '1g' }, pagecache: { type: 'string', default: '512m' } } });
  const target = await startBenchNeo4j({ heap: values.heap!, pageCache: values.pagecache! });
  try {
    const built = performance.now();
    await buildForeignGraph((cypher, params) => target.db.write(cypher, params));
    console.log(`foreign graph built in ${Math.round(performance.now() - built)} ms`);
    const result = await runForeignSearchScenario(target.db, { seconds: Number(values.seconds) });
    printForeignSearch(result);
    console.log(JSON.stringify(result));
  } finally {
    await target.stop();
  }
}
