// Partial dates (day, month or year precision): parsing, calendar checks, and the first day of the period.
import type { DatePrecision } from './index.ts';

export interface PartialDate {
  /** The first day of the period, YYYY-MM-DD (what Neo4j stores as a DATE). */
  first: string;
  precision: DatePrecision;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses `2024-03-06`, `2024-03` or `2024`; returns an error message instead when it is not a real date. */
export function parsePartialDate(value: string): PartialDate | string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return `'${value}' is not a date written YYYY-MM-DD, YYYY-MM or YYYY`;
  const [, y, m, d] = match;
  const year = Number(y);
  if (year < 1000) return `'${value}' has an implausible year`;
  if (m === undefined) return { first: `${y}-01-01`, precision: 'year' };
  const month = Number(m);
  if (month < 1 || month > 12) return `'${value}' has no month ${m}`;
  if (d === undefined) return { first: `${y}-${m}-01`, precision: 'month' };
  const day = Number(d);
  if (day < 1 || day > daysInMonth(year, month)) return `'${value}' does not exist (${y}-${m} has ${daysInMonth(year, month)} days)`;
  return { first: `${y}-${m}-${d}`, precision: 'day' };
}
