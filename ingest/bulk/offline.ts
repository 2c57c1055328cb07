// The initial load of an embedded database that holds nothing: the files are validated as importBulk validates
// them, written as CSV by offline-csv.ts, stored by Neo4j's offline importer while the database is stopped, then
// the database starts and gets the model's schema. Same files, same errors, same stored elements as importBulk.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../db/database.ts';
import type { EmbeddedOptions } from '../../db/config.ts';
import { embeddedStoreExists, runOfflineImporter, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../db/embedded-neo4j.ts';
import { ENTITY_LABEL, schemaStatements, SOURCE_LABEL, type Model } from '../../model/index.ts';
import { extensionBeyond, extensionRecord, storeModelExtension } from '../model-store.ts';
import { applySchema } from '../schema.ts';
import { isSyntheticBulk, markSyntheticSources } from '../synthetic-guard.ts';
import { loadModelFile } from '../../model/index.ts';
import { validateIntoSink, type ImportOptions, type ValidationResult } from './importer.ts';
import { importDataset, importModel } from './import-plan.ts';
import { WRITE_DATASET_RECORD } from '../datasets.ts';
import { ARRAY_DELIMITER, OfflineCsvWriter, type ListFixup } from './offline-csv.ts';
import { identifier } from './runs.ts';

export { OfflineUnsupportedError } from './offline-csv.ts';

/**
 * When `npm run import` may write the store offline (the rule, also in ingest/README.md):
 * - `fresh`: the data directory has no store for the database `neo4j` yet (a new data directory);
 * - `empty`: it has one holding no node at all (so no relationship either) and no index or constraint
 *   beyond those our model derives (a database someone designed holds at least their schema);
 *   the importer replaces that store (--overwrite-destination).
 * Anything else is someone's data and is loaded transactionally; the offline path never replaces it.
 */
export type OfflineTarget = 'fresh' | 'empty';

/** Our schema's names plus the import lock's and the lookup indexes every Neo4j database has. */
function ourSchemaNames(model: Model): Set<string> {
  return new Set([...schemaStatements(model).map((s) => s.name), 'import_run_slot']);
}

/** Whether a running database qualifies as `empty` for `model` (see OfflineTarget); the reason when not. */
export async function emptyForOffline(db: Database, model: Model): Promise<{ empty: true } | { empty: false; reason: string }> {
  const { rows } = await db.read('MATCH (n) RETURN count(n) AS nodes');
  const nodes = Number(rows[0]?.nodes ?? 0);
  if (nodes > 0) return { empty: false, reason: `the database holds ${nodes.toLocaleString('en-US')} nodes` };
  const ours = ourSchemaNames(model);
  const indexes = (await db.read(`SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name`)).rows;
  const constraints = (await db.read('SHOW CONSTRAINTS YIELD name RETURN name')).rows;
  const foreign = [...indexes, ...constraints].map((r) => String(r.name)).filter((name) => !ours.has(name));
  if (foreign.length) return { empty: false, reason: `the database has a schema of its own (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''})` };
  return { empty: true };
}

export interface OfflineImportOptions extends Omit<ImportOptions, 'batchSize' | 'concurrency' | 'update' | 'validateFirst' | 'onBatch' | 'recover' | 'runId' | 'extensions'> {
  /** The embedded database to fill (its data directory must not be in use). */
  embedded: EmbeddedOptions;
  target: OfflineTarget;
  /** Heap of the importer's JVM (default: the embedded database's heap). */
  importerHeap?: string;
  /** Keep the database running and hand it back (the caller stops it); default: stop it. */
  keepRunning?: boolean;
}

export interface OfflinePhases {
  validateMs: number;
  storeMs: number;
  startMs: number;
  schemaMs: number;
  /** Empty lists set in Cypher after the start, and the synthetic stamp. */
  finishMs: number;
}

export interface OfflineImportResult {
  /** The dataset every element written belongs to. */
  dataset: string;
  files: string[];
  records: ValidationResult['records'];
  phases: OfflinePhases;
  totalMs: number;
  /** Elements whose empty lists were set after the import. */
  fixedLists: number;
  /** Set with keepRunning: the started database and a connection to it. */
  running?: { neo4j: EmbeddedNeo4j; db: Database };
}

/**
 * Validates `files` (throws the same DatasetError as importBulk, writing nothing), writes the store
 * with Neo4j's offline importer, starts the database, applies the schema. Throws
 * OfflineUnsupportedError, before anything is written, when a value cannot be carried exactly by the
 * importer's CSV (the caller then imports transactionally).
 */
export async function importOffline(files: string[], options: OfflineImportOptions): Promise<OfflineImportResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const { embedded } = options;
  if (options.target === 'fresh' && embeddedStoreExists(embedded.dataDir)) throw new Error(`${embedded.dataDir} already holds a store; the offline importer only writes a new one`);
  const absolute = files.map((f) => path.resolve(f));
  // The dataset every row carries (a column of the importer's CSV, as the transactional path stores it).
  const dataset = importDataset(absolute, options);
  const model = await importModel(options);
  const work = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-offline-'));
  let running: { neo4j: EmbeddedNeo4j; db: Database } | undefined;
  try {
    // 1. Validate, writing the importer's CSV as the spool would be written.
    log(`import: phase 1/4: validating ${absolute.length} file(s)...`);
    const csv = new OfflineCsvWriter(path.join(work, 'csv'));
    let checked: ValidationResult;
    try {
      checked = await validateIntoSink(absolute, model, csv, options);
    } catch (error) {
      // The files are closed and thrown away with `work`; the validation's error is what counts.
      await csv.close().catch(() => {});
      throw error;
    }
    const offlineFiles = await csv.close();
    const validateMs = performance.now() - started;
    log(`import: ${absolute.length} file(s) valid: ${checked.records.sources} sources, ${checked.records.entities} entities, ${checked.records.relations} relations (${(validateMs / 1000).toFixed(1)} s)`);

    // 2. The store, written by Neo4j's importer while no database runs on the directory.
    const storeStarted = performance.now();
    log(`import: phase 2/4: writing the store with Neo4j's offline importer into ${embedded.dataDir}...`);
    await runOfflineImporter({
      dataDir: embedded.dataDir,
      heap: options.importerHeap ?? embedded.heap,
      args: [
        ...offlineFiles.args,
        `--array-delimiter=${ARRAY_DELIMITER}`,
        `--multiline-fields=${offlineFiles.multiline}`,
        '--bad-tolerance=0',
        '--skip-bad-relationships=false',
        '--skip-duplicate-nodes=false',
        `--report-file=${path.join(work, 'import.report')}`,
        ...(options.target === 'empty' ? ['--overwrite-destination=true'] : []),
        'neo4j',
      ],
      onLine: (line) => {
        // The importer's stages and, every quarter, how far the current one is.
        if (/^\(\d\/\d\)/.test(line) || line.startsWith('IMPORT DONE') || /\s(25|50|75)% /.test(line)) log(`import:   ${line.trim()}`);
      },
    }).catch((error: unknown) => {
      // A half-written store would not open; the database held nothing before, so nothing is lost. Not
      // when the store was locked: then another Neo4j runs on it and the store is not ours to remove.
      if (!/lock/i.test(error instanceof Error ? error.message : String(error))) for (const part of ['databases', 'transactions']) rmSync(path.join(embedded.dataDir, 'data', part, 'neo4j'), { recursive: true, force: true });
      throw error;
    });
    const storeMs = performance.now() - storeStarted;
    log(`import: store written (${(storeMs / 1000).toFixed(1)} s)`);

    // 3. Start the database on the new store.
    const startStarted = performance.now();
    log('import: phase 3/4: starting the database...');
    const neo4j = await startEmbeddedNeo4j({ ...embedded, log });
    const db = new Database({ uri: neo4j.uri, username: neo4j.username, password: neo4j.password });
    running = { neo4j, db };
    const startMs = performance.now() - startStarted;

    // 4. The schema, then what the importer could not write, then what importBulk writes after the rows.
    const schemaStarted = performance.now();
    log('import: phase 4/4: applying the schema (and waiting for its indexes)...');
    await applySchema(db, model);
    const schemaMs = performance.now() - schemaStarted;
    const finishStarted = performance.now();
    const fixedLists = await setLists(db, offlineFiles.fixups);
    await db.write(WRITE_DATASET_RECORD, { dataset, title: options.datasetTitle ?? null });
    if (options.modelFile) {
      await storeModelExtension(db, extensionRecord(loadModelFile(options.modelFile).id, path.basename(options.modelFile), extensionBeyond(model)));
    }
    if (isSyntheticBulk(absolute)) await markSyntheticSources(db);
    const finishMs = performance.now() - finishStarted;
    log(`import: schema applied (${(schemaMs / 1000).toFixed(1)} s), ${fixedLists} empty lists set (${(finishMs / 1000).toFixed(1)} s)`);
    const result: OfflineImportResult = {
      dataset: dataset.id,
      files: absolute,
      records: checked.records,
      phases: { validateMs, storeMs, startMs, schemaMs, finishMs },
      totalMs: performance.now() - started,
      fixedLists,
    };
    if (options.keepRunning) return { ...result, running };
    await db.close();
    await neo4j.stop();
    return result;
  } catch (error) {
    if (running) {
      await running.db.close().catch(() => {});
      await running.neo4j.stop().catch(() => {});
    }
    throw error;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const cypherKey = (key: string) => '`' + key.replaceAll('`', '``') + '`';

/** Sets the lists the importer could not write ([] and ['']), by id, in batches. */
async function setLists(db: Database, fixups: ListFixup[]): Promise<number> {
  let fixed = 0;
  for (const fixup of fixups) {
    const variable = 'x';
    const sets = Object.entries(fixup.values)
      .map(([key, value]) => `${variable}.${cypherKey(key)} = ${value.length ? "['']" : '[]'}`)
      .join(', ');
    const match =
      fixup.kind === 'relation'
        ? `MATCH ()-[${variable}:${identifier(fixup.group)} {id: id}]->()`
        : `MATCH (${variable}:${fixup.kind === 'source' ? SOURCE_LABEL : ENTITY_LABEL} {id: id})`;
    for (let i = 0; i < fixup.ids.length; i += 20_000) {
      await db.write(`UNWIND $ids AS id ${match} SET ${sets}`, { ids: fixup.ids.slice(i, i + 20_000) });
    }
    fixed += fixup.ids.length;
  }
  return fixed;
}
