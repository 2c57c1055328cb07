// Turns the validated rows of an import (ingest/rows.ts, the one row builder) into CSV files for Neo4j's
// offline importer, storing exactly what the transactional writer stores, or saying why it cannot.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ENTITY_LABEL, SOURCE_LABEL } from '../../model/index.ts';
import type { StoredRelationRow } from '../rows.ts';
import { identifier, type JournalKind } from './runs.ts';
import { LineSink } from './line-sink.ts';
import type { SpoolEntry } from './spool.ts';

/** Splits list cells (and nothing the validated text may hold: it is a control character). */
export const ARRAY_DELIMITER = '\u001f';

/**
 * The rows hold a value the importer's CSV cannot carry exactly; the caller falls back to the
 * transactional path. Not in the error family (model/errors.ts): it is a signal between the offline
 * path and its caller, which always catches it, never a failure anyone is told of.
 */
export class OfflineUnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfflineUnsupportedError';
  }
}

type CellType = 'string' | 'long' | 'double' | 'boolean' | 'date' | 'string[]' | 'long[]' | 'double[]' | 'boolean[]';

/**
 * Lists the importer cannot write: it reads an empty cell as "no property", so [] and [''] (one empty
 * string) are set afterwards in Cypher, as the transactional writer sets them. One fix-up per label or
 * type and set of such keys, with the ids of the elements it applies to.
 */
export interface ListFixup {
  kind: JournalKind;
  group: string;
  /** Each key and the list it takes. */
  values: Record<string, [] | ['']>;
  ids: string[];
}

interface GroupFile {
  kind: JournalKind;
  group: string;
  data: string;
  header: string;
  sink: LineSink;
  /** Property columns in order of first appearance; a row written before a column appeared is simply shorter. */
  columns: Map<string, { index: number; type?: CellType }>;
  rows: number;
  /** Ids by the lists they take afterwards (a JSON signature such as [["aliases",0],["aliasLanguages",1]]: 0 is [], 1 is ['']). */
  fixups: Map<string, string[]>;
}

export interface OfflineFiles {
  /** `--nodes=...` and `--relationships=...` arguments for the importer. */
  args: string[];
  fixups: ListFixup[];
  /** Some text holds a line break: the importer must read multi-line fields (slower). */
  multiline: boolean;
  counts: { sources: number; entities: number; relations: number };
}

const LIST_OF = { string: 'string[]', long: 'long[]', double: 'double[]', boolean: 'boolean[]' } as const;

function cellType(value: unknown): CellType | 'empty-list' | undefined {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  // db/database.ts sends safe integers as Neo4j integers and every other number as a float.
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'long' : 'double';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'empty-list';
    // Every item of one scalar type (a loop, not a Set: this runs for every list of every row).
    const only = cellType(value[0]);
    for (let i = 1; i < value.length; i++) if (cellType(value[i]) !== only) return undefined;
    return only === 'string' || only === 'long' || only === 'double' || only === 'boolean' ? LIST_OF[only] : undefined;
  }
  return undefined;
}

const quote = (text: string) => (text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`);

/** Property names a header column and a Cypher fix-up can carry as they are. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Writes one CSV file per label, per relationship type and for the sources, with its header in a file of its own. */
export class OfflineCsvWriter {
  private readonly groups = new Map<string, GroupFile>();
  private multiline = false;
  private sawBarrier = false;
  /** The row being written: its cells (holes are empty cells) and its lists to set afterwards. */
  private readonly cells: (string | undefined)[] = [];
  private readonly fixes: [string, 0 | 1][] = [];
  /** Property names already checked against PLAIN_KEY. */
  private readonly plainKeys = new Set<string>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** The spool's interface: the validation pass hands every valid row here instead of to a spool file. */
  async write(entry: SpoolEntry): Promise<void> {
    if ('barrier' in entry) {
      this.sawBarrier = true;
      return;
    }
    const file = this.file(entry.kind, entry.group);
    file.rows++;
    // Hot path (millions of rows): one reused cell array, plain loops, no closure per row.
    const cells = this.cells;
    cells.length = 0;
    const row = entry.row;
    if (entry.kind === 'relation') {
      const r = row as StoredRelationRow;
      cells.push(this.text(r.from), this.text(r.to));
    }
    const offset = cells.length;
    const fixes = this.fixes;
    fixes.length = 0;
    const props = row.props;
    for (const key in props) {
      const value = props[key];
      this.put(file, entry.group, row.id, offset, key, value, cellType(value));
    }
    const dates = row.dates;
    for (const key in dates) {
      const value = dates[key];
      this.put(file, entry.group, row.id, offset, key, value, value === null ? undefined : 'date');
    }
    if (fixes.length) {
      const signature = JSON.stringify(fixes);
      const ids = file.fixups.get(signature) ?? [];
      file.fixups.set(signature, ids);
      ids.push(row.id);
    }
    // join() writes a hole as an empty cell, and makes one flat string (not a rope of cells).
    await file.sink.write(cells.join(',') + '\n');
  }

  /** One property's cell in this.cells, or its fix-up in this.fixes; throws what the importer cannot carry. */
  private put(file: GroupFile, group: string, id: string, offset: number, key: string, value: unknown, type: CellType | 'empty-list' | undefined): void {
    if (value === null || value === undefined) return;
    // A header names a column `key:type`, and fix-ups splice keys into Cypher: plain names only.
    if (!this.plainKeys.has(key)) {
      if (!PLAIN_KEY.test(key)) throw new OfflineUnsupportedError(`${group} ${id}: property name ${JSON.stringify(key)} cannot be a CSV header column`);
      this.plainKeys.add(key);
    }
    if (type === undefined) throw new OfflineUnsupportedError(`${group} ${id}: property ${key} holds a value the importer cannot store (${JSON.stringify(value).slice(0, 60)})`);
    if (type === 'empty-list' || (type === 'string[]' && (value as string[]).length === 1 && (value as string[])[0] === '')) {
      this.fixes.push([key, type === 'empty-list' ? 0 : 1]);
      return;
    }
    let column = file.columns.get(key);
    if (!column) {
      column = { index: file.columns.size };
      file.columns.set(key, column);
    }
    column.type ??= type;
    if (column.type !== type) throw new OfflineUnsupportedError(`${group} ${id}: property ${key} is ${type} here and ${column.type} on an earlier row; one CSV column holds one type`);
    this.cells[offset + column.index] = this.cell(value, type);
  }

  /** Closes the files, writes the headers and answers the importer's arguments and the lists to set afterwards. */
  async close(): Promise<OfflineFiles> {
    const args: string[] = [];
    const fixups: ListFixup[] = [];
    const counts = { sources: 0, entities: 0, relations: 0 };
    for (const file of this.groups.values()) {
      await file.sink.close();
      const columns = [...file.columns.entries()].sort((a, b) => a[1].index - b[1].index);
      const props = columns.map(([key, c]) => (key === 'id' && file.kind !== 'relation' ? `id:ID(${file.kind === 'source' ? SOURCE_LABEL : ENTITY_LABEL})` : `${key}:${c.type}`));
      const ends = file.kind === 'relation' ? [`:START_ID(${ENTITY_LABEL})`, `:END_ID(${ENTITY_LABEL})`] : [];
      const sink = new LineSink(file.header);
      await sink.write([...ends, ...props].join(',') + '\n');
      await sink.close();
      if (file.kind === 'relation') {
        args.push(`--relationships=${identifier(file.group)}=${file.header},${file.data}`);
        counts.relations += file.rows;
      } else {
        const labels = file.kind === 'source' ? SOURCE_LABEL : `${ENTITY_LABEL}:${identifier(file.group)}`;
        args.push(`--nodes=${labels}=${file.header},${file.data}`);
        counts[file.kind === 'source' ? 'sources' : 'entities'] += file.rows;
      }
      for (const [signature, ids] of file.fixups) {
        const values: ListFixup['values'] = {};
        for (const [key, which] of JSON.parse(signature) as [string, 0 | 1][]) values[key] = which === 0 ? [] : [''];
        fixups.push({ kind: file.kind, group: file.group, values, ids });
      }
    }
    if (!this.sawBarrier && counts.relations) throw new Error('offline CSV: relationship rows came without the node barrier');
    return { args, fixups, multiline: this.multiline, counts };
  }

  private file(kind: JournalKind, group: string): GroupFile {
    const key = `${kind}:${group}`;
    let file = this.groups.get(key);
    if (!file) {
      const base = path.join(this.dir, `${kind}-${identifier(group)}`);
      file = { kind, group, data: `${base}.csv`, header: `${base}-header.csv`, sink: new LineSink(`${base}.csv`), columns: new Map(), rows: 0, fixups: new Map() };
      this.groups.set(key, file);
    }
    return file;
  }

  private text(value: string): string {
    if (!this.multiline && (value.includes('\n') || value.includes('\r'))) this.multiline = true;
    return quote(value);
  }

  private cell(value: unknown, type: CellType): string {
    switch (type) {
      case 'string':
      case 'date':
        return this.text(value as string);
      case 'string[]': {
        const items = value as string[];
        for (const item of items) {
          if (item.includes(ARRAY_DELIMITER)) throw new OfflineUnsupportedError(`a list value holds the importer's list delimiter U+001F`);
        }
        return this.text(items.join(ARRAY_DELIMITER));
      }
      case 'long[]':
      case 'double[]':
      case 'boolean[]':
        return (value as unknown[]).map(String).join(ARRAY_DELIMITER);
      case 'double': {
        // Shortest round-trip form; Java's Double.parseDouble reads it back to the same double.
        return String(value);
      }
      default:
        return String(value);
    }
  }
}
