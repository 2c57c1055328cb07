// FtM in: the bulk importer (validation pass, batched idempotent writes, runs and journal) over FtM files read
// as raw items, checked against civic space extended by FtM's model, which is stored for the server once the data is in.
import type { Database } from '../../db/database.ts';
import { importBulk, validateBulk, type ImportOptions, type ImportResult, type ValidationResult } from '../bulk/importer.ts';
import { extensionRecord, storedModel, storeModelExtension } from '../model-store.ts';
import { FTM_EXTENSION_ID, FTM_MODEL_SOURCE, ftmModel, type FtmModel } from './model.ts';
import type { FtmReadOptions } from './read.ts';

export interface FtmImportOptions extends Omit<ImportOptions, 'model' | 'modelFile' | 'ftm'> {
  /** The file's own URL and publisher: the source of entities that name neither proof nor sourceUrl. */
  sourceUrl?: string;
  publisher?: string;
}

/** FtM's model over what the database holds (civic space and stored extensions, FtM's own included). */
export async function ftmModelOf(db?: Database): Promise<FtmModel> {
  return ftmModel(db ? await storedModel(db) : undefined);
}

function readOptions(plan: FtmModel, options: FtmImportOptions): FtmReadOptions {
  return { ftm: plan, ...(options.sourceUrl ? { sourceUrl: options.sourceUrl } : {}), ...(options.publisher ? { publisher: options.publisher } : {}) };
}

/** Validates FtM files (and any bulk files beside them) without writing. Throws DatasetError. */
export async function validateFtm(files: string[], options: FtmImportOptions & { db?: Database } = {}): Promise<ValidationResult> {
  const plan = await ftmModelOf(options.db);
  return validateBulk(files, { ...options, model: plan.model, ftm: readOptions(plan, options) });
}

/**
 * Imports FtM files with the bulk importer's guarantees (nothing written unless every record is valid,
 * reruns create nothing, failures rolled back). FtM's model is stored as a (:ModelExtension) record
 * after the data, so the server derives the labels and types the data uses.
 */
export async function importFtm(db: Database, files: string[], options: FtmImportOptions = {}): Promise<ImportResult> {
  const plan = await ftmModelOf(db);
  const result = await importBulk(db, files, { ...options, model: plan.model, ftm: readOptions(plan, options) });
  await storeModelExtension(db, extensionRecord(FTM_EXTENSION_ID, FTM_MODEL_SOURCE, plan.extension));
  return result;
}
