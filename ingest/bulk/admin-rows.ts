// neo4j-admin folders: one row of a neo4j-admin file rewritten as our item (ids, names, evidence).
import { createHash } from 'node:crypto';
import type { CsvLayout, RawItem } from './format.ts';
import { datasetId, labelName, propertyName, slug, typeName } from './admin-names.ts';

export interface RowRewrite {
  idType: 'string' | 'integer';
  /** Caption column per (renamed) label: the stored name comes from it. */
  captionColumn: Map<string, string>;
  source?: string;
}

export function columnOf(layout: CsvLayout, role: 'id' | 'start' | 'end') {
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
