// Small template pieces shared by panels: dates with precision and the inferred flag, property values, safe links.
import { html, nothing, type TemplateResult } from 'lit';
import { asPrecision, formatDate } from '../state/dates.ts';

/** Only web links become links; anything else (javascript:, data:) stays text. */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The stored date fields (date, datePrecision, dateInferred, endDate), shown with their precision and whether inferred. */
export function renderDate(properties: Record<string, unknown>, compact = false): TemplateResult | typeof nothing {
  const date = properties.date;
  if (typeof date !== 'string') return nothing;
  const precision = asPrecision(properties.datePrecision);
  const end = typeof properties.endDate === 'string' ? properties.endDate : null;
  const inferred = properties.dateInferred === true;
  return html`<span class="date"
    ><time datetime=${date}>${formatDate(date, precision)}</time>${end ? html` – <time datetime=${end}>${formatDate(end, precision)}</time>` : nothing}
    <span class="badge" title="How precise the source is: to the ${precision}">${compact ? precision : `${precision} precision`}</span>
    ${inferred
      ? html`<span class="badge inferred" title="Not stated in the source: inferred (for instance the year from the publication date)">inferred</span>`
      : compact
        ? nothing
        : html`<span class="badge stated" title="Stated in the source">stated</span>`}</span
  >`;
}

export const DATE_KEYS: ReadonlySet<string> = new Set(['date', 'datePrecision', 'dateInferred', 'endDate']);

export function renderValue(value: unknown): TemplateResult | string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  const url = safeUrl(value);
  if (url) return html`<a href=${url} target="_blank" rel="noopener noreferrer">${String(value)}</a>`;
  return String(value);
}

/** A moment (ISO) as the reader's locale writes it, to the minute; '—' for none. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
