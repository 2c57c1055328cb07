// The bulk importer: streams nodes/relationships files (CSV or NDJSON), validates every record with the
// ingest rules (ingest/rules.ts), then writes them in batched UNWIND transactions under an import run that can be undone.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import { DatasetError } from '../errors.ts';
import { loadModelFile, type Model } from '../../model/index.ts';
import { applySchema } from '../schema.ts';
import { extensionBeyond, extensionRecord, storeModelExtension, type StoredExtension } from '../model-store.ts';
import { readItems, type ItemKind, type RawItem, type ReadOptions } from './format.ts';
import { silentProgress, type ProgressSink } from '../progress.ts';
import { entityRow, relationRow, sourceRow } from '../rows.ts';
import { beginRun, recordRunDataset, type RecoverOptions, type RecoveryReport, type RunHandle } from './runs.ts';
import { BulkValidator, type ValidItem } from './validate.ts';
import { BatchWriter, DatasetConflictError, type BatchInfo, type WriteCounts } from './writer.ts';
import { readSpool, SpoolWriter, type SpoolEntry } from './spool.ts';
import { assertNoSyntheticMix, markSyntheticSources } from '../synthetic-guard.ts';
import type { DatasetRecord } from '../datasets.ts';
import { importDataset, importModel, planFiles, shownPath, type PlannedFile } from './import-plan.ts';
import { otherDatasetMessage } from '../rules.ts';

export interface ImportOptions extends ReadOptions {
  /**
   * The dataset every element written belongs to (a slug such as `mali-2023-2024`; the CLI's --dataset).
   * Default: the one the synthetic generator's manifest names beside the files, else a slug of the first
   * file's base name (`people-2024.csv` -> `people-2024`). An id that another dataset holds is refused.
   */
  dataset?: string;
  /** The dataset's title in the catalog (--dataset-title); default: the id, and an existing dataset keeps its own. */
  datasetTitle?: string;
  /** Rows per transaction (default 5000). */
  batchSize?: number;
  /** Write transactions in flight at once (default 2). */
  concurrency?: number;
  /** Overwrite elements whose id exists (default: leave them as they are). Such updates are not undone by a rollback. */
  update?: boolean;
  /**
   * true (default): a full validation pass before any write, so a bad file writes nothing at all.
   * false: one pass that validates and writes together; the first invalid record stops the writes,
   * the rest is still checked for the report, and everything written is rolled back.
   */
  validateFirst?: boolean;
  /** Apply the model's schema first (default true). */
  schema?: boolean;
  /**
   * A model file whose labels and types the files may use (it extends civic-space, or another model);
   * stored in the database as a (:ModelExtension) node, as a dataset's `model:` block is.
   */
  modelFile?: string;
  /** The model to check against before `modelFile` extends it (default: the database's stored model, or civic-space). */
  model?: Model;
  /** Model extensions to store (as `modelFile`'s is) once the files are valid, before the first row (a neo4j-admin folder's inferred model). */
  extensions?: StoredExtension[];
  maxIssues?: number;
  progress?: ProgressSink;
  log?: (line: string) => void;
  /** Called after each committed batch (tests use it to stop an import midway). */
  onBatch?: (info: BatchInfo) => void | Promise<void>;
  recover?: RecoverOptions;
  runId?: string;
}

export interface PhaseTiming {
  records: number;
  ms: number;
}

export interface ImportResult {
  run: string;
  /** The dataset every element written belongs to. */
  dataset: string;
  files: string[];
  counts: WriteCounts;
  /** Nothing is written in this pass; absent in single-pass mode. */
  validation?: PhaseTiming;
  nodes: PhaseTiming;
  relationships: PhaseTiming;
  totalMs: number;
  /** An earlier, unfinished import that this one rolled back before starting. */
  recovered?: RecoveryReport;
}

export interface ValidationResult {
  files: string[];
  records: { sources: number; entities: number; relations: number };
  ms: number;
}

function throwIssues(validator: BulkValidator): never {
  const issues = [...validator.issues];
  const hidden = validator.issueCount - issues.length;
  if (hidden > 0) issues.push({ file: '', path: '', message: `... and ${hidden} more problem${hidden === 1 ? '' : 's'} not listed` });
  throw new DatasetError(issues);
}

type Sweep = 'nodes' | 'relations';
const inSweep = (sweep: Sweep, kind: ItemKind) => (sweep === 'nodes' ? kind !== 'relation' : kind === 'relation');

/**
 * Reads every file of one sweep (sources and entities, or relations), validates each batch and
 * hands the valid items to `sink`. Records of the other sweep are skipped.
 */
async function sweep(
  files: PlannedFile[],
  which: Sweep,
  validator: BulkValidator,
  options: ReadOptions,
  sink: (items: ValidItem[], count: number) => Promise<void>,
): Promise<number> {
  let records = 0;
  for (const planned of files) {
    if (which === 'nodes' ? !planned.nodes : !planned.relations) continue;
    validator.beginFile(planned.file);
    for await (const batch of readItems(planned.file, options)) {
      const mine: RawItem[] = batch.filter((item) => inSweep(which, item.kind));
      if (!mine.length) continue;
      records += mine.length;
      const valid = await validator.check(mine);
      await sink(valid, mine.length);
    }
  }
  return records;
}

function toEntry(item: ValidItem, model: Model, dataset: string): Exclude<SpoolEntry, { barrier: true }> {
  if (item.kind === 'source') return { kind: 'source', group: 'Source', row: sourceRow(item.value, dataset) };
  if (item.kind === 'entity') return { kind: 'entity', group: item.value.input.type, row: entityRow(item.value, model, dataset) };
  return { kind: 'relation', group: item.value.input.type, row: relationRow(item.value, model, dataset) };
}

/** Where the validation pass hands the rows it checked: the spool file, or the offline importer's CSV (offline-csv.ts). */
export interface RowSink {
  write(entry: SpoolEntry): Promise<void>;
}

/** Reads and checks every record; valid rows go to `spool` (node rows, a barrier, relationship rows). */
async function validationPass(planned: PlannedFile[], model: Model, dataset: DatasetRecord, options: ImportOptions & { db?: Database }, spool?: RowSink): Promise<ValidationResult> {
  const started = performance.now();
  const validator = new BulkValidator({ model, dataset: dataset.id, db: options.db, maxIssues: options.maxIssues });
  await validator.loadDatabaseSources();
  const progress = options.progress ?? silentProgress;
  const records = { sources: 0, entities: 0, relations: 0 };
  for (const which of ['nodes', 'relations'] as const) {
    progress.phase(`validating ${which === 'nodes' ? 'nodes' : 'relationships'}`);
    await sweep(planned, which, validator, options, async (items, count) => {
      for (const item of items) {
        records[item.kind === 'source' ? 'sources' : item.kind === 'entity' ? 'entities' : 'relations']++;
        // Once a problem is found nothing will be written: stop spooling, keep checking.
        if (spool && validator.issueCount === 0) await spool.write(toEntry(item, model, dataset.id));
      }
      progress.tick(count);
    });
    if (spool && which === 'nodes') await spool.write({ barrier: true });
    progress.end();
  }
  if (validator.issueCount > 0) throwIssues(validator);
  return { files: planned.map((p) => p.file), records, ms: performance.now() - started };
}

/** Validates the files without writing (database lookups only for references outside them). Throws DatasetError. */
export async function validateBulk(files: string[], options: ImportOptions & { db?: Database } = {}): Promise<ValidationResult> {
  const model = await importModel(options, options.db);
  const absolute = files.map((f) => path.resolve(f));
  const planned = await planFiles(absolute, options);
  return validationPass(planned, model, importDataset(absolute, options), options);
}

/**
 * Validates the files exactly as importBulk does (same checks, same DatasetError) and hands every
 * valid row, as ingest/rows.ts builds it, to `sink`: node rows, a barrier, relationship rows. Rows
 * stop flowing at the first problem; the sink's output is then discarded by the caller.
 */
export async function validateIntoSink(files: string[], model: Model, sink: RowSink, options: ImportOptions & { db?: Database } = {}): Promise<ValidationResult> {
  const absolute = files.map((f) => path.resolve(f));
  const planned = await planFiles(absolute, options);
  return validationPass(planned, model, importDataset(absolute, options), options, sink);
}

/**
 * Imports bulk files. Guarantees (see ingest/bulk/README.md): nothing is written unless every record
 * is valid; a rerun creates nothing twice; an import that fails is rolled back, and one that is
 * killed is rolled back by the next import (or by recoverUnfinishedImports) before it starts.
 */
export async function importBulk(db: Database, files: string[], options: ImportOptions = {}): Promise<ImportResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const progress = options.progress ?? silentProgress;
  const absolute = files.map((f) => path.resolve(f));
  const validateFirst = options.validateFirst ?? true;
  if (options.update && !validateFirst) throw new Error('update mode needs the validation pass first: its overwrites cannot be rolled back');
  const dataset = importDataset(absolute, options);
  const synthetic = dataset.synthetic;
  await assertNoSyntheticMix(db, synthetic);

  let validation: PhaseTiming | undefined;
  let expected: ValidationResult['records'] | undefined;
  const model = await importModel(options, db);
  const planned = await planFiles(absolute, options);
  // The validation pass spools the rows it checked; the write pass reads them back instead of re-reading the files.
  const spoolFile = validateFirst ? path.join(os.tmpdir(), `civic-graph-import-${process.pid}-${randomUUID().slice(0, 8)}.ndjson`) : undefined;
  try {
    if (spoolFile) {
      const spool = new SpoolWriter(spoolFile);
      let checked: ValidationResult;
      try {
        checked = await validationPass(planned, model, dataset, { ...options, db }, spool);
      } finally {
        await spool.close();
      }
      expected = checked.records;
      validation = { records: checked.records.sources + checked.records.entities + checked.records.relations, ms: checked.ms };
      log(`import: ${absolute.length} file(s) valid: ${checked.records.sources} sources, ${checked.records.entities} entities, ${checked.records.relations} relations (${(checked.ms / 1000).toFixed(1)} s)`);
    }
    // The extension is stored once the files are known to be valid, before the first row that uses it.
    if (options.modelFile) {
      const file = shownPath(options.modelFile);
      await storeModelExtension(db, extensionRecord(loadModelFile(options.modelFile).id, path.basename(file), extensionBeyond(model)));
    }
    for (const record of options.extensions ?? []) await storeModelExtension(db, record);
    const result = await writePass(db, planned, model, { ...options, log, progress, started, validation, expected, spoolFile, record: dataset });
    if (synthetic) await markSyntheticSources(db);
    return result;
  } finally {
    if (spoolFile) rmSync(spoolFile, { force: true });
  }
}

interface WritePassOptions extends ImportOptions {
  /** The dataset the run writes. */
  record: DatasetRecord;
  log: (line: string) => void;
  progress: ProgressSink;
  started: number;
  validation?: PhaseTiming;
  expected?: ValidationResult['records'];
  /** Rows checked by the validation pass; without it the files are validated as they are written. */
  spoolFile?: string;
}

async function writePass(db: Database, planned: PlannedFile[], model: Model, options: WritePassOptions): Promise<ImportResult> {
  const { log, progress, started, validation, expected } = options;
  const absolute = planned.map((p) => p.file);
  if (options.schema !== false) await applySchema(db, model);

  const runId = options.runId ?? `import-${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
  const { handle, recovered } = await beginRun(db, runId, absolute, options.recover);
  if (recovered) log(`import: rolled back the unfinished import ${recovered.run} first`);

  const dataset = options.record;
  const validator = new BulkValidator({ model, dataset: dataset.id, db, maxIssues: options.maxIssues });
  let pendingBatch: Promise<void> = Promise.resolve();
  const writer = new BatchWriter(db, {
    run: runId,
    model,
    batchSize: options.batchSize ?? 5000,
    concurrency: options.concurrency ?? 2,
    update: options.update ?? false,
    onBatch: (info) => {
      progress.tick(info.rows);
      handle.progress({ kind: info.kind, batches: writer.counts.batches });
      if (options.onBatch) pendingBatch = pendingBatch.then(() => options.onBatch!(info));
    },
  });
  let writing = true;
  const write = async (items: ValidItem[]) => {
    // In single-pass mode the first invalid record stops the writes; the files are still read to report every problem.
    if (validator.issueCount > 0) writing = false;
    if (!writing) return;
    for (const item of items) {
      const entry = toEntry(item, model, dataset.id);
      await writer.add(entry.kind, entry.group, entry.row);
    }
    await pendingBatch;
  };
  /** Writes the spooled rows of one sweep (up to the barrier, or to the end); answers how many. */
  const spooled = options.spoolFile ? readSpool(options.spoolFile) : undefined;
  let carried: SpoolEntry[] = [];
  const fromSpool = async (): Promise<number> => {
    let count = 0;
    for (;;) {
      const batch = carried.length ? carried : (await spooled!.next()).value;
      carried = [];
      if (!batch) return count;
      for (let i = 0; i < batch.length; i++) {
        const entry = batch[i]!;
        if ('barrier' in entry) {
          carried = batch.slice(i + 1);
          return count;
        }
        count++;
        await writer.add(entry.kind, entry.group, entry.row);
      }
      await pendingBatch;
    }
  };

  try {
    // The catalog lists the dataset from its first batch on; a rollback removes the record it created.
    if (await recordRunDataset(db, runId, dataset, options.datasetTitle)) log(`import: new dataset '${dataset.id}'`);
    if (!options.spoolFile) await validator.loadDatabaseSources();
    const phaseStart = performance.now();
    progress.phase('writing nodes', expected ? expected.sources + expected.entities : undefined);
    const nodeRecords = options.spoolFile ? await fromSpool() : await sweep(planned, 'nodes', validator, options, write);
    // Every node is committed before the first relationship is written.
    await writer.flush();
    await pendingBatch;
    progress.end();
    const nodes = { records: nodeRecords, ms: performance.now() - phaseStart };
    const relStart = performance.now();
    progress.phase('writing relationships', expected?.relations);
    const relRecords = options.spoolFile ? await fromSpool() : await sweep(planned, 'relations', validator, options, write);
    await writer.flush();
    await pendingBatch;
    progress.end();
    const relationships = { records: relRecords, ms: performance.now() - relStart };
    if (validator.issueCount > 0) {
      log(`import: problems found; rolling back run ${runId}...`);
      await handle.rollBack();
      throwIssues(validator);
    }
    await handle.complete();
    const result: ImportResult = {
      run: runId,
      dataset: dataset.id,
      files: absolute,
      counts: writer.counts,
      ...(validation ? { validation } : {}),
      nodes,
      relationships,
      totalMs: performance.now() - started,
      ...(recovered ? { recovered } : {}),
    };
    return result;
  } catch (error) {
    if (!(error instanceof DatasetError)) {
      await rollBackQuietly(handle, log, error);
    }
    // Ids another dataset holds, met at write time: refused as the rules refuse them, the run rolled back.
    if (error instanceof DatasetConflictError) {
      throw new DatasetError(
        error.elsewhere.map((e) => ({ file: absolute.join(', '), path: '', id: e.id, field: 'id', message: otherDatasetMessage(e.id, e, dataset.id) })),
      );
    }
    throw error;
  }
}

async function rollBackQuietly(handle: RunHandle, log: (line: string) => void, cause: unknown): Promise<void> {
  log(`import: failed (${cause instanceof Error ? cause.message : String(cause)}); rolling back run ${handle.id}...`);
  try {
    const deleted = await handle.rollBack();
    log(`import: rolled back: ${deleted.entities} entities, ${deleted.relations} relations, ${deleted.sources} sources deleted`);
  } catch (error) {
    // The database may be gone; the next import (or recoverUnfinishedImports) finishes the rollback.
    handle.stopHeartbeat();
    log(`import: rollback could not finish (${error instanceof Error ? error.message : String(error)}); the next import will finish it`);
  }
}
