// neo4j-admin CSV folders of any model: finds the files (own headers or `X_header.csv` beside `X_part1.csv`...),
// infers the labels, types, typed properties and captions the files use beyond the stored model, and imports them
// with the bulk importer, every row carrying document-level evidence that names the folder as its source.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import { DatasetError } from '../errors.ts';
import { civicSpaceModel, loadModelFile, STORED, type ModelExtension } from '../../model/index.ts';
import { extensionBeyond, extensionRecord, type StoredExtension } from '../model-store.ts';
import { describeFile, type ReadOptions } from './format.ts';
import { importBulk, validateBulk, type ImportOptions, type ImportResult, type ValidationResult } from './importer.ts';
import { importModel } from './import-plan.ts';
import { findAdminFiles } from './admin-folder.ts';
import { inferModel, type AdminOptions, type Inference } from './admin-model.ts';
import { folderSourceId, slug } from './admin-names.ts';
import { rewriteRow, type RowRewrite } from './admin-rows.ts';
import { datasetIdFromName } from '../datasets.ts';

export { findAdminFiles, type AdminFolder } from './admin-folder.ts';
export { describeInference, inferModel, type AdminOptions, type Inference, type InferredLabel, type InferredRelation } from './admin-model.ts';
export { datasetId, folderSourceId, labelName, propertyName, typeName } from './admin-names.ts';
export { rewriteRow } from './admin-rows.ts';

export interface AdminImportResult extends ImportResult {
  inferred: Inference;
}

export interface AdminValidationResult extends ValidationResult {
  inferred: Inference;
}

// ---- importing ----------------------------------------------------------------------------------------

interface Prepared {
  files: string[];
  options: ImportOptions;
  inference: Inference;
  cleanup: () => void;
}

async function prepare(dir: string, options: AdminOptions, db?: Database): Promise<Prepared> {
  const folder = await findAdminFiles(dir, options);
  const modelFile = options.modelFile ?? folder.modelFile;
  const base = await importModel({ modelFile }, db);
  const { inference, model, integerSpaces } = await inferModel(folder, base, { ...options, modelFile });
  const read: ReadOptions = { delimiter: options.delimiter, arrayDelimiter: options.arrayDelimiter, headers: folder.headers, headerRules: 'neo4j-admin' };
  let source: string | undefined;
  let sourceFile: string | undefined;
  let tmp: string | undefined;
  if (options.evidenceSource) {
    source = folderSourceId(dir);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-admin-'));
    sourceFile = path.join(tmp, 'folder-source.ndjson');
    const record = {
      kind: 'source',
      id: source,
      title: `neo4j-admin CSV folder ${path.basename(folder.dir)}`,
      publisher: options.publisher ?? 'not stated',
      url: options.evidenceSource,
      language: '',
      notes: 'The folder as a whole: document-level evidence for every row imported from it without evidence columns.',
    };
    writeFileSync(sourceFile, JSON.stringify(record) + '\n');
    inference.source = source;
  } else {
    const layouts = await Promise.all(folder.files.map((f) => describeFile(f, read)));
    if (!layouts.some((l) => l !== 'ndjson' && l.columns.some((c) => c.name === STORED.evidenceSources))) {
      throw new DatasetError([{ file: folder.dir, path: '', message: 'has no evidence columns (evidenceSources:string[]), so nothing says where its rows come from: name the folder\'s source with --evidence-source URL (and --publisher NAME)' }]);
    }
  }
  const rewrite: RowRewrite = {
    idType: options.idType ?? 'string',
    integerSpaces,
    names: new Map(inference.labels.map((l) => [l.label, { columns: l.captionColumns, ...(l.keepNameAs ? { keepNameAs: l.keepNameAs } : {}) }])),
    ...(source ? { source } : {}),
  };
  // One stored record, whole on its own: stored extensions are read back in id order, so the record carries the
  // model file's declarations and those of the labels its types end at (identical declarations may repeat).
  const stored: ModelExtension = { labels: {}, relations: {} };
  if (modelFile) {
    const own = extensionBeyond(await importModel({ modelFile }));
    Object.assign(stored.labels, own.labels);
    Object.assign(stored.relations, own.relations);
  }
  const civic = civicSpaceModel();
  for (const relation of Object.values(inference.extension.relations)) {
    for (const end of [...relation.from, ...relation.to]) {
      const decl = model.label(end);
      if (!decl || civic.label(end) || stored.labels[end] || inference.extension.labels[end]) continue;
      const { label: _label, declaredIn: _declaredIn, ...input } = decl;
      stored.labels[end] = input;
    }
  }
  Object.assign(stored.labels, inference.extension.labels);
  Object.assign(stored.relations, inference.extension.relations);
  const extensions: StoredExtension[] = [];
  if (Object.keys(stored.labels).length || Object.keys(stored.relations).length) {
    const id = modelFile ? loadModelFile(modelFile).id : `admin-${slug(path.basename(folder.dir)) || 'folder'}`;
    extensions.push(extensionRecord(id, modelFile ? `${path.basename(folder.dir)}/${path.basename(modelFile)}` : path.basename(folder.dir), stored));
  }
  const { modelFile: _ignored, ...rest } = options;
  return {
    files: [...(sourceFile ? [sourceFile] : []), ...folder.files],
    // The folder is the dataset (its name, unless --dataset says): the source file written beside it is not.
    options: { ...rest, dataset: options.dataset ?? datasetIdFromName(folder.dir), model, extensions, headers: folder.headers, headerRules: 'neo4j-admin', transform: (item, layout, file) => rewriteRow(item, layout, rewrite, file) },
    inference,
    cleanup: () => {
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Validates a neo4j-admin folder without writing; throws DatasetError, else answers what was inferred. */
export async function validateAdminFolder(dir: string, options: AdminOptions & { db?: Database } = {}): Promise<AdminValidationResult> {
  const prepared = await prepare(dir, options, options.db);
  try {
    const result = await validateBulk(prepared.files, { ...prepared.options, db: options.db });
    return { ...result, inferred: prepared.inference };
  } finally {
    prepared.cleanup();
  }
}

/**
 * Imports a neo4j-admin folder with the bulk importer's guarantees. The inferred labels and types are
 * stored as the folder's model extension (`admin-FOLDER`) once the rows are valid, before the first write.
 */
export async function importAdminFolder(db: Database, dir: string, options: AdminOptions = {}): Promise<AdminImportResult> {
  const prepared = await prepare(dir, options, db);
  try {
    const result = await importBulk(db, prepared.files, prepared.options);
    return { ...result, inferred: prepared.inference };
  } finally {
    prepared.cleanup();
  }
}

/** A folder argument is a neo4j-admin folder. */
export function isAdminFolder(arg: string): boolean {
  return existsSync(arg) && statSync(arg).isDirectory();
}
