// The user's corrections to the inferred model of a database (caption parts and date property per label): applied to nodes, kept in the URL.
import type { DateFormat, DateProperty, GraphSchema, LabelInfo, WireNode } from '../api.ts';

export interface ModelOverrides {
  /** Label → the properties whose values, joined by a space, make the caption. */
  captions: ReadonlyMap<string, readonly string[]>;
  /** Label → the property that dates its nodes and how it is written; null: the label is not dated. */
  dates: ReadonlyMap<string, DateProperty | null>;
}

export const NO_OVERRIDES: ModelOverrides = { captions: new Map(), dates: new Map() };

export const DATE_FORMATS: readonly DateFormat[] = ['temporal', 'year', 'iso', 'dd/MM/yyyy', 'MM/dd/yyyy'];

/** Short names for the URL: a shared link stays short and needs no escaping. */
const FORMAT_CODES: Record<DateFormat, string> = { temporal: 't', year: 'y', iso: 'iso', 'dd/MM/yyyy': 'dmy', 'MM/dd/yyyy': 'mdy' };
const CODE_FORMATS = new Map(Object.entries(FORMAT_CODES).map(([format, code]) => [code, format as DateFormat]));

export function hasOverrides(model: ModelOverrides): boolean {
  return model.captions.size > 0 || model.dates.size > 0;
}

/** The caption the server gave each node, so a caption override can be undone without asking again. */
const serverCaptions = new Map<string, string>();

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join(', ');
  return String(value).trim();
}

/** The chosen properties' values joined by a space; the given caption when none of them has a value. */
export function composeCaption(properties: Record<string, unknown>, parts: readonly string[], fallback: string): string {
  const joined = parts.map((p) => text(properties[p])).filter(Boolean).join(' ');
  return joined || fallback;
}

/**
 * A node as the page shows it: with the caption the user chose for its label. `fresh` nodes come from
 * the server (their caption is the server's); others come from the store and were captioned before.
 */
export function captionNode(node: WireNode, label: string, model: ModelOverrides, fresh: boolean): WireNode {
  if (fresh) serverCaptions.set(node.id, node.caption);
  const server = serverCaptions.get(node.id) ?? node.caption;
  const parts = model.captions.get(label);
  const caption = parts?.length ? composeCaption(node.properties, parts, server) : server;
  return caption === node.caption ? node : { ...node, caption };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function validDay(y: number, m: number, d: number): string | null {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31 && y > 0 && y < 10000)) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** A property value read as a day (YYYY-MM-DD) in the given format; null when it is not one. */
export function parseDate(value: unknown, format: DateFormat): string | null {
  if (value === null || value === undefined) return null;
  if (format === 'year') {
    const year = typeof value === 'number' ? value : /^\d{1,4}$/.test(String(value).trim()) ? Number(value) : NaN;
    return Number.isInteger(year) && year > 0 && year < 10000 ? `${pad(year, 4)}-01-01` : null;
  }
  const raw = String(value).trim();
  if (format === 'temporal' || format === 'iso') {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
    return match ? validDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  }
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  if (!match) return null;
  const [a, b, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return format === 'dd/MM/yyyy' ? validDay(y, b, a) : validDay(y, a, b);
}

/** Is a year date (format 'year') only a year? It is a period, not a day. */
export function datePrecision(format: DateFormat | undefined): 'day' | 'year' {
  return format === 'year' ? 'year' : 'day';
}

/**
 * A node's date: the user's date property for its label when they chose one, else the day the server
 * derived (`date` on the wire). undefined: no word on it here (the caller falls back to the stored dates).
 */
export function nodeDate(node: WireNode, label: string, model: ModelOverrides): { date: string; format?: DateFormat } | null | undefined {
  if (model.dates.has(label)) {
    const chosen = model.dates.get(label);
    if (!chosen) return null;
    const date = parseDate(node.properties[chosen.name], chosen.format);
    return date ? { date, format: chosen.format } : null;
  }
  if (typeof node.date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(node.date)) return { date: node.date.slice(0, 10) };
  return undefined;
}

/**
 * `dates=` for GET /api/timeline: 'Label.prop:format,…' for the labels whose date property the user chose
 * (the format always: it is how an ambiguous day/month order is settled). A label the user marked as not
 * dated has no way to say so there: the timeline leaves its events out itself (notDated).
 */
export function datesParam(model: ModelOverrides): string | undefined {
  const parts = [...model.dates].filter(([, d]) => d).map(([label, d]) => `${label}.${d!.name}:${d!.format}`);
  return parts.length ? parts.sort().join(',') : undefined;
}

/** Labels the user says are not dated: their events leave the timeline. */
export function notDated(model: ModelOverrides): Set<string> {
  return new Set([...model.dates].filter(([, d]) => d === null).map(([label]) => label));
}

/** The caption parts in effect for a label: the user's, else the inferred model's, else its one caption property. */
export function captionParts(info: LabelInfo | undefined, model: ModelOverrides): string[] {
  if (!info) return [];
  const chosen = model.captions.get(info.label);
  if (chosen) return [...chosen];
  if (info.captionProperties?.length) return [...info.captionProperties];
  return info.caption ? [info.caption] : [];
}

/** The date property in effect for a label: the user's choice, else the inferred one. */
export function dateChoice(info: LabelInfo | undefined, model: ModelOverrides): DateProperty | null {
  if (!info) return null;
  if (model.dates.has(info.label)) return model.dates.get(info.label) ?? null;
  return info.dateProperty ?? null;
}

/** Is this database one Civic Graph built (its own model and evidence), or one someone else built? */
export function isOurs(schema: GraphSchema | null): boolean {
  if (!schema) return true;
  if (typeof schema.ours === 'boolean') return schema.ours;
  // A database that keeps no evidence is not one our loader wrote.
  if (schema.evidence === false) return false;
  return (schema.datasets ?? []).length > 0 || (schema.labels ?? []).some((l) => l.declared && l.count > 0);
}

/** Does the database keep evidence? (false: one plain line says so instead of "no evidence" on every node). */
export function keepsEvidence(schema: GraphSchema | null): boolean {
  if (!schema) return true;
  if (typeof schema.evidence === 'boolean') return schema.evidence;
  return isOurs(schema);
}

// ---- the URL --------------------------------------------------------------------------------------

const enc = (s: string) => encodeURIComponent(s);
const dec = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** `cap=Person:firstName+lastName;Company:name` */
export function captionsToUrl(model: ModelOverrides): string {
  return [...model.captions].map(([label, parts]) => `${enc(label)}:${parts.map(enc).join('+')}`).join(';');
}

/** `dt=Transfer:date:dmy;Meeting:-` ('-': not dated) */
export function datesToUrl(model: ModelOverrides): string {
  return [...model.dates].map(([label, d]) => (d ? `${enc(label)}:${enc(d.name)}:${FORMAT_CODES[d.format]}` : `${enc(label)}:-`)).join(';');
}

export function modelFromUrl(captions: string | undefined, dates: string | undefined): ModelOverrides {
  const captionMap = new Map<string, string[]>();
  for (const item of captions?.split(';') ?? []) {
    const [label, parts] = item.split(':');
    if (label && parts) captionMap.set(dec(label), parts.split('+').filter(Boolean).map(dec));
  }
  const dateMap = new Map<string, DateProperty | null>();
  for (const item of dates?.split(';') ?? []) {
    const [label, name, code] = item.split(':');
    if (!label || !name) continue;
    if (name === '-') dateMap.set(dec(label), null);
    else if (code && CODE_FORMATS.has(code)) dateMap.set(dec(label), { name: dec(name), format: CODE_FORMATS.get(code)! });
  }
  return { captions: captionMap, dates: dateMap };
}
