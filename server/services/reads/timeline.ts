// The timeline's reads: a page of dated items in date order and their total, through the model's date indexes on our data, by each label's date property on a foreign one.
import type { Database, PlainNode, PlainRelationship, PlainValue } from '../../../db/database.ts';
import { namedQuery } from '../../../db/named-queries.ts';
import type { Model } from '../../../model/index.ts';
import { timelineSlices } from '../timeline-slices.ts';
import { asNumber, runNamed, SEE_ALL, seenParams, seenSources, type Datasets, type Seen, type Statuses } from './run.ts';

export interface TimelineRow {
  item: PlainNode | PlainRelationship;
  kind: 'node' | 'relationship';
  type: string;
  precision: string;
  participants: { node: PlainNode; role: string }[];
  /** The first day of the item's period, when it is not the item's own `date` property (a foreign database's dates). */
  date?: string;
  /** The sources the item's evidence cites that the caller may see (absent: all of them). */
  sources?: string[];
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

/** One first page (a slice's, or a foreign label's): how many items it has in all, and the keys of its first items. */
interface FirstPage {
  total: number;
  keys: SliceKey[];
}

/**
 * The one merge of the timeline: the first pages are read `atOnce` at a time (most of a read's time
 * is the round trip, but one request must not take the pool), their keys merged in the timeline's
 * order down to `limit`, and the page's items then fetched once, with their participants.
 * `datedByKey`: the event's date is the key's (a foreign database's dates are not the `date` property).
 */
async function mergeFirstPages(
  read: ReadRows,
  firstPages: (() => Promise<FirstPage>)[],
  options: { atOnce: number; limit: number; datedByKey: boolean; seen: Seen },
): Promise<{ total: number; events: TimelineRow[] }> {
  const pending = [...firstPages];
  let total = 0;
  let page: SliceKey[] = [];
  const worker = async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      const first = await next();
      total += first.total;
      page = page.concat(first.keys).sort(timelineOrder).slice(0, options.limit);
    }
  };
  await Promise.all(Array.from({ length: options.atOnce }, worker));
  if (!page.length) return { total, events: [] };
  const ids = (kind: SliceKey['kind']) => page.filter((k) => k.kind === kind).map((k) => k.elementId);
  const rows = await read(namedQuery('timeline-items').cypher, { nodes: ids('node'), relationships: ids('relationship'), ...seenParams(options.seen) });
  const items = new Map(rows.map((row) => [(row.item as PlainNode | PlainRelationship).elementId, row]));
  const events: TimelineRow[] = [];
  for (const key of page) {
    const row = items.get(key.elementId);
    // An item deleted between the two reads (or moved out of the caller's datasets) is left out rather than shown half.
    if (!row) continue;
    const event = { ...timelineRow({ ...row, kind: key.kind, type: key.type, precision: key.precision }), ...seenSources(row.sources) };
    events.push(options.datedByKey ? { ...event, date: key.date } : event);
  }
  return { total, events };
}

/** A timeline window: its ISO bounds (null: open), the types asked for, the page's size, and what the caller sees. */
export interface TimelineParams {
  from: string | null;
  to: string | null;
  types: string[] | null;
  limit: number;
  datasets: Datasets;
  statuses: Statuses;
}

/**
 * Civic Graph's own data: one query per date index, rendered from the loaded model
 * (timeline-slices.ts), a few at a time, merged (mergeFirstPages). Each slice counts and pages only
 * what the caller sees (`datasets`, `statuses`).
 */
export async function timelineBySlices(read: ReadRows, model: Model, params: TimelineParams): Promise<{ total: number; events: TimelineRow[] }> {
  const relationTypes = new Set(model.relations.map((r) => r.type));
  const wanted = (slice: { kind: string; relationType?: string }) =>
    !params.types || (slice.kind === 'node' ? params.types.some((t) => !relationTypes.has(t)) : params.types.includes(slice.relationType!));
  const filters = {
    from: params.from,
    lower: params.from ? yearBefore(params.from) : '0001-01-01',
    upper: params.to ?? '9999-12-31',
    types: params.types,
    limit: params.limit,
    ...seenParams(params),
  };
  const firstPages = timelineSlices(model)
    .filter(wanted)
    .map((slice) => async (): Promise<FirstPage> => {
      const rows = await read(slice.cypher, filters);
      const keys = rows.map((row) => ({
        elementId: String(row.elementId),
        kind: slice.kind,
        date: String(row.date),
        precision: String(row.precision),
        type: String(row.type),
        key: String(row.key),
      }));
      return { total: asNumber(rows[0]?.total), keys };
    });
  return mergeFirstPages(read, firstPages, { atOnce: TIMELINE_SLICES_AT_ONCE, limit: params.limit, datedByKey: false, seen: params });
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
export async function timeline(db: Database, params: TimelineParams, indexed: Model | undefined): Promise<{ total: number; events: TimelineRow[] }> {
  if (indexed) return timelineBySlices(readRows(db), indexed, params);
  const { limit, ...filters } = params;
  const [page, count] = await Promise.all([runNamed(db, 'timeline', { ...filters, limit }), runNamed(db, 'timeline-count', filters)]);
  return { total: asNumber(count.rows[0]?.total), events: page.rows.map((row) => ({ ...timelineRow(row), ...seenSources(row.sources) })) };
}

/** The server's Database as a ReadRows. */
function readRows(db: Database): ReadRows {
  return async (cypher, params) => (await db.read(cypher, params)).rows;
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
 * timeline-dated-label.cypher (ISO keys, so any value is safe), a few labels at a time, merged
 * (mergeFirstPages) with each event dated by its key. A database someone else built is one unit of
 * access: only a caller who reads all of it gets here, so nothing is filtered.
 */
export async function timelineByDateProperties(
  db: Database,
  dated: readonly DatedLabel[],
  params: { from: string | null; to: string | null; types: string[] | null; limit: number },
): Promise<{ total: number; events: TimelineRow[] }> {
  const read = readRows(db);
  const firstPages = dated
    .filter((d) => !params.types || params.types.includes(d.label))
    .map((next) => async (): Promise<FirstPage> => {
      const rows = await read(namedQuery('timeline-dated-label').cypher, { label: next.label, property: next.property, format: next.format, from: params.from, to: params.to, limit: params.limit });
      const keys = ((rows[0]?.page as { elementId: string; date: string; precision: string }[] | null) ?? []).map((k) => ({
        elementId: String(k.elementId),
        kind: 'node' as const,
        date: String(k.date),
        precision: String(k.precision),
        type: next.label,
        key: String(k.elementId),
      }));
      return { total: asNumber(rows[0]?.total), keys };
    });
  return mergeFirstPages(read, firstPages, { atOnce: FOREIGN_TIMELINE_LABELS_AT_ONCE, limit: params.limit, datedByKey: true, seen: SEE_ALL });
}
