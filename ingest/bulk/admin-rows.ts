// neo4j-admin folders: one row of a neo4j-admin file rewritten as our item (ids, names, evidence).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { RESERVED_PROPERTIES, STORED } from '../../model/index.ts';
import type { CsvColumn, CsvLayout, RawItem } from './format.ts';
import { integerIds } from './header.ts';
import { datasetId, labelName, propertyName, slug, typeName } from './admin-names.ts';

/** How a label's rows are named: the columns the stored name joins (one, or a person's two name parts; `:ID` for the id). */
export interface NameRule {
  columns: string[];
  /** Where a `name` column that is one of two parts is kept (`givenName`, `familyName`), the stored name joining both. */
  keepNameAs?: string;
}

export interface RowRewrite {
  idType: 'string' | 'integer';
  /** Id spaces ('' for the default one) whose :ID column asks for whole-number ids (`id:ID(Case){id-type:long}`). */
  integerSpaces: ReadonlySet<string>;
  /** Per (renamed) label. */
  names: Map<string, NameRule>;
  source?: string;
}

export function columnOf(layout: CsvLayout, role: 'id' | 'start' | 'end'): CsvColumn | undefined {
  return layout.columns.find((c) => c.role === role);
}

/** The property a key of a row's properties is stored under: camelCase, a reserved name (`id` beside a bare :ID) with `Value` after it. */
export function storedName(key: string): string {
  const name = propertyName(key);
  return RESERVED_PROPERTIES.has(name) ? `${name}Value` : name;
}

/**
 * How ids of a column's id space are read, and why: whole numbers by --id-type integer or by the space's
 * `{id-type:long}`, else text. A composite id (several :ID columns) is text whatever they say, as in neo4j-admin.
 */
export function idTypeOf(column: CsvColumn | undefined, rewrite: Pick<RowRewrite, 'idType' | 'integerSpaces'>, composite = false): { idType: 'string' | 'integer'; why?: string } {
  if (composite) return { idType: 'string' };
  if (rewrite.idType === 'integer') return { idType: 'integer' };
  if (column && (integerIds(column) || rewrite.integerSpaces.has(column.group ?? ''))) return { idType: 'integer', why: `id-type ${column.options?.['id-type'] ?? 'long'} of id space ${column.group || '(default)'}` };
  return { idType: 'string' };
}

/**
 * The id of a node row without an :ID column (neo4j-admin imports it, unconnected): its file and line,
 * `people/line-12`, so that a rerun of the same files finds it again.
 */
export function rowId(file: string, at: string): string {
  const stem = path.basename(file).replace(/\.csv(\.gz|\.zip)?$/i, '');
  return `${slug(stem) || 'rows'}/${slug(at)}`;
}

/** A list of numbers or booleans is kept as a list of text (the model's lists hold text). */
function modelValue(value: unknown): unknown {
  return Array.isArray(value) ? value.map(String) : value;
}

const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * One row of a neo4j-admin file as our item: ids in their id spaces as slugs, labels and types and
 * property names in the model's naming, the name from the caption column(s), a generated relation id
 * (from type, ends and values, so a rerun finds it again), and the folder's document-level evidence.
 */
export function rewriteRow(item: RawItem, layout: CsvLayout, rewrite: RowRewrite, file: string): RawItem {
  if (item.kind === 'source') return item;
  const raw = { ...item.raw };
  const problems = [...item.problems];
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((raw.properties as Record<string, unknown> | undefined) ?? {})) properties[storedName(key)] = modelValue(value);
  const mapId = (column: CsvColumn | undefined, value: unknown, field: string, composite = false) => {
    if (typeof value !== 'string') return value;
    const { idType, why } = idTypeOf(column, rewrite, composite);
    const mapped = datasetId(value, column?.group, idType, why);
    if (mapped.error) problems.push({ field, message: mapped.error });
    return mapped.id ?? value;
  };
  if (item.kind === 'entity') {
    const idColumn = columnOf(layout, 'id');
    const original = idColumn ? raw.id : rowId(file, item.at);
    const composite = layout.columns.filter((c) => c.role === 'id').length > 1;
    raw.id = idColumn ? mapId(idColumn, original, `${idColumn.name}:ID`, composite) : original;
    if (typeof raw.type === 'string') raw.type = labelName(raw.type);
    const rule = rewrite.names.get(String(raw.type));
    if (rule && rule.columns.length > 1) {
      const parts = rule.columns.map((column) => (column === STORED.name ? raw.name : properties[column])).filter(text);
      if (rule.keepNameAs && raw.name !== undefined) properties[rule.keepNameAs] = raw.name;
      raw.name = parts.length ? parts.map((p) => p.trim()).join(' ') : original;
    } else if (raw.name === undefined) {
      const value = rule ? properties[rule.columns[0]!] : undefined;
      raw.name = text(value) ? value : original;
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
