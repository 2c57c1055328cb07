// What FtM and our storage write differently: ids (FtM allows [0-9a-zA-Z.-], ours are slugs with / and _)
// and dates (FtM's prefixes, whose length is their precision, against our first day plus precision).
import { ID_PATTERN, type DatePrecision } from '../../model/index.ts';
import { parsePartialDate } from '../../model/dates.ts';

/**
 * Our id as an FtM id, reversibly: our ids never hold `--` or `..` (separators stand between letters or
 * digits), so `/` is written `--` and `_` is written `..` (`org/aeem` <-> `org--aeem`).
 */
export function toFtmId(id: string): string {
  return id.replace(/\//g, '--').replace(/_/g, '..');
}

/** An FtM id as ours: the reverse of toFtmId, lower-cased (FtM ids from elsewhere may carry capitals). */
export function fromFtmId(id: string): string | { error: string } {
  const ours = id.replace(/--/g, '/').replace(/\.\./g, '_').toLowerCase();
  if (!ID_PATTERN.test(ours)) return { error: `FtM id '${id}' cannot be a dataset id (letters, digits, '.' and '-', starting and ending with a letter or digit)` };
  return ours;
}

/** FtM's date prefix precisions, by length: 4 year, 7 month, 10 day (times are cut to the day). */
export function parseFtmDate(value: string): { on: string; precision: DatePrecision } | { error: string } {
  const text = value.trim();
  const match = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T[\d:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (!match) return { error: `'${value}' is not an FtM date (YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time)` };
  const parsed = parsePartialDate(match[1]!);
  if (typeof parsed === 'string') return { error: parsed };
  return { on: match[1]!, precision: parsed.precision };
}

/** Our stored date (first day of its period) and precision as FtM's prefix: 2024-03-01 + month -> 2024-03. */
export function toFtmDate(first: string, precision: string | undefined): string {
  const day = first.slice(0, 10);
  if (precision === 'year') return day.slice(0, 4);
  if (precision === 'month') return day.slice(0, 7);
  return day;
}

const FINER: Record<DatePrecision, number> = { year: 0, month: 1, day: 2 };

/** A prefix cut or widened to a precision: the end of a span stays inside (cut) or covers (last sub-period) what was said. */
export function atPrecision(prefix: string, from: DatePrecision, to: DatePrecision): string {
  if (FINER[from] >= FINER[to]) return prefix.slice(0, to === 'year' ? 4 : to === 'month' ? 7 : 10);
  // Widen: 2021 -> 2021-12 (month) or 2021-12-31 (day); 2021-02 -> 2021-02-28.
  const [y, m] = prefix.split('-');
  const month = m ?? '12';
  if (to === 'month') return `${y}-${month}`;
  const last = new Date(Date.UTC(Number(y), Number(month), 0)).getUTCDate();
  return `${y}-${month}-${String(last).padStart(2, '0')}`;
}

/** A date prefix as the full date a `date` property stores (its first day). */
export function firstDay(prefix: string): string {
  return prefix.length === 4 ? `${prefix}-01-01` : prefix.length === 7 ? `${prefix}-01` : prefix;
}
