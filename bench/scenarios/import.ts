// Scenario "import": our bulk importer against Neo4j's LOAD CSV (CALL {} IN TRANSACTIONS) on the same
// files, each into a fresh database with the same schema; then a rerun of ours (nothing may be created twice).
import { importBulk, ensureSchema } from '../../ingest/bulk/importer.ts';
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

export interface ImportResult {
  scale: string;
  ours: ImportFigures & { validationMs: number; batches: number; peakRssMiB: number };
  loadCsv: ImportFigures;
  rerun: { totalMs: number; created: number; nodes: number; relationships: number };
  /** Database contents after each path: equal counts prove they imported the same thing. */
  counts: { ours: Counts; loadCsv: Counts; afterRerun: Counts };
  /** With the `checksum` option: the databases' checksums (equal when both paths stored the same). */
  checksums?: { ours: string; loadCsv: string; afterRerun: string };
  ratio: { nodes: number; relationships: number; total: number };
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
}

export async function runImportScenario(options: ImportScenarioOptions): Promise<{ result: ImportResult; target?: Neo4jTarget }> {
  const { dataset, factory } = options;
  const log = options.log ?? (() => {});
  const nodes = dataset.manifest.nodes;
  const relationships = dataset.manifest.relations;

  // Neo4j's own path first, into its own fresh database.
  log(`[${dataset.label}] LOAD CSV...`);
  const other = await factory('load-csv');
  let loadCsv: ImportFigures;
  let loadCsvCounts: Counts;
  let loadCsvChecksum = '';
  const files = await serveFiles({ '/nodes.csv': dataset.files[0]!, '/relationships.csv': dataset.files[1]! });
  const direct = openDirect(other.uri, other);
  try {
    const started = performance.now();
    await ensureSchema(other.db);
    const nodePhase = await direct.autoCommit(nodesStatement(readHeader(dataset.files[0]!)), { url: `${files.url}/nodes.csv` });
    const relPhase = await direct.autoCommit(relationshipsStatement(readHeader(dataset.files[1]!)), { url: `${files.url}/relationships.csv` });
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

  log(`[${dataset.label}] our importer...`);
  const target = await factory('ours');
  try {
    const memory = sampler(() => process.memoryUsage().rss / 1048576, 200);
    const started = performance.now();
    await ensureSchema(target.db);
    const imported = await importBulk(target.db, dataset.files, { batchSize: options.batchSize, concurrency: options.concurrency });
    const totalMs = performance.now() - started;
    const rss = memory.stop();
    const oursCounts = await counts(target);
    const oursChecksum = options.checksum ? await options.checksum(target) : '';
    log(`[${dataset.label}] rerun of our importer...`);
    const rerunStarted = performance.now();
    const again = await importBulk(target.db, dataset.files, { batchSize: options.batchSize, concurrency: options.concurrency });
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
      ours,
      loadCsv,
      rerun: {
        totalMs: round(rerunMs),
        created: again.counts.sources.created + again.counts.entities.created + again.counts.relations.created,
        nodes: afterRerun.entities + afterRerun.sources,
        relationships: afterRerun.relationships,
      },
      counts: { ours: oursCounts, loadCsv: loadCsvCounts, afterRerun },
      ...(options.checksum ? { checksums: { ours: oursChecksum, loadCsv: loadCsvChecksum, afterRerun: await options.checksum(target) } } : {}),
      ratio: {
        nodes: ratio(ours.nodesPerSecond, loadCsv.nodesPerSecond),
        relationships: ratio(ours.relationshipsPerSecond, loadCsv.relationshipsPerSecond),
        total: ratio(ours.recordsPerSecond, loadCsv.recordsPerSecond),
      },
    };
    if (options.keep) return { result, target };
    await target.stop();
    return { result };
  } catch (error) {
    await target.stop();
    throw error;
  }
}

export function printImport(results: ImportResult[]): string {
  const rows = results.flatMap((r) => [
    [r.scale, 'ours (validate, then write)', r.ours.nodesPerSecond, r.ours.relationshipsPerSecond, r.ours.recordsPerSecond, r.ours.totalMs / 1000, r.ours.validationMs / 1000, r.ratio.nodes, r.ratio.relationships, r.ratio.total],
    [r.scale, 'LOAD CSV + CALL IN TRANSACTIONS', r.loadCsv.nodesPerSecond, r.loadCsv.relationshipsPerSecond, r.loadCsv.recordsPerSecond, r.loadCsv.totalMs / 1000, null, 1, 1, 1],
    [r.scale, 'ours, rerun (creates nothing)', null, null, null, r.rerun.totalMs / 1000, null, null, null, null],
  ]);
  return printTable(
    'import: nodes/s and relationships/s (write phases), records/s end to end; ratio = ours / LOAD CSV',
    ['scale', 'path', 'nodes/s', 'rels/s', 'records/s (total)', 'total s', 'validation s', 'ratio nodes', 'ratio rels', 'ratio total'],
    rows,
  );
}
