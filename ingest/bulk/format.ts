// The bulk file formats: neo4j-admin style CSV headers (id:ID, :LABEL, :START_ID, :END_ID, :TYPE, typed
// columns) and NDJSON lines shaped like the dataset file's items, both read into the dataset's input shapes.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { COMPUTED_PROPERTIES, ENTITY_LABEL, InvalidError, SOURCE_LABEL, STORED } from '../../model/index.ts';
import { decodeUtf8, INVALID_UTF8, readCsv, type CsvRecord } from './csv.ts';
import { parseCsvHeader, type CsvLayout, type HeaderRules, type ScalarType } from './header.ts';
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
  // neo4j-admin reads files compressed with gzip or zip (one file each) as well.
  if (/\.csv(\.gz|\.zip)?$/i.test(file)) return 'csv';
  if (/\.(ndjson|jsonl)$/i.test(file)) return 'ndjson';
  return undefined;
}

// ---- CSV headers (ingest/bulk/header.ts) ------------------------------------------------------

export { parseCsvHeader, type ColumnRole, type CsvColumn, type CsvLayout, type HeaderRules, type ScalarType } from './header.ts';

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
  // neo4j-admin reads a short row's missing fields as empty (and refuses extra ones); the bulk format wants every field.
  if (record.fields.length > layout.columns.length || (layout.rules === 'bulk' && record.fields.length < layout.columns.length)) {
    problems.push({ message: `has ${record.fields.length} fields but the header has ${layout.columns.length} columns` });
  }
  const values = new Map<string, unknown>();
  const labels: string[] = [];
  // The id: the :ID column's value, or the values of several :ID columns joined (neo4j-admin's composite id).
  let id: string | undefined;
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
    } else if (role === 'id') {
      id = (id ?? '') + text;
      // A named :ID column is also stored under its name, as neo4j-admin stores it (`id:ID` is the dataset id itself).
      if (column.name && column.name !== STORED.id) values.set(column.name, text);
    } else if (role === 'label') labels.push(...text.split(arrayDelimiter).map((l) => l.trim()).filter(Boolean));
    else if (role === 'start') ends.from = text;
    else if (role === 'end') ends.to = text;
    else if (role === 'type') ends.type = text;
  }

  const at = `line ${record.line}`;
  if (layout.kind === 'relationships') {
    // A relationships file's `id` column is the relation's id.
    const raw: Record<string, unknown> = { id: values.get(STORED.id), type: ends.type, from: ends.from, to: ends.to };
    fillCommon(raw, values, problems, false);
    return { kind: 'relation', raw, at, problems };
  }
  const types = labels.filter((l) => l !== ENTITY_LABEL);
  if (types.includes(SOURCE_LABEL)) {
    if (types.length > 1) problems.push({ field: ':LABEL', message: `a source has no other label, got ${labels.join(arrayDelimiter)}` });
    const raw: Record<string, unknown> = id === undefined ? {} : { id };
    for (const [key, value] of values) raw[key] = value;
    return { kind: 'source', raw, at, problems };
  }
  if (types.length !== 1) {
    problems.push({ field: ':LABEL', message: types.length ? `has ${types.length} type labels (${types.join(', ')}); an entity has exactly one` : 'has no type label (e.g. Person)' });
  }
  const raw: Record<string, unknown> = { id, type: types[0], name: values.get(STORED.name) };
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
    // An entity's id comes from its :ID column: an `id` column beside it is a property (neo4j-admin stores it as one).
    if (CONTRACT_COLUMNS.has(key) && !(entity && key === STORED.id)) continue;
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
  /** Whose CSV header rules: the bulk format's (default) or neo4j-admin's own (a neo4j-admin folder: ingest/bulk/header.ts). */
  headerRules?: HeaderRules;
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
    const header = parseCsvHeader(given, options.headerRules);
    if ('errors' in header) throw new BulkFileError(file, header.errors.map((e) => `(header file) ${e}`));
    return header;
  }
  for await (const batch of readCsv(file, { delimiter: options.delimiter, chunkBytes: 64 * 1024 })) {
    const header = parseCsvHeader(batch[0]!.fields, options.headerRules);
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
    const header = parseCsvHeader(given, options.headerRules);
    if ('errors' in header) throw new BulkFileError(file, header.errors.map((e) => `(header file) ${e}`));
    layout = header;
  }
  for await (const records of readCsv(file, { delimiter: options.delimiter })) {
    const items: RawItem[] = [];
    for (const record of records) {
      if (!layout) {
        const header = parseCsvHeader(record.fields, options.headerRules);
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
