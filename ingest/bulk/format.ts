// The bulk file formats: neo4j-admin style CSV headers (id:ID, :LABEL, :START_ID, :END_ID, :TYPE, typed
// columns) and NDJSON lines shaped like the dataset file's items, both read into the dataset's input shapes.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { COMPUTED_PROPERTIES, ENTITY_LABEL, InvalidError, SOURCE_LABEL, STORED } from '../../model/index.ts';
import { decodeUtf8, INVALID_UTF8, readCsv, type CsvRecord } from './csv.ts';
import { looksLikeFtm, readFtmItems, type FtmReadOptions } from '../ftm/read.ts';

export type ItemKind = 'source' | 'entity' | 'relation';

/** One record of a bulk file, in the shape of the dataset file's items (validated later). */
export interface RawItem {
  kind: ItemKind;
  raw: Record<string, unknown>;
  /** Where it is: 'line 12'. */
  at: string;
  /** Problems found while reading the record itself (bad number, unclosed quote...). */
  problems: { field?: string; message: string }[];
}

export type FileFormat = 'csv' | 'ndjson' | 'ftm';

export function fileFormat(file: string): FileFormat | undefined {
  // FtM entity streams (ingest/ftm/read.ts) by name (.ftm.json, .ijson) or by their first line.
  if (looksLikeFtm(file)) return 'ftm';
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(ndjson|jsonl)$/i.test(file)) return 'ndjson';
  return undefined;
}

// ---- CSV headers ------------------------------------------------------------------------------

export type ScalarType = 'string' | 'int' | 'float' | 'boolean' | 'date';
export type ColumnRole = 'id' | 'label' | 'start' | 'end' | 'type' | 'property' | 'ignore';

export interface CsvColumn {
  name: string;
  role: ColumnRole;
  type: ScalarType;
  array: boolean;
  /** The id space of an :ID, :START_ID or :END_ID column (`id:ID(Case)`), as neo4j-admin groups ids. */
  group?: string;
  /** The type as written, where it is read as another (neo4j-admin's datetime, point... are kept as text). */
  written?: string;
}

export interface CsvLayout {
  kind: 'nodes' | 'relationships';
  columns: CsvColumn[];
}

const SCALARS: Record<string, ScalarType> = {
  string: 'string',
  char: 'string',
  int: 'int',
  long: 'int',
  short: 'int',
  byte: 'int',
  float: 'float',
  double: 'float',
  boolean: 'boolean',
  date: 'date',
};

/** neo4j-admin types our model has no type for: read and kept as their text. */
const AS_TEXT = new Set(['datetime', 'localdatetime', 'time', 'localtime', 'duration', 'point']);

const ROLES: Record<string, ColumnRole> = { id: 'id', label: 'label', start_id: 'start', end_id: 'end', type: 'type', ignore: 'ignore' };

/** Reads a header such as `id:ID,:LABEL,name,aliases:string[],date:date`; throws a message per bad column. */
export function parseCsvHeader(fields: readonly string[]): CsvLayout | { errors: string[] } {
  const errors: string[] = [];
  const columns: CsvColumn[] = fields.map((field, index) => {
    const match = /^(.*?)(?::([A-Za-z_]+)(\[\])?(?:\(([^)]*)\))?)?$/.exec(field.trim());
    const name = match?.[1] ?? field;
    const typeName = (match?.[2] ?? 'string').toLowerCase();
    const array = match?.[3] === '[]';
    const role = ROLES[typeName];
    if (role) {
      if (array) errors.push(`column ${index + 1} '${field}': ${typeName.toUpperCase()} cannot be a list`);
      const group = match?.[4]?.trim();
      return { name: role === 'id' && name === '' ? 'id' : name, role, type: 'string', array: false, ...(group ? { group } : {}) };
    }
    const scalar = SCALARS[typeName] ?? (AS_TEXT.has(typeName) ? 'string' : undefined);
    if (!scalar) errors.push(`column ${index + 1} '${field}': type '${match?.[2]}' is not supported (string, int, long, float, double, boolean, date, or a list of them with []; datetime, time, duration and point are kept as text)`);
    if (!name) errors.push(`column ${index + 1} '${field}': a property column needs a name`);
    return { name, role: 'property', type: scalar ?? 'string', array, ...(AS_TEXT.has(typeName) ? { written: typeName } : {}) };
  });
  const has = (role: ColumnRole) => columns.filter((c) => c.role === role).length;
  const isRelationships = has('start') > 0 || has('end') > 0;
  if (isRelationships) {
    for (const [role, label] of [['start', ':START_ID'], ['end', ':END_ID'], ['type', ':TYPE']] as const) {
      if (has(role) !== 1) errors.push(`a relationships file needs exactly one ${label} column`);
    }
    if (has('id') || has('label')) errors.push('a relationships file has no :ID or :LABEL column (the relation id is a column named id)');
  } else {
    if (has('id') !== 1) errors.push('a nodes file needs exactly one :ID column (e.g. id:ID); a relationships file needs :START_ID, :END_ID and :TYPE');
    if (has('label') !== 1) errors.push('a nodes file needs exactly one :LABEL column');
  }
  const seen = new Set<string>();
  for (const column of columns) {
    if (column.role !== 'property' && column.role !== 'id') continue;
    if (seen.has(column.name)) errors.push(`column '${column.name}' appears twice`);
    seen.add(column.name);
  }
  if (errors.length) return { errors };
  return { kind: isRelationships ? 'relationships' : 'nodes', columns };
}

// ---- CSV values -------------------------------------------------------------------------------

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function scalar(type: ScalarType, text: string): { value?: unknown; error?: string } {
  switch (type) {
    case 'string':
      return { value: text };
    case 'int': {
      const n = Number(text.trim());
      return Number.isSafeInteger(n) && text.trim() !== '' ? { value: n } : { error: `'${text}' is not a whole number` };
    }
    case 'float': {
      const n = Number(text.trim());
      return Number.isFinite(n) && text.trim() !== '' ? { value: n } : { error: `'${text}' is not a number` };
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      return t === 'true' ? { value: true } : t === 'false' ? { value: false } : { error: `'${text}' is not true or false` };
    }
    case 'date':
      return FULL_DATE.test(text.trim()) ? { value: text.trim() } : { error: `'${text}' is not a date written YYYY-MM-DD` };
  }
}

/** Columns whose meaning the storage contract fixes; the rest are the item's declared properties. */
const CONTRACT_COLUMNS: ReadonlySet<string> = new Set([
  STORED.id, STORED.name, STORED.aliases, STORED.aliasLanguages, STORED.date, STORED.endDate, STORED.datePrecision,
  STORED.dateInferred, STORED.dateSource, STORED.dateNote, STORED.evidenceSources, STORED.evidenceQuotes,
]);
/** Computed by the importer, never read: offsets come from the source text, searchText from the names. */
const COMPUTED_COLUMNS = COMPUTED_PROPERTIES;
const SOURCE_FIELDS = new Set(['title', 'publisher', 'url', 'published', 'language', 'textFile', 'excerpt', 'notes']);

/**
 * A full date plus a precision becomes the dataset's partial date ('2024-03' for month precision);
 * the date must be the first day of its period, as the storage contract stores it.
 */
function partialDate(value: string, precision: unknown): { value?: string; error?: string } {
  if (!FULL_DATE.test(value) || precision === undefined || precision === 'day') return { value };
  if (precision === 'month') return value.endsWith('-01') ? { value: value.slice(0, 7) } : { error: `'${value}' is not the first day of its month (datePrecision month)` };
  if (precision === 'year') return value.endsWith('-01-01') ? { value: value.slice(0, 4) } : { error: `'${value}' is not the first day of its year (datePrecision year)` };
  return { error: `datePrecision must be day, month or year, got '${String(precision)}'` };
}

/** Turns one CSV record into a dataset-shaped item; `arrayDelimiter` separates list values and labels. */
export function csvItem(layout: CsvLayout, record: CsvRecord, arrayDelimiter: string): RawItem {
  const problems: RawItem['problems'] = [];
  if (record.error) problems.push({ message: record.error });
  if (record.fields.length !== layout.columns.length) {
    problems.push({ message: `has ${record.fields.length} fields but the header has ${layout.columns.length} columns` });
  }
  const values = new Map<string, unknown>();
  let labels: string[] = [];
  const ends: Record<string, string | undefined> = {};
  const columns = layout.columns;
  const fields = record.fields;
  for (let i = 0; i < columns.length; i++) {
    const text = fields[i];
    if (text === undefined || text === '') continue;
    const column = columns[i]!;
    const role = column.role;
    if (role === 'property') {
      if (COMPUTED_COLUMNS.has(column.name)) continue;
      if (column.array) {
        const parts = text.split(arrayDelimiter);
        if (column.type !== 'string') {
          for (let k = 0; k < parts.length; k++) {
            const parsed = scalar(column.type, parts[k]!);
            if (parsed.error) problems.push({ field: column.name, message: parsed.error });
            else parts[k] = parsed.value as string;
          }
        }
        values.set(column.name, parts);
      } else if (column.type === 'string') {
        values.set(column.name, text);
      } else {
        const parsed = scalar(column.type, text);
        if (parsed.error) problems.push({ field: column.name, message: parsed.error });
        else values.set(column.name, parsed.value);
      }
    } else if (role === 'id') values.set(column.name, text);
    else if (role === 'label') labels = text.split(arrayDelimiter).map((l) => l.trim()).filter(Boolean);
    else if (role === 'start') ends.from = text;
    else if (role === 'end') ends.to = text;
    else if (role === 'type') ends.type = text;
  }

  const at = `line ${record.line}`;
  if (layout.kind === 'relationships') {
    const raw: Record<string, unknown> = { id: values.get('id'), type: ends.type, from: ends.from, to: ends.to };
    fillCommon(raw, values, problems, false);
    return { kind: 'relation', raw, at, problems };
  }
  const types = labels.filter((l) => l !== ENTITY_LABEL);
  if (types.includes(SOURCE_LABEL)) {
    if (types.length > 1) problems.push({ field: ':LABEL', message: `a source has no other label, got ${labels.join(arrayDelimiter)}` });
    const raw: Record<string, unknown> = {};
    for (const [key, value] of values) raw[key] = value;
    return { kind: 'source', raw, at, problems };
  }
  if (types.length !== 1) {
    problems.push({ field: ':LABEL', message: types.length ? `has ${types.length} type labels (${types.join(', ')}); an entity has exactly one` : 'has no type label (e.g. Person)' });
  }
  const raw: Record<string, unknown> = { id: values.get('id'), type: types[0], name: values.get('name') };
  const aliases = values.get('aliases');
  if (aliases !== undefined) {
    const names = aliases as string[];
    const languages = (values.get('aliasLanguages') as string[] | undefined) ?? [];
    if (values.has('aliasLanguages') && languages.length !== names.length) {
      problems.push({ field: 'aliasLanguages', message: `has ${languages.length} values for ${names.length} aliases` });
    }
    raw.aliases = names.map((name, i) => (languages[i] ? { name, language: languages[i] } : name));
  }
  fillCommon(raw, values, problems, true);
  return { kind: 'entity', raw, at, problems };
}

/** Date, evidence and declared properties, shared by entities and relations. */
function fillCommon(raw: Record<string, unknown>, values: Map<string, unknown>, problems: RawItem['problems'], entity: boolean): void {
  const on = values.get('date');
  if (on !== undefined) {
    const precision = values.get('datePrecision');
    const first = partialDate(String(on), precision);
    const until = values.get('endDate');
    const last = until === undefined ? undefined : partialDate(String(until), precision);
    if (first.error) problems.push({ field: 'date', message: first.error });
    if (last?.error) problems.push({ field: 'endDate', message: last.error });
    const date: Record<string, unknown> = { on: first.value ?? on, inferred: values.get('dateInferred') ?? false };
    if (precision !== undefined) date.precision = precision;
    if (last) date.until = last.value ?? until;
    if (values.has('dateSource')) date.source = values.get('dateSource');
    if (values.has('dateNote')) date.note = values.get('dateNote');
    raw.date = date;
  } else {
    for (const key of ['endDate', 'datePrecision', 'dateInferred', 'dateSource', 'dateNote']) {
      if (values.has(key)) problems.push({ field: key, message: 'is given without a date' });
    }
  }
  const sources = (values.get('evidenceSources') as string[] | undefined) ?? [];
  // An empty field is no value: without one, no piece has a quote (one piece's empty quote can be written no other way).
  const quotes = values.get('evidenceQuotes') as string[] | undefined;
  if (quotes && sources.length !== quotes.length) problems.push({ field: 'evidenceQuotes', message: `has ${quotes.length} quotes for ${sources.length} evidenceSources` });
  // An empty quote is document-level evidence (the source as a whole), where the model allows it.
  raw.evidence = sources.map((source, i) => (quotes?.[i] ? { source, quote: quotes[i] } : { source }));
  const properties: Record<string, unknown> = {};
  for (const [key, value] of values) {
    if (CONTRACT_COLUMNS.has(key)) continue;
    if (!entity && key === 'id') continue;
    properties[key] = value;
  }
  if (Object.keys(properties).length) raw.properties = properties;
}

// ---- NDJSON ---------------------------------------------------------------------------------------

/** An NDJSON line: an item of the dataset file, with an optional "kind" (source, entity, relation). */
export function ndjsonItem(line: string, lineNumber: number): RawItem {
  const at = `line ${lineNumber}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { kind: 'entity', raw: {}, at, problems: [{ message: `is not JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'entity', raw: {}, at, problems: [{ message: 'must be a JSON object (a source, an entity or a relation)' }] };
  }
  const { kind, ...raw } = value as Record<string, unknown>;
  if (kind !== undefined) {
    if (kind === 'source' || kind === 'entity' || kind === 'relation') return { kind, raw, at, problems: [] };
    return { kind: 'entity', raw, at, problems: [{ field: 'kind', message: `must be source, entity or relation, got ${JSON.stringify(kind)}` }] };
  }
  // Without "kind" the shape decides: relations join two ends, sources have a title.
  if ('from' in raw || 'to' in raw) return { kind: 'relation', raw, at, problems: [] };
  if (!('type' in raw) && [...SOURCE_FIELDS].some((key) => key in raw)) return { kind: 'source', raw, at, problems: [] };
  return { kind: 'entity', raw, at, problems: [] };
}

// ---- reading any bulk file -------------------------------------------------------------------------

export interface ReadOptions {
  arrayDelimiter?: string;
  delimiter?: string;
  /**
   * Header fields of CSV files that have no header line of their own (neo4j-admin's `cases_header.csv`
   * beside `cases_part1.csv`...), by absolute path: such a file's first line is data.
   */
  headers?: ReadonlyMap<string, readonly string[]>;
  /** Rewrites each CSV item after it is read (a neo4j-admin folder's ids, names and evidence: ingest/bulk/admin.ts). */
  transform?: (item: RawItem, layout: CsvLayout, file: string) => RawItem;
  /** For FtM files: the file's own source URL and publisher, and the FtM model as ours. */
  ftm?: FtmReadOptions;
}

/** Thrown for a file that cannot be read at all (unknown extension, bad header). */
export class BulkFileError extends InvalidError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`, 'invalid_file');
  }
}

/** The CSV layout of a file (from its first record), or 'ndjson'. */
export async function describeFile(file: string, options: ReadOptions = {}): Promise<CsvLayout | 'ndjson'> {
  const format = fileFormat(file);
  if (format === 'ndjson' || format === 'ftm') return 'ndjson';
  if (format !== 'csv') throw new BulkFileError(file, ['is neither .csv nor .ndjson/.jsonl (nor an FtM stream)']);
  const given = options.headers?.get(file);
  if (given) {
    const header = parseCsvHeader(given);
    if ('errors' in header) throw new BulkFileError(file, header.errors.map((e) => `(header file) ${e}`));
    return header;
  }
  for await (const batch of readCsv(file, { delimiter: options.delimiter, chunkBytes: 64 * 1024 })) {
    const header = parseCsvHeader(batch[0]!.fields);
    if ('errors' in header) throw new BulkFileError(file, header.errors);
    return header;
  }
  throw new BulkFileError(file, ['is empty (no header line)']);
}

/** Streams a bulk file's records as dataset-shaped items, in batches. */
export async function* readItems(file: string, options: ReadOptions = {}): AsyncGenerator<RawItem[]> {
  const arrayDelimiter = options.arrayDelimiter ?? ';';
  const format = fileFormat(file);
  if (format === 'ftm') {
    yield* readFtmItems(file, options.ftm);
    return;
  }
  if (format === 'ndjson') {
    const decoded = decodeUtf8(createReadStream(file, { highWaterMark: 1 << 20 }));
    const lines = createInterface({ input: Readable.from(decoded.chunks), crlfDelay: Infinity });
    let number = 0;
    let batch: RawItem[] = [];
    for await (const line of lines) {
      number++;
      if (!line.trim()) continue;
      const item = ndjsonItem(number === 1 ? line.replace(/^\uFEFF/, '') : line, number);
      if (decoded.invalid && line.includes('\uFFFD')) item.problems.push({ message: INVALID_UTF8 });
      batch.push(item);
      if (batch.length >= 2000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
    return;
  }
  let layout: CsvLayout | undefined;
  const given = options.headers?.get(file);
  if (given) {
    const header = parseCsvHeader(given);
    if ('errors' in header) throw new BulkFileError(file, header.errors.map((e) => `(header file) ${e}`));
    layout = header;
  }
  for await (const records of readCsv(file, { delimiter: options.delimiter })) {
    const items: RawItem[] = [];
    for (const record of records) {
      if (!layout) {
        const header = parseCsvHeader(record.fields);
        if ('errors' in header) throw new BulkFileError(file, header.errors);
        layout = header;
        continue;
      }
      const item = csvItem(layout, record, arrayDelimiter);
      items.push(options.transform ? options.transform(item, layout, file) : item);
    }
    if (items.length) yield items;
  }
  if (!layout) throw new BulkFileError(file, ['is empty (no header line)']);
}
