// The TIME panel's bars from the server's histogram (GET /api/timeline/histogram): every month from the first dated item to the last, stated and inferred apart, and per label or relationship type.
import type { Histogram } from '../api.ts';
import { monthsBetween } from './dates.ts';

export interface HistogramBars {
  /** Every month from the first that has items to the last ('YYYY-MM'), empty ones included. */
  months: string[];
  /** Per month: items with a stated date and with an inferred one. */
  counts: { stated: number; inferred: number }[];
  /** Per month: items per label or relationship type. */
  groups: Map<string, number>[];
  /** Whether each type is a node label or a relationship type (for its colour). */
  kinds: Map<string, 'node' | 'relationship'>;
  /** Dated items in the database. */
  total: number;
}

/** The bars of a histogram; the server lists only the months that have items, the panel shows the gaps too. */
export function histogramBars(histogram: Histogram): HistogramBars {
  const kinds = new Map(Object.entries(histogram.kinds));
  const first = histogram.months[0]?.month;
  const last = histogram.months[histogram.months.length - 1]?.month;
  if (!first || !last) return { months: [], counts: [], groups: [], kinds, total: histogram.total };
  const months = monthsBetween(first, last);
  const byMonth = new Map(histogram.months.map((m) => [m.month, m] as const));
  return {
    months,
    counts: months.map((month) => ({ stated: byMonth.get(month)?.stated ?? 0, inferred: byMonth.get(month)?.inferred ?? 0 })),
    groups: months.map((month) => new Map(Object.entries(byMonth.get(month)?.byType ?? {}))),
    kinds,
    total: histogram.total,
  };
}
