// The time histogram's reads: dated items counted per month span, through the model's date indexes on our data, by each label's date property on a foreign one.
import type { Database } from '../../../db/database.ts';
import type { Model } from '../../../model/index.ts';
import { histogramSlices } from '../histogram-slices.ts';
import type { DatedLabel } from './timeline.ts';
import { asNumber, runNamed, SEE_ALL, seenParams, type Seen } from './run.ts';

/** Items whose period runs from month `first` to month `last` (year * 12 + month - 1), of one type, stated or inferred. */
export interface MonthSpan {
  first: number;
  last: number;
  inferred: boolean;
  type: string;
  kind: 'node' | 'relationship';
  items: number;
}

/** Slices (or labels) read at once: most of a read is Neo4j's own work, and one histogram must not take the pool. */
const AT_ONCE = 3;

async function inTurn<T, R>(items: readonly T[], read: (item: T) => Promise<R[]>): Promise<R[]> {
  const pending = [...items];
  const out: R[] = [];
  const worker = async () => {
    for (let next = pending.shift(); next !== undefined; next = pending.shift()) out.push(...(await read(next)));
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  return out;
}

/** Civic Graph's own data: one count per date index (histogram-slices.ts), of what the caller sees (`seen`). */
export function histogramBySlices(db: Database, model: Model, seen: Seen = SEE_ALL): Promise<MonthSpan[]> {
  return inTurn(histogramSlices(model), async (slice) => {
    const { rows } = await db.read(slice.cypher, seenParams(seen));
    return rows.map((row) => ({
      first: asNumber(row.firstMonth),
      last: asNumber(row.lastMonth),
      inferred: row.inferred === true,
      type: String(row.type),
      kind: slice.kind,
      items: asNumber(row.items),
    }));
  });
}

/** 'YYYY-MM' as a month number (year * 12 + month - 1). */
export const monthNumber = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** A foreign database: each dated label's nodes per month of its date property (histogram-dated-label.cypher), never inferred, never a span. */
export function histogramByDateProperties(db: Database, dated: readonly DatedLabel[]): Promise<MonthSpan[]> {
  return inTurn(dated, async (d) => {
    const { rows } = await runNamed(db, 'histogram-dated-label', { label: d.label, property: d.property, format: d.format });
    return rows.map((row) => {
      const month = monthNumber(String(row.month));
      return { first: month, last: month, inferred: false, type: d.label, kind: 'node' as const, items: asNumber(row.items) };
    });
  });
}
