// neo4j-admin CSV folders of any model: finds the files (own headers or `X_header.csv` beside `X_part1.csv`...),
// infers the labels, types, typed properties and captions the files use beyond the stored model, and imports them
// with the bulk importer, every row carrying document-level evidence that names the folder as its source.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import { DatasetError, type DatasetIssue } from '../errors.ts';
import { chooseCaption, civicSpaceModel, ENTITY_LABEL, extendModel, fold, loadModelFile, ModelError, RESERVED_PROPERTIES, SOURCE_LABEL, STORED, type Model, type ModelExtension, type PropertyType } from '../../model/index.ts';
import { colourFor } from '../../model/looks.ts';
import { modelIssues } from '../dataset/validate.ts';
import { extensionBeyond, extensionRecord, type StoredExtension } from '../model-store.ts';
import { readCsv } from './csv.ts';
import { describeFile, readItems, type CsvLayout, type RawItem, type ReadOptions } from './format.ts';
import { importBulk, importModel, validateBulk, type ImportOptions, type ImportResult, type ValidationResult } from './importer.ts';

export interface AdminOptions extends Omit<ImportOptions, 'model' | 'extensions' | 'headers' | 'transform'> {
  /** neo4j-admin's --id-type: string (default) or integer (ids are whole numbers; `007` and `7` are one id). */
  idType?: 'string' | 'integer';
  /** Where the folder comes from: the source of the document-level evidence of every row without evidence columns. */
  evidenceSource?: string;
  /** Who published the folder (default: "not stated"). */
  publisher?: string;
}

/** What the importer worked out from the files; `lines` is what the CLI prints. */
export interface Inference {
  folder: string;
  /** Files read, and the header file each header-less part uses. */
  files: { file: string; header?: string }[];
  modelFile?: string;
  /** The source record every row's document-level evidence points at, if the folder was given one. */
  source?: string;
  labels: InferredLabel[];
  relations: InferredRelation[];
  /** Labels and types the files use that a model already declares (checked against that declaration). */
  declared: { name: string; declaredIn: string }[];
  /** What is stored as the folder's model extension (inferred labels and types only). */
  extension: ModelExtension;
}

export interface InferredLabel {
  label: string;
  /** As written in the files, when it had to change to fit the model's naming (PascalCase). */
  writtenAs?: string;
  caption: string;
  /** The column the caption (and the stored name) comes from; `:ID` when no column holds text. */
  captionColumn: string;
  properties: Record<string, PropertyType>;
  renamed: Record<string, string>;
  notes: string[];
  rows: number;
}

export interface InferredRelation {
  type: string;
  writtenAs?: string;
  from: string[];
  to: string[];
  properties: Record<string, PropertyType>;
  renamed: Record<string, string>;
  notes: string[];
  rows: number;
}

export interface AdminImportResult extends ImportResult {
  inferred: Inference;
}

export interface AdminValidationResult extends ValidationResult {
  inferred: Inference;
}

// ---- names ----------------------------------------------------------------------------------------

const slug = (text: string) => fold(text).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
/** The words of a name, diacritics dropped and case kept: `court_hearing` -> court, hearing; `legalCase` -> legal, Case. */
const words = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean);

/** A column name as a model property name (camelCase, not a reserved one): `case_number` -> `caseNumber`. */
export function propertyName(column: string): string {
  const parts = column.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.toLowerCase());
  let name = parts.map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w)).join('');
  if (!/^[a-z]/.test(name)) name = `p${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`;
  return RESERVED_PROPERTIES.has(name) && name !== column ? `${name}Value` : name;
}

/** A label as the model names labels (PascalCase): `legal_case` -> `LegalCase`. */
export function labelName(label: string): string {
  const name = words(label).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[A-Z]/.test(name) ? name : `L${name}`;
}

/** A relationship type as the model names types (UPPER_SNAKE_CASE): `filedBy` -> `FILED_BY`. */
export function typeName(type: string): string {
  const name = type.replace(/([a-z0-9])([A-Z])/g, '$1_$2').split(/[^A-Za-z0-9]+/).filter(Boolean).join('_').toUpperCase();
  return /^[A-Z]/.test(name) ? name : `T_${name}`;
}

/**
 * Our id for a neo4j-admin id: its id space (`id:ID(Case)`) and the id as a lowercase slug, `case/c-2023-0042`;
 * with --id-type integer the number in its plain form (`007` -> `7`).
 */
export function datasetId(raw: string, group: string | undefined, idType: 'string' | 'integer'): { id?: string; error?: string } {
  let key = raw.trim();
  if (idType === 'integer') {
    if (!/^[+-]?\d+$/.test(key)) return { error: `'${raw}' is not a whole number (--id-type integer)` };
    key = BigInt(key).toString();
  }
  const local = slug(key);
  if (!local) return { error: `'${raw}' has no letter or digit to make an id from` };
  const space = group ? slug(group) : '';
  return { id: space ? `${space}/${local}` : local };
}

// ---- finding the files ------------------------------------------------------------------------------

const HEADER_FILE = /^(.*?)[-_.]header\.csv$/i;
const MODEL_FILE = /^(model|.*\.model)\.ya?ml$/i;

export interface AdminFolder {
  dir: string;
  files: string[];
  /** Header fields of header-less parts, by absolute path. */
  headers: Map<string, string[]>;
  headerOf: Map<string, string>;
  /** A model file beside the CSV files (`model.yaml` or `*.model.yaml`). */
  modelFile?: string;
}

/**
 * The CSV files of a folder. A `X_header.csv` (or `X-header.csv`, `X.header.csv`) holds only a header, for
 * the files named `X_...`, `X-...` or `X....` beside it (the longest X wins); every other file has its own header line.
 */
export async function findAdminFiles(dir: string, options: Pick<ReadOptions, 'delimiter'> = {}): Promise<AdminFolder> {
  const absolute = path.resolve(dir);
  const names = readdirSync(absolute).filter((n) => statSync(path.join(absolute, n)).isFile()).sort();
  const csv = names.filter((n) => /\.csv$/i.test(n));
  const headerFiles = csv.filter((n) => HEADER_FILE.test(n)).sort((a, b) => b.length - a.length);
  const headers = new Map<string, string[]>();
  const headerOf = new Map<string, string>();
  const issues: DatasetIssue[] = [];
  for (const name of headerFiles) {
    const file = path.join(absolute, name);
    let fields: string[] | undefined;
    for await (const batch of readCsv(file, { delimiter: options.delimiter, chunkBytes: 64 * 1024 })) {
      fields = batch[0]?.fields;
      break;
    }
    if (!fields) {
      issues.push({ file, path: 'header', message: 'is an empty header file' });
      continue;
    }
    const stem = HEADER_FILE.exec(name)![1]!.toLowerCase();
    for (const part of csv) {
      const lower = part.toLowerCase();
      if (headerFiles.includes(part) || headerOf.has(path.join(absolute, part))) continue;
      if (lower.startsWith(stem) && /^[-_.]/.test(lower.slice(stem.length))) {
        headers.set(path.join(absolute, part), fields);
        headerOf.set(path.join(absolute, part), file);
      }
    }
  }
  if (issues.length) throw new DatasetError(issues);
  const files = csv.filter((n) => !headerFiles.includes(n)).map((n) => path.join(absolute, n));
  if (!files.length) throw new DatasetError([{ file: absolute, path: '', message: 'holds no CSV data files (*.csv)' }]);
  const model = names.find((n) => MODEL_FILE.test(n));
  return { dir: absolute, files, headers, headerOf, ...(model ? { modelFile: path.join(absolute, model) } : {}) };
}

// ---- reading rows as our items ---------------------------------------------------------------------

interface RowRewrite {
  idType: 'string' | 'integer';
  /** Caption column per (renamed) label: the stored name comes from it. */
  captionColumn: Map<string, string>;
  source?: string;
}

function columnOf(layout: CsvLayout, role: 'id' | 'start' | 'end') {
  return layout.columns.find((c) => c.role === role);
}

/** A list of numbers or booleans is kept as a list of text (the model's lists hold text). */
function modelValue(value: unknown): unknown {
  return Array.isArray(value) ? value.map(String) : value;
}

/**
 * One row of a neo4j-admin file as our item: ids in their id spaces as slugs, labels and types and
 * property names in the model's naming, the name from the caption column, a generated relation id
 * (from type, ends and values, so a rerun finds it again), and the folder's document-level evidence.
 */
export function rewriteRow(item: RawItem, layout: CsvLayout, rewrite: RowRewrite): RawItem {
  if (item.kind === 'source') return item;
  const raw = { ...item.raw };
  const problems = [...item.problems];
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((raw.properties as Record<string, unknown> | undefined) ?? {})) properties[propertyName(key)] = modelValue(value);
  const mapId = (column: ReturnType<typeof columnOf>, value: unknown, field: string) => {
    if (typeof value !== 'string') return value;
    const mapped = datasetId(value, column?.group, rewrite.idType);
    if (mapped.error) problems.push({ field, message: mapped.error });
    return mapped.id ?? value;
  };
  if (item.kind === 'entity') {
    const idColumn = columnOf(layout, 'id');
    const original = idColumn && idColumn.name !== 'id' ? (raw.properties as Record<string, unknown> | undefined)?.[idColumn.name] : raw.id;
    raw.id = mapId(idColumn, original, idColumn ? `${idColumn.name}:ID` : ':ID');
    if (typeof raw.type === 'string') raw.type = labelName(raw.type);
    if (raw.name === undefined) {
      const column = rewrite.captionColumn.get(String(raw.type));
      const value = column ? properties[column] : undefined;
      raw.name = typeof value === 'string' && value.trim() ? value : original;
    }
  } else {
    raw.from = mapId(columnOf(layout, 'start'), raw.from, ':START_ID');
    raw.to = mapId(columnOf(layout, 'end'), raw.to, ':END_ID');
    if (typeof raw.type === 'string') raw.type = typeName(raw.type);
    if (raw.id === undefined) {
      const key = JSON.stringify([raw.type, raw.from, raw.to, Object.entries(properties).sort(([a], [b]) => a.localeCompare(b)), raw.date ?? null]);
      raw.id = `rel/${slug(String(raw.type ?? 'rel')) || 'rel'}/${createHash('sha1').update(key).digest('hex').slice(0, 16)}`;
    } else {
      raw.id = mapId(undefined, raw.id, 'id');
    }
  }
  if (Object.keys(properties).length) raw.properties = properties;
  else delete raw.properties;
  if (rewrite.source && (!Array.isArray(raw.evidence) || raw.evidence.length === 0)) raw.evidence = [{ source: rewrite.source }];
  return { ...item, raw, problems };
}

// ---- inferring the model ------------------------------------------------------------------------------

/**
 * Inferred labels take the colour the one rule for undeclared names gives by name (model/looks.ts colourFor),
 * the colour the page gives such a label when the schema does not list it; inferred types are grey.
 */
const EDGE_COLOR = '#9aa0a6';

/** Columns the storage contract reads itself (names, dates, evidence): never declared as properties. */
const CONTRACT = new Set<string>([STORED.id, STORED.name, STORED.aliases, STORED.aliasLanguages, STORED.date, STORED.endDate, STORED.datePrecision, STORED.dateInferred, STORED.dateSource, STORED.dateNote, STORED.evidenceSources, STORED.evidenceQuotes, STORED.evidenceStarts, STORED.evidenceEnds, STORED.searchText, STORED.importRun]);

interface Seen {
  rows: number;
  writtenAs: Set<string>;
  /** Renamed property -> its type, the column as written, and how many rows hold a value. */
  columns: Map<string, { type: PropertyType; column: string; seen: number; notes: string[]; isId: boolean }>;
  hasName: boolean;
  from: Set<string>;
  to: Set<string>;
}

const newSeen = (): Seen => ({ rows: 0, writtenAs: new Set(), columns: new Map(), hasName: false, from: new Set(), to: new Set() });

function modelType(column: CsvLayout['columns'][number]): { type: PropertyType; note?: string } {
  if (column.array) return column.type === 'string' ? { type: 'string[]' } : { type: 'string[]', note: `${column.type}[] kept as a list of text (the model's lists hold text)` };
  if (column.written) return { type: 'string', note: `${column.written} kept as text` };
  if (column.type === 'int' || column.type === 'float') return { type: 'number' };
  if (column.type === 'boolean' || column.type === 'date') return { type: column.type };
  return { type: 'string' };
}

/** The caption by the rule for undeclared labels (model/captions.ts); the :ID column is never it, as 'id' is not for a foreign database. */
function captionOf(seen: Seen): { caption: string; column: string } {
  const text = [...seen.columns].filter(([, c]) => c.type === 'string' && !c.isId).map(([key, c]) => ({ key, seen: c.seen }));
  const caption = chooseCaption(seen.hasName ? [{ key: 'name', seen: seen.rows }, ...text] : text);
  return caption ? { caption, column: caption } : { caption: 'name', column: ':ID' };
}

function renames(seen: Seen): Record<string, string> {
  return Object.fromEntries([...seen.columns].filter(([name, c]) => name !== c.column).map(([name, c]) => [c.column, name]));
}

/**
 * Reads the folder once and works out what it needs beyond `base`: each label the nodes carry and
 * each type the relationships have, with the typed columns that hold values for them, the caption,
 * and the labels at each end of each type. Labels and types `base` declares are checked against it.
 */
export async function inferModel(folder: AdminFolder, base: Model, options: AdminOptions & { modelFile?: string }): Promise<{ inference: Inference; model: Model }> {
  const idType = options.idType ?? 'string';
  const labels = new Map<string, Seen>();
  const types = new Map<string, Seen>();
  const labelOfId = new Map<string, string>();
  const read: ReadOptions = { delimiter: options.delimiter, arrayDelimiter: options.arrayDelimiter, headers: folder.headers };
  const layouts = new Map<string, CsvLayout>();
  const issues: DatasetIssue[] = [];
  for (const file of folder.files) {
    try {
      const layout = await describeFile(file, read);
      if (layout !== 'ndjson') layouts.set(file, layout);
    } catch (error) {
      issues.push({ file, path: 'header', message: error instanceof Error ? error.message.replace(`${file}: `, '') : String(error) });
    }
  }
  if (issues.length) throw new DatasetError(issues);
  const byKind = (kind: CsvLayout['kind']) => folder.files.filter((f) => layouts.get(f)?.kind === kind);

  const note = (seen: Seen, layout: CsvLayout, values: Record<string, unknown>) => {
    for (const column of layout.columns) {
      if ((column.role !== 'property' && column.role !== 'id') || CONTRACT.has(column.name)) continue;
      if (column.role === 'id' && column.name === 'id') continue;
      const name = propertyName(column.name);
      const { type, note: why } = column.role === 'id' ? { type: 'string' as PropertyType, note: undefined } : modelType(column);
      const present = values[column.name] !== undefined;
      const known = seen.columns.get(name);
      if (!known) {
        if (present) seen.columns.set(name, { type, column: column.name, seen: 1, notes: why ? [`${column.name}: ${why}`] : [], isId: column.role === 'id' });
      } else {
        if (present) known.seen++;
        if (present && known.type !== type) issues.push({ file: '', path: 'header', message: `column '${column.name}' is ${type} in one file and ${known.type} in another for the same label or type` });
      }
    }
  };

  /** Counts one row under its (renamed) label or type, with the columns it fills. */
  const tally = (into: Map<string, Seen>, name: string, writtenAs: string, layout: CsvLayout, properties: unknown): Seen => {
    const seen = into.get(name) ?? newSeen();
    into.set(name, seen);
    seen.rows++;
    seen.writtenAs.add(writtenAs);
    note(seen, layout, (properties as Record<string, unknown>) ?? {});
    return seen;
  };
  for (const file of byKind('nodes')) {
    const layout = layouts.get(file)!;
    for await (const batch of readItems(file, read)) {
      for (const item of batch) {
        if (item.kind !== 'entity' || typeof item.raw.type !== 'string') continue;
        const label = labelName(item.raw.type);
        const seen = tally(labels, label, item.raw.type, layout, item.raw.properties);
        if (item.raw.name !== undefined) seen.hasName = true;
        const idColumn = columnOf(layout, 'id');
        const original = idColumn && idColumn.name !== 'id' ? (item.raw.properties as Record<string, unknown> | undefined)?.[idColumn.name] : item.raw.id;
        const id = typeof original === 'string' ? datasetId(original, idColumn?.group, idType).id : undefined;
        if (id) labelOfId.set(id, label);
      }
    }
  }
  for (const file of byKind('relationships')) {
    const layout = layouts.get(file)!;
    for await (const batch of readItems(file, read)) {
      for (const item of batch) {
        if (item.kind !== 'relation' || typeof item.raw.type !== 'string') continue;
        const type = typeName(item.raw.type);
        const seen = tally(types, type, item.raw.type, layout, item.raw.properties);
        const end = (value: unknown, role: 'start' | 'end') => (typeof value === 'string' ? labelOfId.get(datasetId(value, columnOf(layout, role)?.group, idType).id ?? '') : undefined);
        const from = end(item.raw.from, 'start');
        const to = end(item.raw.to, 'end');
        if (from) seen.from.add(from);
        if (to) seen.to.add(to);
      }
    }
  }
  if (issues.length) throw new DatasetError(issues);

  const declared: Inference['declared'] = [];
  const inferredLabels: InferredLabel[] = [];
  const extension: ModelExtension = { labels: {}, relations: {} };
  const description = `Inferred from the neo4j-admin CSV headers of ${path.basename(folder.dir)}.`;
  for (const [label, seen] of [...labels].sort(([a], [b]) => a.localeCompare(b))) {
    if (label === SOURCE_LABEL || label === ENTITY_LABEL) continue;
    const existing = base.label(label);
    if (existing) {
      declared.push({ name: label, declaredIn: existing.declaredIn });
      continue;
    }
    const { caption, column } = captionOf(seen);
    const properties = Object.fromEntries([...seen.columns].map(([name, c]) => [name, c.type]));
    const written = [...seen.writtenAs].find((w) => w !== label);
    inferredLabels.push({ label, ...(written ? { writtenAs: written } : {}), caption, captionColumn: column, properties, renamed: renames(seen), notes: [...seen.columns.values()].flatMap((c) => c.notes), rows: seen.rows });
    extension.labels[label] = {
      description,
      caption,
      color: colourFor(label),
      shape: 'ellipse',
      evidence: 'document',
      properties: Object.fromEntries([...seen.columns].map(([name, c]) => [name, { type: c.type, description: `Column '${c.column}'.` }])),
    };
  }
  const allLabels = [...labels.keys()].filter((l) => l !== SOURCE_LABEL && l !== ENTITY_LABEL).sort();
  const inferredRelations: InferredRelation[] = [];
  for (const [type, seen] of [...types].sort(([a], [b]) => a.localeCompare(b))) {
    const existing = base.relation(type);
    if (existing) {
      declared.push({ name: type, declaredIn: existing.declaredIn });
      continue;
    }
    // Ends not found among the folder's nodes (in the database, or missing) leave every label possible; the rules report missing ends.
    const from = seen.from.size ? [...seen.from].sort() : allLabels;
    const to = seen.to.size ? [...seen.to].sort() : allLabels;
    const properties = Object.fromEntries([...seen.columns].map(([name, c]) => [name, c.type]));
    const written = [...seen.writtenAs].find((w) => w !== type);
    inferredRelations.push({ type, ...(written ? { writtenAs: written } : {}), from, to, properties, renamed: renames(seen), notes: [...seen.columns.values()].flatMap((c) => c.notes), rows: seen.rows });
    extension.relations[type] = {
      description,
      from,
      to,
      color: EDGE_COLOR,
      evidence: 'document',
      properties: Object.fromEntries([...seen.columns].map(([name, c]) => [name, { type: c.type, description: `Column '${c.column}'.` }])),
    };
  }
  let model: Model;
  try {
    model = extendModel(base, { ...extension, evidence: 'document' }, { file: `${path.basename(folder.dir)} (inferred from its CSV headers)` });
  } catch (error) {
    if (error instanceof ModelError) throw new DatasetError(modelIssues(error));
    throw error;
  }
  const files = folder.files.map((file) => ({ file, ...(folder.headerOf.has(file) ? { header: folder.headerOf.get(file)! } : {}) }));
  const inference: Inference = {
    folder: folder.dir,
    files,
    ...(options.modelFile ? { modelFile: options.modelFile } : {}),
    labels: inferredLabels,
    relations: inferredRelations,
    declared,
    extension,
  };
  return { inference, model };
}

/** What the CLI prints: one line per file group, inferred label and type, and what was declared already. */
export function describeInference(inference: Inference): string[] {
  const lines: string[] = [`neo4j-admin folder ${inference.folder}: ${inference.files.length} data file(s)`];
  for (const f of inference.files) if (f.header) lines.push(`  ${path.basename(f.file)}: header from ${path.basename(f.header)}`);
  if (inference.modelFile) lines.push(`  declared by ${inference.modelFile}`);
  const props = (p: Record<string, string>) => Object.entries(p).map(([k, t]) => `${k}:${t}`).join(', ') || 'none';
  for (const l of inference.labels) {
    const written = Object.entries(l.renamed).find(([, name]) => name === l.captionColumn)?.[0] ?? l.captionColumn;
    const from = l.captionColumn === ':ID' ? 'the :ID column (no text column)' : `column ${written}`;
    lines.push(`  inferred label ${l.label}${l.writtenAs ? ` (written ${l.writtenAs})` : ''}: ${l.rows} row(s), caption ${l.caption} (name from ${from}), properties ${props(l.properties)}`);
    for (const [column, name] of Object.entries(l.renamed)) lines.push(`    column ${column} -> property ${name}`);
    for (const n of l.notes) lines.push(`    ${n}`);
  }
  for (const r of inference.relations) {
    lines.push(`  inferred type ${r.type}${r.writtenAs ? ` (written ${r.writtenAs})` : ''}: ${r.rows} row(s), (${r.from.join('|')})->(${r.to.join('|')}), properties ${props(r.properties)}`);
    for (const [column, name] of Object.entries(r.renamed)) lines.push(`    column ${column} -> property ${name}`);
    for (const n of r.notes) lines.push(`    ${n}`);
  }
  for (const d of inference.declared) lines.push(`  ${d.name}: already declared (${d.declaredIn})`);
  if (inference.source) lines.push(`  evidence: every row without evidence columns cites ${inference.source} (the folder as a whole, document level)`);
  return lines;
}

// ---- importing ----------------------------------------------------------------------------------------

/** The id of the source record that names the folder as a whole. */
export function folderSourceId(dir: string): string {
  return `src/admin-${slug(path.basename(path.resolve(dir))) || 'folder'}`;
}

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
  const { inference, model } = await inferModel(folder, base, { ...options, modelFile });
  const read: ReadOptions = { delimiter: options.delimiter, arrayDelimiter: options.arrayDelimiter, headers: folder.headers };
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
    captionColumn: new Map(inference.labels.map((l) => [l.label, l.captionColumn])),
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
    options: { ...rest, model, extensions, headers: folder.headers, transform: (item, layout) => rewriteRow(item, layout, rewrite) },
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
