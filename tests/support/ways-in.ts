// Every way in, for the ingest rules' specification (ingest-rules-spec.ts): a dataset written as each way in reads
// it (YAML, JSON, NDJSON, bulk CSV, a neo4j-admin folder) or FtM lines, and validated as each does before writing.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { validateAdminFolder } from '../../ingest/bulk/admin.ts';
import { csvLine } from '../../ingest/bulk/csv.ts';
import { validateBulk } from '../../ingest/bulk/importer.ts';
import { validateDatasetFile } from '../../ingest/dataset/loader.ts';
import { DatasetError, type DatasetIssue } from '../../ingest/errors.ts';
import { validateFtm } from '../../ingest/ftm/import.ts';
import { FIXTURE_TEXT } from './fixture-dataset.ts';
import type { Dataset, FtmLine } from './ingest-rules-spec.ts';

export const WAYS = ['yaml', 'json', 'ndjson', 'csv', 'admin', 'ftm'] as const;
export type Way = (typeof WAYS)[number];

/** What both must agree on. Where a duplicate was first seen is said in each way's own terms (entities[2], earlier in the files). */
export function agreed(issues: DatasetIssue[]): string[] {
  return issues.map((i) => `${i.id ?? ''} ${i.field ?? ''}: ${i.message.replace(/ is already used .*$/, ' is already used ...')}`).sort();
}

/** The issues a refusal reports; [] when the input is accepted. */
export async function issuesOf(run: () => Promise<unknown>): Promise<DatasetIssue[]> {
  try {
    await run();
    return [];
  } catch (error) {
    if (error instanceof DatasetError) return error.issues;
    throw error;
  }
}

export function ndjson(d: Dataset): string {
  const lines = [...d.sources.map((s) => ({ kind: 'source', ...s })), ...d.entities.map((e) => ({ kind: 'entity', ...e })), ...d.relations.map((r) => ({ kind: 'relation', ...r }))];
  return lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
}

/** An id column for a role; a neo4j-admin folder writes the id space apart (`id:ID(org)` holding `aeem`). */
type IdColumn = (role: 'ID' | 'START_ID' | 'END_ID', id: string) => [string, string];
const plainIds: IdColumn = (role, id) => [role === 'ID' ? 'id:ID' : `:${role}`, id];
const adminIds: IdColumn = (role, id) => {
  const slash = id.indexOf('/');
  if (slash < 0) return plainIds(role, id);
  return [`${role === 'ID' ? 'id:' : ':'}${role}(${id.slice(0, slash)})`, id.slice(slash + 1)];
};

/** A value as a typed CSV column (lists joined by `;`). */
function typed(key: string, value: unknown): [string, string] {
  if (Array.isArray(value)) return [`${key}:string[]`, value.map(String).join(';')];
  if (typeof value === 'number') return [`${key}:float`, String(value)];
  if (typeof value === 'boolean') return [`${key}:boolean`, String(value)];
  return [key, typeof value === 'string' ? value : JSON.stringify(value)];
}

const firstDay = (on: string) => (/^\d{4}$/.test(on) ? `${on}-01-01` : /^\d{4}-\d{2}$/.test(on) ? `${on}-01` : on);

/** An entity's or relation's fields as the bulk CSV's columns (the storage contract's names, ingest/bulk/README.md). */
function csvColumns(item: any, kind: 'source' | 'entity' | 'relation', ids: IdColumn): [string, string][] {
  const { id, type, name, from, to, aliases, date, evidence, properties, ...rest } = item;
  // A source row's id is kept as written (a neo4j-admin folder maps only entity and relationship ids).
  if (kind === 'source') return [plainIds('ID', id), [':LABEL', 'Source'], ...Object.entries(item).filter(([k]) => k !== 'id').map(([k, v]) => typed(k, v))];
  const columns: [string, string][] =
    kind === 'entity' ? [ids('ID', id), [':LABEL', type], ['name', name]] : [ids('START_ID', from), ids('END_ID', to), [':TYPE', type], ['id', id]];
  if (aliases?.length) {
    columns.push(typed('aliases', aliases.map((a: any) => (typeof a === 'string' ? a : a.name))));
    if (aliases.some((a: any) => typeof a !== 'string' && a.language)) columns.push(typed('aliasLanguages', aliases.map((a: any) => (typeof a === 'string' ? '' : (a.language ?? '')))));
  }
  if (date) {
    const precision = date.precision ?? (/^\d{4}$/.test(date.on) ? 'year' : /^\d{4}-\d{2}$/.test(date.on) ? 'month' : undefined);
    columns.push(['date', firstDay(date.on)]);
    if (precision) columns.push(['datePrecision', precision]);
    if (date.until !== undefined) columns.push(['endDate', firstDay(date.until)]);
    columns.push(typed('dateInferred', date.inferred));
    if (date.source !== undefined) columns.push(['dateSource', date.source]);
    if (date.note !== undefined) columns.push(['dateNote', date.note]);
  }
  columns.push(typed('evidenceSources', (evidence ?? []).map((e: any) => e.source)), typed('evidenceQuotes', (evidence ?? []).map((e: any) => e.quote ?? '')));
  for (const [key, value] of [...Object.entries(properties ?? {}), ...Object.entries(rest)]) columns.push(typed(key, value));
  return columns;
}

/** Writes the items as CSV files, one per header (rows with the same columns share a file), in the order sources, entities, relations. */
function writeCsv(dir: string, d: Dataset, ids: IdColumn): string[] {
  const files = new Map<string, { file: string; header: string[]; rows: string[][] }>();
  const groups: [string, 'source' | 'entity' | 'relation', any[]][] = [['1-sources', 'source', d.sources], ['2-entities', 'entity', d.entities], ['3-relations', 'relation', d.relations]];
  for (const [prefix, kind, items] of groups) {
    for (const item of items) {
      const columns = csvColumns(item, kind, ids);
      const header = columns.map(([h]) => h);
      const key = `${prefix} ${header.join(',')}`;
      let group = files.get(key);
      if (!group) {
        group = { file: path.join(dir, `${prefix}-${files.size}.csv`), header, rows: [] };
        files.set(key, group);
      }
      group.rows.push(columns.map(([, v]) => v));
    }
  }
  for (const { file, header, rows } of files.values()) writeFileSync(file, [header, ...rows].map(csvLine).join(''));
  return [...files.values()].map((f) => f.file);
}

/** Writes datasets and FtM lines into a folder as each way in reads them, and validates them there (no database). */
export class WaysIn {
  private counter = 0;

  /** `root` exists; the held text is written there. */
  constructor(private readonly root: string) {
    writeFileSync(path.join(root, 'text.txt'), FIXTURE_TEXT);
  }

  /** A copy whose held text is named by its absolute path, so every way in finds it wherever its files are. */
  private withText(d: Dataset): Dataset {
    const copy = structuredClone(d);
    for (const s of copy.sources) if (s.textFile) s.textFile = path.resolve(this.root, s.textFile);
    return copy;
  }

  /** Writes the dataset (or, for ftm, the lines) for a way in; answers what its validator is given. */
  write(way: Way, input: Dataset | FtmLine[]): string[] {
    const at = path.join(this.root, `${++this.counter}-${way}`);
    if (way === 'ftm') {
      writeFileSync(`${at}.ftm.json`, (input as FtmLine[]).map((l) => JSON.stringify(l)).join('\n') + '\n');
      return [`${at}.ftm.json`];
    }
    const d = this.withText(input as Dataset);
    if (way === 'yaml' || way === 'json' || way === 'ndjson') {
      writeFileSync(`${at}.${way}`, way === 'yaml' ? stringify(d) : way === 'json' ? JSON.stringify(d, null, 2) : ndjson(d));
      return [`${at}.${way}`];
    }
    mkdirSync(at);
    const files = writeCsv(at, d, way === 'admin' ? adminIds : plainIds);
    return way === 'admin' ? [at] : files;
  }

  /** Validates what write() wrote, as the way in does before any write; the issues, [] when valid. */
  validate(way: Way, files: string[]): Promise<DatasetIssue[]> {
    return issuesOf(() => {
      if (way === 'yaml' || way === 'json') return Promise.resolve().then(() => validateDatasetFile(files[0]!));
      if (way === 'ftm') return validateFtm(files);
      if (way === 'admin') return validateAdminFolder(files[0]!);
      return validateBulk(files);
    });
  }

  /** The issues a way in reports for a row's bad input (the dataset's, or FtM's own). */
  async check(way: Way, input: Dataset | FtmLine[]): Promise<DatasetIssue[]> {
    return this.validate(way, this.write(way, input));
  }
}
