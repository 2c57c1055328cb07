// A dataset file (YAML or JSON) checked as a whole: its model extension, then every source, entity and
// relation with the ingest rules (ingest/rules.ts), ids held in memory, every problem collected at once.
import { parseDocument } from 'yaml';
import {
  datasetModel,
  DatasetMetadataSchema,
  DatasetTopSchema,
  ModelError,
  parseModelExtension,
  type DatasetMetadata,
  type Model,
  type ModelExtension,
} from '../../model/index.ts';
import { DatasetError, type DatasetIssue } from '../errors.ts';
import { Issues, MemoryIds, readUtf8, Rules, SourceTable, type ReadText, type ValidEntity, type ValidRelation, type ValidSource } from '../rules.ts';

export type { ReadText, ResolvedDate, ResolvedEvidence, ValidEntity, ValidRelation, ValidSource } from '../rules.ts';

export interface ValidateOptions {
  /** The dataset file's path, named in every issue; source text files are resolved from its folder. */
  file: string;
  /** Default: strict UTF-8 (ingest/rules.ts readUtf8). */
  readText?: ReadText;
  /** Entities that exist outside this file (id -> type label), which relations may point at. */
  existingEntities?: ReadonlyMap<string, string>;
  /** The model the file's own `model:` block extends when it names none (default: civic-space). */
  base?: Model;
}

export interface ValidDataset {
  file: string;
  metadata: DatasetMetadata;
  /** The model the items were checked against: the base, extended by the file's `model:` block. */
  model: Model;
  /** The file's `model:` block, when it has one (stored beside the data so the server derives the same model). */
  extension?: ModelExtension;
  sources: ValidSource[];
  entities: ValidEntity[];
  relations: ValidRelation[];
}

/** Parses YAML or JSON (YAML is a superset; duplicate keys are refused). Throws DatasetError on a syntax error. */
export function parseDataset(file: string, content: string): unknown {
  const document = parseDocument(content, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new DatasetError(
      document.errors.map((error) => {
        const line = error.linePos?.[0];
        return { file, path: '', message: `cannot be read as ${file.endsWith('.json') ? 'JSON' : 'YAML'}${line ? ` (line ${line.line}, column ${line.col})` : ''}: ${error.message.split('\n')[0]}` };
      }),
    );
  }
  try {
    return document.toJS();
  } catch (error) {
    // The yaml library refuses alias bombs (billion laughs) here, with a ReferenceError.
    throw new DatasetError([{ file, path: '', message: `cannot be read as YAML: ${error instanceof Error ? error.message : String(error)}` }]);
  }
}

/** A model problem as a dataset problem: the file and the place in it (conflicts name the other place in the message). */
export function modelIssues(error: ModelError): DatasetIssue[] {
  return error.issues.map((issue) => ({ file: issue.file, path: issue.path, ...(issue.path ? { field: issue.path } : {}), message: issue.message }));
}

/** The model a dataset's `model:` block asks for; throws DatasetError naming both places of a conflict. */
export function modelOfDataset(raw: unknown, file: string, base?: Model): { model: Model; extension?: ModelExtension } {
  try {
    const extension = raw === undefined ? undefined : parseModelExtension(raw, file);
    return { model: datasetModel(extension, file, base), ...(extension ? { extension } : {}) };
  } catch (error) {
    if (error instanceof ModelError) throw new DatasetError(modelIssues(error));
    throw error;
  }
}

export function validateDataset(raw: unknown, options: ValidateOptions): ValidDataset {
  const { file } = options;
  const issues = new Issues({ fieldInPath: true });
  if (raw === null || raw === undefined) {
    throw new DatasetError([{ file, path: '', message: 'the file is empty: a dataset needs metadata, sources, entities and relations' }]);
  }
  const top = DatasetTopSchema.safeParse(raw);
  if (!top.success) {
    issues.zod(file, '', undefined, raw, top.error);
    // Without the top-level lists there is nothing more to check.
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new DatasetError(issues.list.length ? issues.list : [{ file, path: '', message: 'must be a mapping with metadata, sources, entities and relations' }]);
  }
  const container = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const list = (key: string): unknown[] => (Array.isArray(container[key]) ? (container[key] as unknown[]) : []);

  // Items are checked against the model the file asks for; without it their types mean nothing.
  let chosen: ReturnType<typeof modelOfDataset>;
  try {
    chosen = modelOfDataset(container.model, file, options.base);
  } catch (error) {
    if (error instanceof DatasetError) throw new DatasetError([...issues.list, ...error.issues]);
    throw error;
  }
  const { model, extension } = chosen;

  const metadata = DatasetMetadataSchema.safeParse(container.metadata);
  if (!metadata.success) issues.zod(file, 'metadata', undefined, container.metadata, metadata.error);

  const ids = new MemoryIds(options.existingEntities);
  // Reference checks (claimedBy, relation ends) need every entity id, even of items declared later.
  ids.announceEntities(list('entities').flatMap((e) => (e && typeof e === 'object' && typeof (e as { id?: unknown }).id === 'string' ? [(e as { id: string }).id] : [])));
  const rules = new Rules({ model, ids, sources: new SourceTable(), issues, readText: options.readText ?? readUtf8 });
  rules.beginFile(file);
  // Sources first: the evidence checks need their texts and excerpts.
  const sources = list('sources').flatMap((s, i) => rules.source(s, `sources[${i}]`) ?? []);
  const entities = list('entities').flatMap((e, i) => rules.entity(e, `entities[${i}]`) ?? []);
  const relations = list('relations').flatMap((r, i) => rules.relation(r, `relations[${i}]`) ?? []);

  if (issues.count > 0) throw new DatasetError(issues.list);
  return { file, metadata: metadata.data!, model, ...(extension ? { extension } : {}), sources, entities, relations };
}
