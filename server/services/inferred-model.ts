// The small model inferred for a database nobody declared to us: per label its caption parts, its date property and format (its looks: model/looks.ts).
import { chooseCaptionProperties, nameProperties, type SampledProperty } from '../../model/index.ts';

export type DateFormat = 'temporal' | 'year' | 'iso' | 'dd/MM/yyyy' | 'MM/dd/yyyy';
export const DATE_FORMATS: readonly DateFormat[] = ['temporal', 'year', 'iso', 'dd/MM/yyyy', 'MM/dd/yyyy'];

export interface DateProperty {
  name: string;
  format: DateFormat;
}

export interface DateCandidate {
  name: string;
  format: DateFormat | 'ambiguous';
}

export interface InferredLabel {
  captionProperties: string[];
  dateProperty: DateProperty | null;
  dateCandidates: DateCandidate[];
  nameProperties: string[];
}

/** Keys that say an integer is a year. */
const YEAR_KEY = /(^|_)(year|yr|founded|born|established|built)(_|$)|Year$|^(year|founded|born|established|built)/i;
const ISO = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DAY_FIRST_OR_MONTH_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * What date a property holds, from its Neo4j type and a sample of its values: Neo4j dates and date-times
 * ('temporal'), integers that are years, ISO strings ('yyyy-MM-dd', 'yyyy-MM', 'yyyy'), 'dd/MM/yyyy' when
 * a sampled first part is above 12, 'MM/dd/yyyy' when a second part is; 'ambiguous' when every part fits
 * both (never guessed: the user says which). Undefined when the property is no date.
 */
export function inferDateFormat(key: string, neo4jType: string, values: readonly unknown[]): DateFormat | 'ambiguous' | undefined {
  const type = neo4jType.replace(/ NOT NULL/g, '');
  if (type === 'DATE' || type === 'LOCAL DATETIME' || type === 'ZONED DATETIME') return 'temporal';
  if (type === 'INTEGER') {
    const numbers = values.filter((v): v is number => typeof v === 'number');
    if (numbers.length === 0 || !numbers.every((n) => Number.isInteger(n) && n >= 1000 && n <= 2999)) return undefined;
    return YEAR_KEY.test(key) || numbers.length >= 5 ? 'year' : undefined;
  }
  if (type !== 'STRING') return undefined;
  const strings = values.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
  if (strings.length === 0) return undefined;
  if (strings.every((s) => ISO.test(s) && isoValid(s))) return 'iso';
  const parts = strings.map((s) => DAY_FIRST_OR_MONTH_FIRST.exec(s));
  if (!parts.every(Boolean)) return undefined;
  const pairs = parts.map((m) => [Number(m![1]), Number(m![2])] as const);
  if (!pairs.every(([a, b]) => a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12))) return undefined;
  const dayFirst = pairs.some(([a]) => a > 12);
  const monthFirst = pairs.some(([, b]) => b > 12);
  if (dayFirst && monthFirst) return undefined;
  if (dayFirst) return 'dd/MM/yyyy';
  if (monthFirst) return 'MM/dd/yyyy';
  return 'ambiguous';
}

function isoValid(s: string): boolean {
  const [y, m = 1, d = 1] = s.split('-').map(Number) as [number, number?, number?];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isoDay(y: number, m: number, d: number): string | undefined {
  if (y < 1 || y > 9999) return undefined;
  const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isoValid(s) ? s : undefined;
}

/** A value read by its format as an ISO day (yyyy-MM-dd, the first day of a year or month); undefined when it does not parse. */
export function parseDateValue(value: unknown, format: DateFormat): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (format === 'year') {
    const year = typeof value === 'number' ? value : typeof value === 'string' && /^\d{4}$/.test(value.trim()) ? Number(value) : NaN;
    return Number.isInteger(year) ? isoDay(year, 1, 1) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (format === 'temporal') {
    // Neo4j dates and date-times reach us as their ISO strings ('2020-03-01', '2020-03-01T10:00:00Z').
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
    return match ? isoDay(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
  }
  if (format === 'iso') {
    if (!ISO.test(s)) return undefined;
    const [y, m = 1, d = 1] = s.split('-').map(Number) as [number, number?, number?];
    return isoDay(y, m, d);
  }
  const match = DAY_FIRST_OR_MONTH_FIRST.exec(s);
  if (!match) return undefined;
  const [a, b, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return format === 'dd/MM/yyyy' ? isoDay(y, b, a) : isoDay(y, a, b);
}

/** Which candidate dates a label best: full days over years, a key that says so ('date', 'day') over others. */
export function chooseDateProperty(candidates: readonly DateCandidate[]): DateProperty | null {
  const rank = (c: DateCandidate) => {
    const format = c.format === 'temporal' || c.format === 'dd/MM/yyyy' || c.format === 'MM/dd/yyyy' ? 0 : c.format === 'iso' ? 1 : 2;
    const key = /^(date|day|when)$/i.test(c.name) ? 0 : /date|day|time|at$|on$/i.test(c.name) ? 1 : 2;
    return format * 10 + key;
  };
  const usable = candidates.filter((c): c is DateProperty => c.format !== 'ambiguous');
  const best = [...usable].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))[0];
  return best ? { name: best.name, format: best.format } : null;
}

/** A label's inferred model from a sample of its nodes' properties (Neo4j value types, values). */
export function inferLabel(sample: readonly (SampledProperty & { neo4jType: string })[]): InferredLabel {
  const captionProperties = chooseCaptionProperties(sample);
  const dateCandidates: DateCandidate[] = [];
  for (const p of sample) {
    const format = inferDateFormat(p.key, p.neo4jType, p.values ?? []);
    if (format) dateCandidates.push({ name: p.key, format });
  }
  dateCandidates.sort((a, b) => a.name.localeCompare(b.name));
  return { captionProperties, dateProperty: chooseDateProperty(dateCandidates), dateCandidates, nameProperties: nameProperties(sample, captionProperties) };
}
