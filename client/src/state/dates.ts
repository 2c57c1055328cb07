// Dates as the dataset stores them (first day of a period, a precision, stated or inferred): periods and readable text.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export type Precision = 'day' | 'month' | 'year';

export function asPrecision(value: unknown): Precision {
  return value === 'month' || value === 'year' ? value : 'day';
}

/** "20 December 2023", "December 2023" or "2023", as precise as the source allows. */
export function formatDate(date: string, precision: Precision = 'day'): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y) return date;
  if (precision === 'year' || !m) return String(y);
  const month = MONTHS[m - 1] ?? String(m);
  if (precision === 'month' || !d) return `${month} ${y}`;
  return `${d} ${month} ${y}`;
}

/** The last day (YYYY-MM-DD) of the period that starts on `date`. */
export function periodEnd(date: string, precision: Precision): string {
  const [y = 0, m = 1] = date.split('-').map(Number);
  if (precision === 'year') return `${pad(y, 4)}-12-31`;
  if (precision === 'month') return `${pad(y, 4)}-${pad(m, 2)}-${pad(daysInMonth(y, m), 2)}`;
  return date.slice(0, 10);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The dated period of an element from its properties, or null when it carries no date. */
export function periodOf(properties: Record<string, unknown>): { start: string; end: string; precision: Precision; inferred: boolean } | null {
  const date = properties.date;
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(date)) return null;
  const precision = asPrecision(properties.datePrecision);
  const endDate = typeof properties.endDate === 'string' ? properties.endDate : null;
  return { start: date.slice(0, 10), end: periodEnd(endDate ?? date, precision), precision, inferred: properties.dateInferred === true };
}

/** 'YYYY-MM' months from the first to the last, inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y = 0, m = 1] = first.split('-').map(Number);
  const [ly = 0, lm = 1] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${pad(y, 4)}-${pad(m, 2)}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    if (out.length > 1200) break;
  }
  return out;
}

export function formatMonth(month: string): string {
  return formatDate(`${month}-01`, 'month');
}
