// Dated items per month for the time histogram: stated and inferred dates counted apart, a period in every month it spans.
import type { TimelineEvent } from '../api.ts';

export function monthCounts(events: readonly Pick<TimelineEvent, 'date' | 'endDate' | 'inferred'>[], months: readonly string[]): { stated: number; inferred: number }[] {
  const index = new Map(months.map((m, i) => [m, i]));
  const counts = months.map(() => ({ stated: 0, inferred: 0 }));
  for (const event of events) {
    const first = index.get(event.date.slice(0, 7));
    const last = index.get((event.endDate ?? event.date).slice(0, 7)) ?? first;
    if (first === undefined || last === undefined) continue;
    for (let i = first; i <= last; i++) counts[i]![event.inferred ? 'inferred' : 'stated']++;
  }
  return counts;
}

/** Items per month and per label or relationship type, for bars stacked by what happened. */
export function monthGroups(events: readonly Pick<TimelineEvent, 'date' | 'endDate' | 'type'>[], months: readonly string[]): Map<string, number>[] {
  const index = new Map(months.map((m, i) => [m, i]));
  const groups = months.map(() => new Map<string, number>());
  for (const event of events) {
    const first = index.get(event.date.slice(0, 7));
    const last = index.get((event.endDate ?? event.date).slice(0, 7)) ?? first;
    if (first === undefined || last === undefined) continue;
    for (let i = first; i <= last; i++) groups[i]!.set(event.type, (groups[i]!.get(event.type) ?? 0) + 1);
  }
  return groups;
}
