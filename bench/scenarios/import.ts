// Scenario "import", side by side on the same files: the initial load through Neo4j's offline importer
// (ingest/bulk/offline.ts), our transactional importer (the incremental path) and its rerun (nothing may be
// created twice), Neo4j's LOAD CSV (CALL {} IN TRANSACTIONS), and the bare write ceiling (UNWIND ... CREATE of
// our rows); each into a fresh database with the same schema. The transactional paths may run on a slice.
import { createReadStream, createWriteStream, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { importBulk, validateIntoSink } from '../../ingest/bulk/importer.ts';
import { importDataset, ensureSchema, importModel } from '../../ingest/bulk/import-plan.ts';
import { importOffline } from '../../ingest/bulk/offline.ts';
import type { StoredRow } from '../../ingest/rows.ts';
import type { SpoolEntry } from '../../ingest/bulk/spool.ts';
import { freePort } from '../lib/net.ts';
import type { BenchDataset } from '../lib/datasets.ts';
import { openDirect } from '../lib/driver.ts';
import { nodesStatement, readHeader, relationshipsStatement } from '../lib/load-csv.ts';
import type { Neo4jFactory, Neo4jTarget } from '../lib/neo4j.ts';
import { sampler } from '../lib/processes.ts';
import { perSecond, ratio, round } from '../lib/stats.ts';
import { serveFiles } from '../lib/static-server.ts';
import { printTable } from '../lib/table.ts';

export interface ImportFigures {
  nodes: number;
  relationships: number;
  /** Wall time of the whole import, schema and bookkeeping included. */
  totalMs: number;
  nodesMs: number;
  relationshipsMs: number;
  nodesPerSecond: number;
  relationshipsPerSecond: number;
  /** All records over the whole wall time. */
  recordsPerSecond: number;
}

export interface OfflineFigures {
  nodes: number;
  relationships: number;
  /** End to end: validation, CSV, the importer, the start, the schema (indexes online), the empty lists. */
  totalMs: number;
  validateMs: number;
  storeMs: number;
  startMs: number;
  schemaMs: number;
  finishMs: number;
  /** Over the whole wall time, validation included: what the targets (50k nodes/s, 100k rels/s) measure. */
  nodesPerSecond: number;
  relationshipsPerSecond: number;
  recordsPerSecond: number;
}

export interface CeilingFigures {
  /** Entity rows written by a bare `UNWIND $rows AS row CREATE (n:Entity) SET n = row.props`, same batch size and concurrency as ours. */
  nodes: number;
  ms: number;
  nodesPerSecond: number;
}

export interface ImportResult {
  scale: string;
  /** Nodes and relationships the transactional paths (ours, LOAD CSV, the ceiling) ran on: all, or a slice of the same files. */
  slice: { nodes: number; relationships: number; whole: boolean };
  offline?: OfflineFigures;
  ceiling?: CeilingFigures;
  ours: ImportFigures & { validationMs: number; batches: number; peakRssMiB: number };
  loadCsv: ImportFigures;
  rerun: { totalMs: number; created: number; nodes: number; relationships: number };
  /** Database contents after each path: equal counts prove they imported the same thing. */
  counts: { ours: Counts; loadCsv: Counts; afterRerun: Counts; offline?: Counts };
  /** With the `checksum` option: the databases' checksums (equal when both paths stored the same). */
  checksums?: { ours: string; loadCsv: string; afterRerun: string; offline?: string };
  /** ours / LOAD CSV; offline: offline records/s end to end over LOAD CSV's; oursToCeiling: our node write rate over the ceiling's. */
  ratio: { nodes: number; relationships: number; total: number; offline?: number; oursToCeiling?: number };
}

interface Counts {
  entities: number;
  sources: number;
  relationships: number;
  distinctRelationshipIds: number;
}

async function counts(target: Neo4jTarget): Promise<Counts> {
  const { rows } = await target.db.read(
    `CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
     CALL () { MATCH (s:Source) RETURN count(s) AS sources }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships, count(DISTINCT r.id) AS ids }
     RETURN entities, sources, relationships, ids`,
  );
  const r = rows[0]!;
  return { entities: Number(r.entities), sources: Number(r.sources), relationships: Number(r.relationships), distinctRelationshipIds: Number(r.ids) };
}

export interface ImportScenarioOptions {
  dataset: BenchDataset;
  factory: Neo4jFactory;
  batchSize?: number;
  concurrency?: number;
  log?: (line: string) => void;
  /** Keep the database our importer filled (for the API scenario); otherwise it is stopped. */
  keep?: boolean;
  /** Computes a checksum of a filled database (the smoke test proves both paths store the same). */
  checksum?: (target: Neo4jTarget) => Promise<string>;
  /** The offline importer's database (its own data directory); absent: the offline path is not run. */
  offline?: { heap: string; pageCache: string };
  /** Run the transactional paths on the first N nodes of the files (and the relationships among them). */
  slice?: number;
  /** Rows the ceiling writes at most (default 100,000). */
  ceilingRows?: number;
}

/** The first `nodes` data lines of the nodes file and the relationships between them, beside a copy of the manifest. */
export async function sliceDataset(dataset: BenchDataset, nodes: number): Promise<{ files: string[]; nodes: number; relationships: number }> {
  const dir = path.join(dataset.dir, `slice-${nodes}`);
  const files = [path.join(dir, 'nodes.csv'), path.join(dir, 'relationships.csv')];
  mkdirSync(dir, { recursive: true });
  // The manifest says the files are synthetic (ingest/synthetic-guard.ts reads it beside them).
  copyFileSync(path.join(dataset.dir, 'manifest.json'), path.join(dir, 'manifest.json'));
  const ids = new Set<string>();
  let kept = 0;
  let relationships = 0;
  const copy = async (from: string, to: string, keep: (line: string, index: number) => boolean) => {
    const out = createWriteStream(to);
    let index = -1;
    for await (const line of createInterface({ input: createReadStream(from), crlfDelay: Infinity })) {
      index++;
      if (index === 0 || keep(line, index)) {
        if (!out.write(line + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
      }
    }
    await new Promise<void>((r) => out.end(() => r()));
  };
  // The generator writes plain ids first on each line (no quotes, no line breaks inside them).
  await copy(dataset.files[0]!, files[0]!, (line, index) => {
    if (index > nodes) return false;
    ids.add(line.slice(0, line.indexOf(',')));
    kept++;
    return true;
  });
  await copy(dataset.files[1]!, files[1]!, (line) => {
    const [from, to] = line.split(',', 2);
    const keep = ids.has(from!) && ids.has(to!);
    if (keep) relationships++;
    return keep;
  });
  return { files, nodes: kept, relationships };
}

/** The ceiling: our entity rows, written with nothing but CREATE and SET, into a fresh database with the schema. */
async function runCeiling(target: Neo4jTarget, nodesFile: string, options: { batchSize: number; concurrency: number; maxRows: number }): Promise<CeilingFigures> {
  const rows: StoredRow[] = [];
  const model = await importModel({});
  await validateIntoSink([nodesFile], model, {
    async write(entry: SpoolEntry) {
      if (!('barrier' in entry) && entry.kind === 'entity' && rows.length < options.maxRows) rows.push(entry.row);
    },
  });
  await ensureSchema(target.db);
  const batches: StoredRow[][] = [];
  for (let i = 0; i < rows.length; i += options.batchSize) batches.push(rows.slice(i, i + options.batchSize));
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      await target.db.writeTransaction((tx) => tx.run('UNWIND $rows AS row CREATE (n:Entity) SET n = row.props', { rows: batch }));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const ms = performance.now() - started;
  return { nodes: rows.length, ms: round(ms), nodesPerSecond: perSecond(rows.length, ms) };
}

/** The initial load through the offline importer, into a data directory of its own (also how other scenarios get their database). */
export async function runOffline(dataset: BenchDataset, settings: { heap: string; pageCache: string }, log: (line: string) => void): Promise<{ figures: OfflineFigures; target: Neo4jTarget }> {
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'civic-graph-offline-')), 'data');
  const embedded = { boltHost: '127.0.0.1', boltPort: await freePort(), dataDir, heap: settings.heap, pageCache: settings.pageCache, txMemory: '1g', txMemoryGlobal: settings.heap, txTimeoutSeconds: 3600 };
  const result = await importOffline(dataset.files, { embedded, target: 'fresh', keepRunning: true, log: (line) => log(`[${dataset.label}]   ${line}`) });
  const { neo4j, db } = result.running!;
  const nodes = dataset.manifest.nodes;
  const relationships = dataset.manifest.relations;
  const p = result.phases;
  const figures: OfflineFigures = {
    nodes,
    relationships,
    totalMs: round(result.totalMs),
    validateMs: round(p.validateMs),
    storeMs: round(p.storeMs),
    startMs: round(p.startMs),
    schemaMs: round(p.schemaMs),
    finishMs: round(p.finishMs),
    nodesPerSecond: perSecond(nodes, result.totalMs),
    relationshipsPerSecond: perSecond(relationships, result.totalMs),
    recordsPerSecond: perSecond(nodes + relationships, result.totalMs),
  };
  const target: Neo4jTarget = {
    uri: neo4j.uri,
    username: neo4j.username,
    password: neo4j.password,
    db,
    dataDir,
    jvmPid: neo4j.process.pid,
    async stop(options = {}) {
      await db.close();
      await neo4j.stop();
      if (!options.keepData) rmSync(path.dirname(dataDir), { recursive: true, force: true });
    },
  };
  return { figures, target };
}

export async function runImportScenario(options: ImportScenarioOptions): Promise<{ result: ImportResult; target?: Neo4jTarget }> {
  const { dataset, factory } = options;
  const log = options.log ?? (() => {});
  const batchSize = options.batchSize ?? 5000;
  const concurrency = options.concurrency ?? 2;

  // 1. The initial load through Neo4j's offline importer, on the whole files.
  let offline: { figures: OfflineFigures; target: Neo4jTarget } | undefined;
  let offlineCounts: Counts | undefined;
  let offlineChecksum: string | undefined;
  if (options.offline) {
    log(`[${dataset.label}] initial load with the offline importer...`);
    offline = await runOffline(dataset, options.offline, log);
    offlineCounts = await counts(offline.target);
    if (options.checksum) offlineChecksum = await options.checksum(offline.target);
    // The API scenario wants the whole graph: the offline database is the one kept when asked.
    if (!options.keep) {
      await offline.target.stop();
    }
  }
  try {
    // The transactional paths, on the whole files or a slice of them.
    const whole = !options.slice || options.slice >= dataset.manifest.nodes;
    const sliced = whole ? { files: dataset.files, nodes: dataset.manifest.nodes, relationships: dataset.manifest.relations } : await sliceDataset(dataset, options.slice!);
    if (!whole) log(`[${dataset.label}] transactional paths on a slice: ${sliced.nodes} nodes, ${sliced.relationships} relationships`);
    const nodes = sliced.nodes;
    const relationships = sliced.relationships;

    // 2. Neo4j's LOAD CSV, into its own fresh database.
    log(`[${dataset.label}] LOAD CSV...`);
    const other = await factory('load-csv');
    let loadCsv: ImportFigures;
    let loadCsvCounts: Counts;
    let loadCsvChecksum = '';
    const files = await serveFiles({ '/nodes.csv': sliced.files[0]!, '/relationships.csv': sliced.files[1]! });
    const direct = openDirect(other.uri, other);
    try {
      const started = performance.now();
      await ensureSchema(other.db);
      // The dataset every element belongs to, and its record, as our importer writes them (the same graph, compared by checksum).
      const record = importDataset(sliced.files);
      await other.db.write('MERGE (d:Dataset {id: $d.id}) ON CREATE SET d.title = $d.title, d.synthetic = $d.synthetic', { d: record });
      const nodePhase = await direct.autoCommit(nodesStatement(readHeader(sliced.files[0]!)), { url: `${files.url}/nodes.csv`, dataset: record.id });
      const relPhase = await direct.autoCommit(relationshipsStatement(readHeader(sliced.files[1]!)), { url: `${files.url}/relationships.csv`, dataset: record.id });
      const totalMs = performance.now() - started;
      loadCsv = {
        nodes,
        relationships,
        totalMs: round(totalMs),
        nodesMs: round(nodePhase.ms),
        relationshipsMs: round(relPhase.ms),
        nodesPerSecond: perSecond(nodes, nodePhase.ms),
        relationshipsPerSecond: perSecond(relationships, relPhase.ms),
        recordsPerSecond: perSecond(nodes + relationships, totalMs),
      };
      loadCsvCounts = await counts(other);
      if (options.checksum) loadCsvChecksum = await options.checksum(other);
    } finally {
      await direct.close();
      await files.close();
      await other.stop();
    }

    // 3. The bare write ceiling, into its own fresh database.
    log(`[${dataset.label}] bare write ceiling...`);
    const bare = await factory('ceiling');
    let ceiling: CeilingFigures;
    try {
      ceiling = await runCeiling(bare, sliced.files[0]!, { batchSize, concurrency, maxRows: options.ceilingRows ?? 100_000 });
    } finally {
      await bare.stop();
    }

    // 4. Ours, transactional, then its rerun.
    log(`[${dataset.label}] our transactional importer...`);
    const target = await factory('ours');
    try {
      const memory = sampler(() => process.memoryUsage().rss / 1048576, 200);
      const started = performance.now();
      await ensureSchema(target.db);
      const imported = await importBulk(target.db, sliced.files, { batchSize, concurrency });
      const totalMs = performance.now() - started;
      const rss = memory.stop();
      const oursCounts = await counts(target);
      const oursChecksum = options.checksum ? await options.checksum(target) : '';
      log(`[${dataset.label}] rerun of our importer...`);
      const rerunStarted = performance.now();
      const again = await importBulk(target.db, sliced.files, { batchSize, concurrency });
      const rerunMs = performance.now() - rerunStarted;
      const afterRerun = await counts(target);
      const c = imported.counts;
      const ours = {
        nodes,
        relationships,
        totalMs: round(totalMs),
        validationMs: round(imported.validation?.ms ?? 0),
        nodesMs: round(imported.nodes.ms),
        relationshipsMs: round(imported.relationships.ms),
        nodesPerSecond: perSecond(c.sources.rows + c.entities.rows, imported.nodes.ms),
        relationshipsPerSecond: perSecond(c.relations.rows, imported.relationships.ms),
        recordsPerSecond: perSecond(nodes + relationships, totalMs),
        batches: c.batches,
        peakRssMiB: round(Math.max(...rss, 0), 0),
      };
      const result: ImportResult = {
        scale: dataset.label,
        slice: { nodes, relationships, whole },
        ...(offline ? { offline: offline.figures } : {}),
        ceiling,
        ours,
        loadCsv,
        rerun: {
          totalMs: round(rerunMs),
          created: again.counts.sources.created + again.counts.entities.created + again.counts.relations.created,
          nodes: afterRerun.entities + afterRerun.sources,
          relationships: afterRerun.relationships,
        },
        counts: { ours: oursCounts, loadCsv: loadCsvCounts, afterRerun, ...(offlineCounts ? { offline: offlineCounts } : {}) },
        ...(options.checksum
          ? { checksums: { ours: oursChecksum, loadCsv: loadCsvChecksum, afterRerun: await options.checksum(target), ...(offlineChecksum !== undefined ? { offline: offlineChecksum } : {}) } }
          : {}),
        ratio: {
          nodes: ratio(ours.nodesPerSecond, loadCsv.nodesPerSecond),
          relationships: ratio(ours.relationshipsPerSecond, loadCsv.relationshipsPerSecond),
          total: ratio(ours.recordsPerSecond, loadCsv.recordsPerSecond),
          ...(offline ? { offline: ratio(offline.figures.recordsPerSecond, loadCsv.recordsPerSecond) } : {}),
          oursToCeiling: ratio(ours.nodesPerSecond, ceiling.nodesPerSecond),
        },
      };
      if (options.keep && offline) {
        await target.stop();
        return { result, target: offline.target };
      }
      if (options.keep) return { result, target };
      await target.stop();
      return { result };
    } catch (error) {
      await target.stop();
      throw error;
    }
  } catch (error) {
    if (options.keep && offline) await offline.target.stop();
    throw error;
  }
}

export function printImport(results: ImportResult[]): string {
  const rows = results.flatMap((r) => {
    const on = r.slice.whole ? '' : ` (slice: ${r.slice.nodes} nodes, ${r.slice.relationships} rels)`;
    return [
      ...(r.offline
        ? [[r.scale, 'initial: offline importer, end to end', r.offline.nodesPerSecond, r.offline.relationshipsPerSecond, r.offline.recordsPerSecond, r.offline.totalMs / 1000, r.offline.validateMs / 1000, r.ratio.offline ?? null, null]]
        : []),
      [r.scale, `incremental: ours, transactional${on}`, r.ours.nodesPerSecond, r.ours.relationshipsPerSecond, r.ours.recordsPerSecond, r.ours.totalMs / 1000, r.ours.validationMs / 1000, r.ratio.total, r.ratio.oursToCeiling ?? null],
      [r.scale, `LOAD CSV + CALL IN TRANSACTIONS${on}`, r.loadCsv.nodesPerSecond, r.loadCsv.relationshipsPerSecond, r.loadCsv.recordsPerSecond, r.loadCsv.totalMs / 1000, null, 1, null],
      ...(r.ceiling ? [[r.scale, `bare UNWIND CREATE ceiling (${r.ceiling.nodes} entity rows)`, r.ceiling.nodesPerSecond, null, null, r.ceiling.ms / 1000, null, null, 1]] : []),
      [r.scale, `ours, rerun (creates nothing)${on}`, null, null, null, r.rerun.totalMs / 1000, null, null, null],
    ];
  });
  const offlinePhases = results
    .filter((r) => r.offline)
    .map((r) => [r.scale, r.offline!.validateMs / 1000, r.offline!.storeMs / 1000, r.offline!.startMs / 1000, r.offline!.schemaMs / 1000, r.offline!.finishMs / 1000, r.offline!.totalMs / 1000]);
  return (
    printTable(
      'import: offline rates are end to end (validation included); transactional nodes/s and rels/s are their write phases; records/s over the whole wall time; vs LOAD CSV = records/s over LOAD CSV\'s; vs ceiling = our node write rate over the bare CREATE\'s',
      ['scale', 'path', 'nodes/s', 'rels/s', 'records/s (total)', 'total s', 'validation s', 'vs LOAD CSV', 'vs ceiling'],
      rows,
    ) +
    (offlinePhases.length
      ? printTable('import: offline importer phases (s)', ['scale', 'validate + CSV', 'store (importer)', 'start', 'schema', 'empty lists + stamp', 'total'], offlinePhases)
      : '')
  );
}
