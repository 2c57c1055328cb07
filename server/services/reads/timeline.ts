// The timeline's reads: a page of dated items in date order and their total, through the model's date indexes on our data, by each label's date property on a foreign one.
import type { Database, PlainNode, PlainRelationship, PlainValue } from '../../../db/database.ts';
import { namedQuery } from '../../../db/named-queries.ts';
import type { Model } from '../../../model/index.ts';
import { timelineSlices } from '../timeline-slices.ts';
import { asNumber, runNamed } from './run.ts';

export interface TimelineRow {
  item: PlainNode | PlainRelationship;
  kind: 'node' | 'relationship';
  type: string;
  precision: string;
  participants: { node: PlainNode; role: string }[];
  /** The first day of the item's period, when it is not the item's own `date` property (a foreign database's dates). */
  date?: string;
}

/** `date` minus one year, as an ISO date: no period without an end date lasts longer than a year. */
export function yearBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y - 1, m - 1, d));
  // 29 February has no twin a year before; the day before 1 March is early enough.
  if (day.getUTCMonth() !== m - 1) day.setUTCDate(0);
  return day.toISOString().slice(0, 10);
}

const PRECISION_RANK: Record<string, number> = { day: 0, month: 1 };
const TIMELINE_SLICES_AT_ONCE = 4;

/** Runs a query and answers its rows (the server's Database, or the benchmark's direct driver). */
export type ReadRows = (cypher: string, params: Record<string, unknown>) => Promise<Record<string, PlainValue>[]>;

/** One item of a slice's first page: what the timeline sorts by. */
interface SliceKey {
  elementId: string;
  kind: 'node' | 'relationship';
  date: string;
  precision: string;
  type: string;
  key: string;
}

/** The timeline's order (date, precision, kind, type, id), as the .cypher files sort: by UTF-16 code units. */
function timelineOrder(a: SliceKey, b: SliceKey): number {
  const keys = (r: SliceKey) => [r.date, PRECISION_RANK[r.precision] ?? 2, r.kind, r.type, r.key] as const;
  const [x, y] = [keys(a), keys(b)];
  for (let i = 0; i < x.length; i++) if (x[i]! !== y[i]!) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}

/**
 * Civic Graph's own data: one query per date index, rendered from the loaded model
 * (timeline-slices.ts), a few at a time; their first pages' keys are merged in the timeline's
 * order, and the page's items are then fetched once, with their participants.
 */
export async function timelineBySlices(
  read: ReadRows,
  model: Model,
  params: { from: string | null; to: string | null; types: string[] | null; limit: number },
): Promise<{ total: number; events: TimelineRow[] }> {
  const relationTypes = new Set(model.relations.map((r) => r.type));
  const wanted = (slice: { kind: string; relationType?: string }) =>
    !params.types || (slice.kind === 'node' ? params.types.some((t) => !relationTypes.has(t)) : params.types.includes(slice.relationType!));
  const filters = {
    from: params.from,
    lower: params.from ? yearBefore(params.from) : '0001-01-01',
    upper: params.to ?? '9999-12-31',
    types: params.types,
    limit: params.limit,
  };
  let total = 0;
  let page: SliceKey[] = [];
  const pending = timelineSlices(model).filter(wanted);
  // A few slices at a time: most of a slice's time is the round trip, but one request must not take the pool.
  const worker = async () => {
    for (let slice = pending.shift(); slice; slice = pending.shift()) {
      const rows = await read(slice.cypher, filters);
      total += asNumber(rows[0]?.total);
      const kind = slice.kind;
      const keys = rows.map((row) => ({
        elementId: String(row.elementId),
        kind,
        date: String(row.date),
        precision: String(row.precision),
        type: String(row.type),
        key: String(row.key),
      }));
      page = page.concat(keys).sort(timelineOrder).slice(0, params.limit);
    }
  };
  await Promise.all(Array.from({ length: TIMELINE_SLICES_AT_ONCE }, worker));
  if (!page.length) return { total, events: [] };
  const ids = (kind: SliceKey['kind']) => page.filter((k) => k.kind === kind).map((k) => k.elementId);
  const rows = await read(namedQuery('timeline-items').cypher, { nodes: ids('node'), relationships: ids('relationship') });
  const items = new Map(rows.map((row) => [(row.item as PlainNode | PlainRelationship).elementId, row]));
  const events: TimelineRow[] = [];
  for (const key of page) {
    const row = items.get(key.elementId);
    // An item deleted between the two reads is left out rather than shown half.
    if (!row) continue;
    events.push(timelineRow({ ...row, kind: key.kind, type: key.type, precision: key.precision }));
  }
  return { total, events };
}

function timelineRow(row: Record<string, PlainValue>): TimelineRow {
  return {
    item: row.item as PlainNode | PlainRelationship,
    kind: row.kind === 'relationship' ? 'relationship' : 'node',
    type: String(row.type),
    precision: String(row.precision),
    participants: (row.participants as unknown as TimelineRow['participants']) ?? [],
  };
}

/**
 * The timeline page and its total. On Civic Graph's own data (`indexed` by its model) it goes through the date
 * indexes; on a foreign graph, whose dates are not indexed, timeline.cypher scans every item.
 */
export async function timeline(
  db: Database,
  params: { from: string | null; to: string | null; types: string[] | null; limit: number },
  indexed: Model | undefined,
): Promise<{ total: number; events: TimelineRow[] }> {
  if (indexed) return timelineBySlices(async (cypher, p) => (await db.read(cypher, p)).rows, indexed, params);
  const { limit, ...filters } = params;
  const [page, count] = await Promise.all([runNamed(db, 'timeline', { ...filters, limit }), runNamed(db, 'timeline-count', filters)]);
  return { total: asNumber(count.rows[0]?.total), events: page.rows.map(timelineRow) };
}

/** A label of a foreign database and the property (and its format) that dates its nodes. */
export interface DatedLabel {
  label: string;
  property: string;
  format: string;
}

const FOREIGN_TIMELINE_LABELS_AT_ONCE = 3;

/**
 * A foreign database's timeline: each label's nodes by its date property, read by format in
 * timeline-dated-label.cypher (ISO keys, so any value is safe), a few labels at a time; their first
 * pages merged in date order, then the page's items fetched once with their participants.
 */
export async function timelineByDateProperties(
  db: Database,
  dated: readonly DatedLabel[],
  params: { from: string | null; to: string | null; types: string[] | null; limit: number },
): Promise<{ total: number; events: TimelineRow[] }> {
  const pending = dated.filter((d) => !params.types || params.types.includes(d.label));
  let total = 0;
  let page: SliceKey[] = [];
  const worker = async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      const { rows } = await runNamed(db, 'timeline-dated-label', { label: next.label, property: next.property, format: next.format, from: params.from, to: params.to, limit: params.limit });
      total += asNumber(rows[0]?.total);
      const keys = ((rows[0]?.page as { elementId: string; date: string; precision: string }[] | null) ?? []).map((k) => ({
        elementId: String(k.elementId),
        kind: 'node' as const,
        date: String(k.date),
        precision: String(k.precision),
        type: next.label,
        key: String(k.elementId),
      }));
      page = page.concat(keys).sort(timelineOrder).slice(0, params.limit);
    }
  };
  await Promise.all(Array.from({ length: FOREIGN_TIMELINE_LABELS_AT_ONCE }, worker));
  if (!page.length) return { total, events: [] };
  const { rows } = await runNamed(db, 'timeline-items', { nodes: page.map((k) => k.elementId), relationships: [] });
  const items = new Map(rows.map((row) => [(row.item as PlainNode).elementId, row]));
  const events: TimelineRow[] = [];
  for (const key of page) {
    const row = items.get(key.elementId);
    if (!row) continue;
    events.push({ ...timelineRow({ ...row, kind: 'node', type: key.type, precision: key.precision }), date: key.date });
  }
  return { total, events };
}
