// What an import settles before it reads a record: the layout of each file, the dataset it writes, the model it
// checks against, and that model's schema in the database.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import { civicSpaceModel, extendModel, loadModelFile, ModelError, type Model } from '../../model/index.ts';
import { DatasetError, type DatasetIssue } from '../errors.ts';
import { applySchema } from '../schema.ts';
import { modelIssues } from '../dataset/validate.ts';
import { extensionBeyond, storedModel } from '../model-store.ts';
import { datasetIdFromName, type DatasetRecord } from '../datasets.ts';
import { datasetIdProblem } from '../rules.ts';
import { isSyntheticBulk, syntheticDataset } from '../synthetic-guard.ts';
import { BulkFileError, describeFile, type ReadOptions } from './format.ts';
import type { ImportOptions } from './importer.ts';

export interface PlannedFile {
  file: string;
  /** Which kinds of record it may hold. */
  nodes: boolean;
  relations: boolean;
}

export async function planFiles(files: string[], options: ReadOptions): Promise<PlannedFile[]> {
  const issues: DatasetIssue[] = [];
  const planned: PlannedFile[] = [];
  for (const file of files) {
    try {
      statSync(file);
      const layout = await describeFile(file, options);
      if (layout === 'ndjson') planned.push({ file, nodes: true, relations: true });
      else planned.push({ file, nodes: layout.kind === 'nodes', relations: layout.kind === 'relationships' });
    } catch (error) {
      if (error instanceof BulkFileError) for (const message of error.problems) issues.push({ file, path: 'header', message });
      else issues.push({ file, path: '', message: `cannot be read: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  if (issues.length) throw new DatasetError(issues);
  // Node files first: relations are checked against every entity id.
  return planned;
}

/**
 * The dataset an import writes (ImportOptions.dataset, or its default) and its record for the catalog.
 * Throws DatasetError for an id that is not a dataset id, or files a synthetic manifest gives to two datasets.
 */
export function importDataset(files: string[], options: Pick<ImportOptions, 'dataset' | 'datasetTitle'> = {}): DatasetRecord {
  const synthetic = isSyntheticBulk(files);
  if (options.dataset !== undefined) {
    const problem = datasetIdProblem(options.dataset);
    if (problem) throw new DatasetError([{ file: '', path: '', field: 'dataset', message: `--dataset ${problem}` }]);
    return { id: options.dataset, title: options.datasetTitle ?? options.dataset, synthetic };
  }
  const generated = syntheticDataset(files);
  if (generated && 'mixed' in generated) {
    throw new DatasetError([{ file: files[0] ?? '', path: '', field: 'dataset', message: `these files belong to the datasets ${generated.mixed.map((d) => `'${d}'`).join(' and ')} (manifest.json): import each dataset's files on their own` }]);
  }
  const id = generated?.id ?? datasetIdFromName(files[0] ?? 'imported');
  return { id, title: options.datasetTitle ?? generated?.title ?? id, synthetic };
}

/** Applies the model's schema where the database lacks it (applySchema skips what exists by name). */
export async function ensureSchema(db: Database, model: Model = civicSpaceModel()): Promise<void> {
  await applySchema(db, model);
}

/**
 * The model the files are checked against: the given one, or what the database holds (civic space and
 * the stored extensions), extended by `modelFile`. A model problem is a DatasetError naming the file.
 */
export async function importModel(options: Pick<ImportOptions, 'model' | 'modelFile'>, db?: Database): Promise<Model> {
  const base = options.model ?? (db ? await storedModel(db) : civicSpaceModel());
  if (!options.modelFile) return base;
  try {
    const file = loadModelFile(options.modelFile);
    return extendModel(base, extensionBeyond(file), { file: shownPath(options.modelFile) });
  } catch (error) {
    if (error instanceof ModelError) throw new DatasetError(modelIssues(error));
    throw error;
  }
}

/** How model/model.ts names a model file in declarations and messages. */
export function shownPath(file: string): string {
  return path.relative(process.cwd(), path.resolve(file)) || path.resolve(file);
}

/** The row an item is written as, in the writer's terms, carrying the dataset it belongs to. */
