// The date rule: an item's partial date, its precision, the end of a span, and the source the date is credited to.
import type { DateInput, DatePrecision, EvidenceInput } from '../../model/index.ts';
import { parsePartialDate } from '../../model/dates.ts';
import type { Report } from './issues.ts';

export interface ResolvedDate {
  /** First day of the period, YYYY-MM-DD. */
  date: string;
  precision: DatePrecision;
  inferred: boolean;
  endDate?: string;
  source?: string;
  note?: string;
}

/** The item's date resolved to its first day, or undefined when it has none or `on` is no date (reported). */
export function checkDate(date: DateInput | undefined, evidence: EvidenceInput[], report: Report): ResolvedDate | undefined {
  if (!date) return undefined;
  const on = parsePartialDate(date.on);
  if (typeof on === 'string') {
    report('date.on', on);
    return undefined;
  }
  if (date.precision && date.precision !== on.precision) {
    report('date.precision', `says '${date.precision}' but date.on '${date.on}' is written with ${on.precision} precision`);
  }
  let endDate: string | undefined;
  if (date.until !== undefined) {
    const until = parsePartialDate(date.until);
    if (typeof until === 'string') report('date.until', until);
    else if (until.precision !== on.precision) report('date.until', `'${date.until}' must have the same precision as date.on (${on.precision})`);
    else if (until.first < on.first) report('date.until', `'${date.until}' is before date.on '${date.on}'`);
    else endDate = until.first;
  }
  if (date.source !== undefined && !evidence.some((e) => e.source === date.source)) {
    report('date.source', `'${date.source}' must be one of this item's evidence sources (${[...new Set(evidence.map((e) => e.source))].join(', ')})`);
  }
  return {
    date: on.first,
    precision: on.precision,
    inferred: date.inferred,
    ...(endDate ? { endDate } : {}),
    ...(date.source ? { source: date.source } : {}),
    ...(date.note ? { note: date.note } : {}),
  };
}
