// What recording needs to know, pure so unit tests need no browser: who may write or review where, what the reads are asked to show, a passage's anchors in the stored text, the server's problems per field, what a revision changed.
import type { GraphSchema } from '../api.ts';
import { isOurs } from './model.ts';
import type { SessionState } from './session.ts';

const RANKS = ['viewer', 'editor', 'reviewer', 'admin'] as const;
type Rank = (typeof RANKS)[number];

/** May the session act with `needed` (or a higher role) on `dataset`? The owner and instance admins may everywhere. */
export function mayOn(session: SessionState, dataset: string, needed: Rank): boolean {
  if (session.status !== 'signed-in') return false;
  if (session.roles === 'all') return true;
  const role = session.roles[dataset];
  return role !== undefined && RANKS.indexOf(role) >= RANKS.indexOf(needed);
}

/** The datasets the session may write to (editor or above), as the schema lists them. */
export function editableDatasets(session: SessionState, schema: GraphSchema | null): { id: string; title: string }[] {
  if (!isOurs(schema)) return [];
  return (schema?.datasets ?? []).filter((d) => mayOn(session, d.id, 'editor'));
}

/** Does the session hold `needed` on some dataset (the owner always)? */
export function holdsSomewhere(session: SessionState, needed: Rank): boolean {
  if (session.status !== 'signed-in') return false;
  if (session.roles === 'all') return true;
  return Object.values(session.roles).some((role) => RANKS.indexOf(role) >= RANKS.indexOf(needed));
}

/** The user's choice of what reads show besides accepted facts; `proposals` null: the default for who they are. */
export interface FactVisibility {
  proposals: boolean | null;
  retired: boolean;
}

export const DEFAULT_VISIBILITY: FactVisibility = { proposals: null, retired: false };

/** Proposals are shown by default in owner mode and to whoever may record somewhere: they are that person's work in progress. */
export function showsProposals(session: SessionState, visibility: FactVisibility): boolean {
  return visibility.proposals ?? (session.mode === 'owner' || holdsSomewhere(session, 'editor'));
}

/** The X-Show-Facts value for this choice; undefined asks for the default (accepted and imported only). */
export function showFactsValue(session: SessionState, visibility: FactVisibility): string | undefined {
  const shown = [...(showsProposals(session, visibility) ? ['proposed'] : []), ...(visibility.retired ? ['retired', 'rejected'] : [])];
  return shown.length ? shown.join(',') : undefined;
}

/** Characters of context kept on each side of a quote (the W3C text-quote selector's prefix and suffix). */
export const ANCHOR_CONTEXT = 32;

export interface Anchored {
  quote: string;
  start: number;
  end: number;
  prefix: string;
  suffix: string;
}

/**
 * The passage text[start, end) as evidence anchors it: whitespace at its ends left out (a selection often
 * takes a space or a line break with it), the offsets those of the stored text, and up to 32 characters
 * either side. Null when nothing but whitespace was chosen.
 */
export function anchorPassage(text: string, start: number, end: number): Anchored | null {
  let from = Math.max(0, Math.min(start, end));
  let to = Math.min(text.length, Math.max(start, end));
  while (from < to && /\s/u.test(text[from]!)) from++;
  while (to > from && /\s/u.test(text[to - 1]!)) to--;
  if (to <= from) return null;
  return { quote: text.slice(from, to), start: from, end: to, prefix: text.slice(Math.max(0, from - ANCHOR_CONTEXT), from), suffix: text.slice(to, to + ANCHOR_CONTEXT) };
}

/**
 * The server's problems ("fact.evidence[0].quote: …", "from.new.name: …") by the form's field they concern:
 * the first of `fields` whose prefix the path starts with; the others under ''. `fields` maps a field name to
 * its path prefixes, most specific first.
 */
export function problemsByField(problems: readonly string[], fields: Readonly<Record<string, readonly string[]>>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const problem of problems) {
    const path = problem.split(': ', 1)[0] ?? '';
    const field = Object.entries(fields).find(([, prefixes]) => prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)))?.[0] ?? '';
    out.set(field, [...(out.get(field) ?? []), problem]);
  }
  return out;
}

/** The problems a refusal lists; a server that sends them only in its message joins them with '; ' before each path ('url: …; fact.date: …'). */
export function problemsOf(details: { problems?: string[] } | undefined, message: string): string[] {
  if (details?.problems?.length) return details.problems;
  return message.split(/; (?=[\w.[\]]+: )/u);
}

/** The relation types the model allows from a `fromLabel` to a `toLabel` (declared ones only: the page records by the model). */
export function allowedTypes(schema: GraphSchema | null, fromLabel: string | null, toLabel: string | null): string[] {
  if (!schema || !fromLabel || !toLabel) return [];
  return schema.relationshipTypes.filter((t) => t.declared && t.from.includes(fromLabel) && t.to.includes(toLabel)).map((t) => t.type);
}

/** The labels an actor may be created with: the model's declared ones. */
export function actorLabels(schema: GraphSchema | null): string[] {
  return (schema?.labels ?? []).filter((l) => l.declared).map((l) => l.label);
}

export interface Change {
  key: string;
  before: unknown;
  after: unknown;
}

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** The keys a revision changed, with their values before and after (a creation: everything it set). */
export function changesOf(before: unknown, after: unknown): Change[] {
  const a = asRecord(before);
  const b = asRecord(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key])).map((key) => ({ key, before: a[key], after: b[key] }));
}

export type Precision = 'year' | 'month' | 'day';

/** How many characters of 'YYYY-MM-DD' a precision keeps. */
const WIDTH: Readonly<Record<Precision, number>> = { year: 4, month: 7, day: 10 };

/** A date as the API takes it, from a form's day ('2024-03-06' or shorter) and precision; null when the day does not have that many parts. */
export function dateInput(day: string, precision: Precision, inferred: boolean): { on: string; precision: Precision; inferred: boolean } | null {
  const on = day.trim().slice(0, WIDTH[precision]);
  if (on.length !== WIDTH[precision] || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(on)) return null;
  return { on, precision, inferred };
}

/** The precision a stored date is written with: '2024' year, '2024-03' month, else day (a stored datePrecision wins). */
export function precisionOf(date: string, stored?: unknown): Precision {
  if (stored === 'year' || stored === 'month' || stored === 'day') return stored;
  return date.length <= 4 ? 'year' : date.length <= 7 ? 'month' : 'day';
}
