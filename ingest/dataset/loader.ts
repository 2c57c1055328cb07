// Loads a dataset file into Neo4j: validate everything first, then write it all in one transaction (or nothing).
import { statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../db/config.ts';
import type { Database } from '../../db/database.ts';
import { ConflictError } from '../../model/index.ts';
import { DatasetError } from '../errors.ts';
import { planDataset, type LoadPlan } from './plan.ts';
import { applySchema } from '../schema.ts';
import { otherDatasetMessage, readUtf8 } from '../rules.ts';
import { elementsElsewhere, otherDatasetsExist, type RunCypher } from '../datasets.ts';
import { parseDataset, validateDataset, type ValidDataset } from './validate.ts';
import { assertNoSyntheticMix } from '../synthetic-guard.ts';

/** The bundled dataset: the 2023-2024 crackdown on associations in Mali. */
export const DEFAULT_DATASET = path.join(projectRoot, 'seed', 'mali', 'dataset.yaml');

/** The writes did not all land (an endpoint vanished meanwhile); the transaction was rolled back. */
export class DatasetWriteError extends ConflictError {
  constructor(message: string) {
    super(message, 'dataset_write_failed');
  }
}

/** Largest dataset file the loader reads. */
export const MAX_DATASET_BYTES = 64 * 2 ** 20;

/** Reads, parses and validates a dataset file without touching any database. Throws DatasetError. */
export function validateDatasetFile(file: string): { dataset: ValidDataset; plan: LoadPlan } {
  const absolute = path.resolve(file);
  let content: string;
  try {
    // A dataset file is written by people; a huge one is a mistake (or an attack) that would
    // take minutes and gigabytes to parse. Large imports go through ingest/bulk, which streams.
    const size = statSync(absolute).size;
    if (size > MAX_DATASET_BYTES) {
      throw new DatasetError([{ file: absolute, path: '', message: `the file is ${(size / 2 ** 20).toFixed(0)} MiB; a dataset file may be at most ${MAX_DATASET_BYTES / 2 ** 20} MiB (use the bulk importer for large imports)` }]);
    }
    content = readUtf8(absolute);
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError([{ file: absolute, path: '', message: `cannot read the dataset file: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  const dataset = validateDataset(parseDataset(absolute, content), { file: absolute, readText: readUtf8 });
  return { dataset, plan: planDataset(dataset) };
}

export interface LoadResult {
  file: string;
  counts: LoadPlan['counts'];
  ms: number;
}

export interface LoadOptions {
  /** Apply the schema of the dataset's model first (default true; idempotent, and quick when it exists). */
  schema?: boolean;
  log?: (line: string) => void;
}

/**
 * Runs a plan's statements in one write transaction; any failure rolls all of them back. First, in the same
 * transaction, no id of the file may be an element of another dataset: a DatasetError names each, as the
 * ingest rules word it (a dataset file is validated without a database, so this is where it is checked).
 * Relationships are looked up only when the database holds another dataset at all (one statement per type).
 */
export async function writePlan(db: Database, plan: LoadPlan): Promise<void> {
  await db.writeTransaction(async (tx) => {
    const run: RunCypher = (cypher, params) => tx.run(cypher, params);
    const { check } = plan;
    const { relations: _relations, ...nodes } = check.ids;
    const elsewhere = await elementsElsewhere(run, check.id, (await otherDatasetsExist(run, check.id)) ? check.ids : nodes);
    if (elsewhere.length) {
      throw new DatasetError(
        elsewhere.map((e) => {
          const at = check.places.get(e.id) ?? '';
          return { file: check.file, path: at ? `${at}.id` : 'id', id: e.id, field: 'id', message: otherDatasetMessage(e.id, e, check.id) };
        }),
      );
    }
    for (const statement of plan.statements) {
      const rows = await tx.run(statement.cypher, statement.params);
      if (statement.expectWritten !== undefined) {
        const written = Number(rows[0]?.written ?? 0);
        if (written !== statement.expectWritten) {
          throw new DatasetWriteError(`${statement.description}: wrote ${written} of ${statement.expectWritten}; nothing was loaded`);
        }
      }
    }
  });
}

/**
 * Validates the file (all problems at once, as a DatasetError), applies the schema, and writes the
 * dataset in one transaction. Loading the same file again leaves the database unchanged.
 */
export async function loadDatasetFile(db: Database, file: string = DEFAULT_DATASET, options: LoadOptions = {}): Promise<LoadResult> {
  const started = performance.now();
  const { dataset, plan } = validateDatasetFile(file);
  // Invented facts never sit beside real people: a synthetic dataset goes into a database of its own.
  await assertNoSyntheticMix(db, dataset.metadata.synthetic === true);
  if (options.schema !== false) await applySchema(db, dataset.model);
  await writePlan(db, plan);
  const result = { file: dataset.file, counts: plan.counts, ms: performance.now() - started };
  options.log?.(
    `loaded ${path.relative(process.cwd(), dataset.file) || dataset.file}: ${plan.counts.sources} sources, ${plan.counts.entities} entities, ${plan.counts.relations} relations in ${Math.round(result.ms)} ms`,
  );
  return result;
}
