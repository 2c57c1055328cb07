// One set of rules for every way data comes in (dataset files, bulk CSV/NDJSON, FollowTheMoney): sources,
// entities, relations, evidence at the model's level, dates, aliases, ends, declared properties, references.
// What differs between the ways in is a parameter: the Model, how ids and sources are looked up, where issues go.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  EntityInputSchema,
  RelationInputSchema,
  RESERVED_PROPERTIES,
  SourceInputSchema,
  type DateInput,
  type DatePrecision,
  type EntityInput,
  type EvidenceInput,
  type EvidenceLevel,
  type Model,
  type PropertyDecl,
  type PropertyValue,
  type RelationInput,
  type SourceInput,
} from '../model/index.ts';
import { parsePartialDate } from '../model/dates.ts';
import type { DatasetIssue } from './errors.ts';
import { closestPassage, findQuote, foldWhitespace, type FoldedText } from './quotes.ts';

export type ItemKind = 'source' | 'entity' | 'relation';

export interface ResolvedEvidence {
  source: string;
  /** The quote as the source writes it (its own whitespace and characters); '' for document-level evidence. */
  quote: string;
  /** Offsets into the held text; -1 when the source's text is not held or there is no quote. */
  start: number;
  end: number;
}

export interface ResolvedDate {
  /** First day of the period, YYYY-MM-DD. */
  date: string;
  precision: DatePrecision;
  inferred: boolean;
  endDate?: string;
  source?: string;
  note?: string;
}

export interface ValidSource {
  input: SourceInput;
  text?: string;
  excerpts: string[];
  published?: { date: string; precision: DatePrecision };
}

export interface ValidEntity {
  input: EntityInput;
  aliases: { name: string; language: string }[];
  properties: Record<string, PropertyValue>;
  date?: ResolvedDate;
  evidence: ResolvedEvidence[];
}

export interface ValidRelation {
  input: RelationInput;
  properties: Record<string, PropertyValue>;
  date?: ResolvedDate;
  evidence: ResolvedEvidence[];
}

// ---- where problems go ---------------------------------------------------------------------------

function pathText(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += (out ? '.' : '') + String(segment);
  }
  return out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `'${value.length > 60 ? value.slice(0, 57) + '...' : value}'`;
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${String(value)}`;
}

export interface IssueOptions {
  /**
   * true: an issue's path is the item's place plus the field (`entities[3].evidence[0].quote`, for a
   * dataset file); false: the item's place alone (`line 12`, for a bulk file).
   */
  fieldInPath: boolean;
  /** Issues kept in full; further ones are only counted. */
  max?: number;
}

/** Every problem found, in order, each naming file, place, id and field. */
export class Issues {
  readonly list: DatasetIssue[] = [];
  /** Issues found, including those not kept. */
  count = 0;

  constructor(private readonly options: IssueOptions) {}

  add(file: string, at: string, id: string | undefined, field: string | undefined, message: string): void {
    this.count++;
    if (this.list.length >= (this.options.max ?? Number.POSITIVE_INFINITY)) return;
    const place = field && this.options.fieldInPath ? (field.startsWith('[') ? at + field : at ? `${at}.${field}` : field) : at;
    this.list.push({ file, path: place, ...(id ? { id } : {}), ...(field ? { field } : {}), message });
  }

  /** zod's issues in the loader's words: 'is required', "unknown field 'x'", 'must be string, got number 42'. */
  zod(file: string, at: string, id: string | undefined, raw: unknown, error: z.ZodError): void {
    for (const issue of error.issues) {
      const field = pathText(issue.path);
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') {
        message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
      } else if (issue.code === 'invalid_type') {
        const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);
        message = value === undefined ? 'is required' : `${issue.message.startsWith('Invalid input') ? `must be ${issue.expected}` : issue.message}, got ${describeValue(value)}`;
      }
      this.add(file, at, id, field || undefined, message);
    }
  }
}

// ---- how ids and sources are looked up --------------------------------------------------------------

/** What an id names, as far as a way in knows: a source, a relation, or an entity with its label (when declared). */
export interface Known {
  kind: ItemKind;
  label?: string;
}

/**
 * Ids share one namespace across sources, entities and relations. A dataset file keeps them in maps
 * (MemoryIds); a bulk import in a compact hash index plus database look-ups (bulk/validate.ts).
 */
export interface IdLookup {
  /** Registers an item's id; when the id is taken, answers where it was first used ("at entities[3]"). */
  claim(id: string, known: Known, at: string): string | undefined;
  find(id: string): Known | undefined;
}

/** Ids of a dataset file held in memory; entity ids are announced first, so references may point forward. */
export class MemoryIds implements IdLookup {
  private readonly firstUse = new Map<string, string>();
  private readonly known = new Map<string, Known>();
  private readonly announced = new Set<string>();

  /** `existing`: entities outside the file (id -> label) that relations may point at. */
  constructor(private readonly existing?: ReadonlyMap<string, string>) {}

  announceEntities(ids: Iterable<string>): void {
    for (const id of ids) this.announced.add(id);
  }

  claim(id: string, known: Known, at: string): string | undefined {
    const previous = this.firstUse.get(id);
    if (previous) return `at ${previous}`;
    this.firstUse.set(id, at);
    this.known.set(id, known);
    return undefined;
  }

  find(id: string): Known | undefined {
    const known = this.known.get(id);
    if (known) return known;
    if (this.announced.has(id)) return { kind: 'entity' };
    const label = this.existing?.get(id);
    return label !== undefined ? { kind: 'entity', label } : undefined;
  }
}

/** A source as the quote checks need it: its held text (folded once) or its excerpts. */
export interface KnownSource {
  text?: string;
  folded?: FoldedText;
  excerpts: { text: string; folded: FoldedText }[];
  /** The source's own problem (unreadable text...) was reported: its quotes are not checked again. */
  broken?: boolean;
}

/** The sources evidence may cite (they are few: held in memory by every way in). */
export class SourceTable {
  private readonly sources = new Map<string, KnownSource>();

  static known(text: string | undefined, excerpts: readonly string[]): KnownSource {
    return { ...(text ? { text, folded: foldWhitespace(text) } : {}), excerpts: excerpts.map((e) => ({ text: e, folded: foldWhitespace(e) })) };
  }

  set(id: string, source: KnownSource): void {
    this.sources.set(id, source);
  }

  get(id: string): KnownSource | undefined {
    return this.sources.get(id);
  }

  /** A few ids, for a message. */
  sample(limit = 10): string {
    // Sorted: every way in lists the same ids whatever order it met them in.
    const ids = [...this.sources.keys()].sort();
    return ids.slice(0, limit).join(', ') + (ids.length > limit ? `, ... (${ids.length - limit} more)` : '');
  }

  get size(): number {
    return this.sources.size;
  }
}

/** Reads a source's held text; throws (any error) when it cannot. */
export type ReadText = (absolutePath: string) => string;

/** Where the first byte that is not UTF-8 sits, as line and column, so the message says where to look. */
function notUtf8(bytes: Buffer): Error {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const at = lenient.indexOf('\uFFFD');
  const before = at < 0 ? '' : lenient.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return new Error(`it is not valid UTF-8${at < 0 ? '' : ` (first bad byte at line ${line}, column ${column})`}; save it as UTF-8`);
}

/** A UTF-8 text file, refused when it is not UTF-8; a byte-order mark is not part of the text the offsets count in. */
export const readUtf8: ReadText = (file) => {
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notUtf8(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
};

// ---- the checks ------------------------------------------------------------------------------------

export interface RulesOptions {
  model: Model;
  ids: IdLookup;
  sources: SourceTable;
  issues: Issues;
  /** Default: readUtf8. */
  readText?: ReadText;
}

function idOf(raw: unknown): string | undefined {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof (raw as { id: unknown }).id === 'string') return (raw as { id: string }).id;
  return undefined;
}

function typeMatches(decl: PropertyDecl, value: PropertyValue): boolean {
  switch (decl.type) {
    case 'string':
      return typeof value === 'string';
    case 'string[]':
      return Array.isArray(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && typeof parsePartialDate(value) !== 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  }
}

/** The item being checked: where it is and its id. */
interface Item {
  at: string;
  id: string;
}

/**
 * Checks items one at a time against the model. Each check answers the valid item, or undefined when
 * it reported a problem; problems go to `issues`, so a caller collects every one before deciding.
 */
export class Rules {
  readonly model: Model;
  private readonly ids: IdLookup;
  private readonly sources: SourceTable;
  readonly issues: Issues;
  private readonly readText: ReadText;
  /** When every label and type needs quotes, a source that holds neither text nor excerpt is useless: refused at once. */
  private readonly sourcesNeedQuotes: boolean;
  private file = '';

  constructor(options: RulesOptions) {
    this.model = options.model;
    this.ids = options.ids;
    this.sources = options.sources;
    this.issues = options.issues;
    this.readText = options.readText ?? readUtf8;
    this.sourcesNeedQuotes = [...this.model.labels, ...this.model.relations].every((d) => d.evidence === 'quote');
  }

  /** The file the next items come from: issues name it, source text files are found from its folder. */
  beginFile(file: string): void {
    this.file = file;
  }

  private add(item: { at: string; id?: string }, field: string | undefined, message: string, file = this.file): void {
    this.issues.add(file, item.at, item.id, field, message);
  }

  /** Runs a check; its result counts only if it reported nothing. */
  private clean<T>(check: () => T): T | undefined {
    const before = this.issues.count;
    const result = check();
    return this.issues.count === before ? result : undefined;
  }

  /** The item in its input shape, or undefined when zod finds problems (reported in the loader's words). */
  private parse<T>(schema: z.ZodType<T>, raw: unknown, at: string): T | undefined {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.issues.zod(this.file, at, idOf(raw), raw, parsed.error);
    return undefined;
  }

  /** Claims the item's id; false when it is taken (reported). */
  private claim(raw: unknown, at: string, known: Known): boolean {
    const id = idOf(raw);
    if (!id) return true;
    const previous = this.ids.claim(id, known, at);
    if (previous) this.add({ at, id }, 'id', `duplicate id: '${id}' is already used ${previous}`);
    return !previous;
  }

  source(raw: unknown, at: string): ValidSource | undefined {
    return this.clean(() => {
      const unique = this.claim(raw, at, { kind: 'source' });
      const input = this.parse(SourceInputSchema, raw, at);
      if (!input) return undefined;
      const item = { at, id: input.id };
      const source: ValidSource = { input, excerpts: input.excerpt === undefined ? [] : Array.isArray(input.excerpt) ? input.excerpt : [input.excerpt] };
      let broken = false;
      if (input.published !== undefined) {
        const published = parsePartialDate(input.published);
        if (typeof published === 'string') this.add(item, 'published', published);
        else source.published = { date: published.first, precision: published.precision };
      }
      if (input.textFile !== undefined) {
        const textPath = path.resolve(path.dirname(this.file), input.textFile);
        try {
          const text = this.readText(textPath);
          if (!text.trim()) {
            this.add(item, 'textFile', `the text file ${textPath} is empty`, textPath);
            broken = true;
          } else {
            source.text = text;
          }
        } catch (error) {
          this.add(item, 'textFile', `cannot read the source text ${textPath}: ${error instanceof Error ? error.message : String(error)}`, textPath);
          broken = true;
        }
      } else if (source.excerpts.length === 0 && this.sourcesNeedQuotes) {
        this.add(item, undefined, 'needs either textFile (the held text) or excerpt (the words quoted from it): otherwise no quote can be checked');
        broken = true;
      }
      if (input.textFile !== undefined && source.excerpts.length > 0) {
        this.add(item, 'excerpt', 'give either textFile or excerpt, not both: quotes are checked against the full text when it is held');
      }
      // A duplicate id keeps the first item's meaning.
      if (unique) this.sources.set(input.id, { ...SourceTable.known(source.text, source.excerpts), ...(broken ? { broken } : {}) });
      return source;
    });
  }

  entity(raw: unknown, at: string): ValidEntity | undefined {
    return this.clean(() => {
      const rawType = raw && typeof raw === 'object' ? (raw as { type?: unknown }).type : undefined;
      const declared = typeof rawType === 'string' ? this.model.label(rawType) : undefined;
      this.claim(raw, at, { kind: 'entity', ...(declared ? { label: declared.label } : {}) });
      const input = this.parse(EntityInputSchema, raw, at);
      if (!input) return undefined;
      const item = { at, id: input.id };
      const decl = this.model.label(input.type);
      if (!decl) this.add(item, 'type', `unknown entity type '${input.type}' (declared types: ${this.model.labels.map((l) => l.label).join(', ')})`);
      const aliases: { name: string; language: string }[] = [];
      const seen = new Set<string>([input.name.trim().toLowerCase()]);
      (input.aliases ?? []).forEach((alias, i) => {
        const entry = typeof alias === 'string' ? { name: alias.trim(), language: '' } : { name: alias.name.trim(), language: alias.language ?? '' };
        const key = entry.name.toLowerCase();
        if (seen.has(key)) {
          this.add(item, `aliases[${i}]`, `'${entry.name}' repeats the name or another alias`);
          return;
        }
        seen.add(key);
        aliases.push(entry);
      });
      const properties = decl ? this.properties(item, `type ${decl.label}`, decl.properties, input.properties ?? {}) : {};
      const evidence = this.evidence(item, input.evidence, decl?.evidence, `type ${input.type}`);
      const date = this.date(item, input.date, input.evidence);
      return { input, aliases, properties, ...(date ? { date } : {}), evidence };
    });
  }

  relation(raw: unknown, at: string): ValidRelation | undefined {
    return this.clean(() => {
      this.claim(raw, at, { kind: 'relation' });
      const input = this.parse(RelationInputSchema, raw, at);
      if (!input) return undefined;
      const item = { at, id: input.id };
      const decl = this.model.relation(input.type);
      if (!decl) this.add(item, 'type', `unknown relation type '${input.type}' (declared types: ${this.model.relations.map((r) => r.type).join(', ')})`);
      for (const end of ['from', 'to'] as const) {
        const target = input[end];
        const found = this.ids.find(target);
        if (found?.kind !== 'entity') {
          this.add(item, end, found?.kind === 'source' ? `'${target}' is a source, not an entity: relations join entities` : `'${target}' is not an entity of the dataset (dangling ${end === 'from' ? 'start' : 'end'})`);
          continue;
        }
        if (decl && found.label && !decl[end].includes(found.label)) {
          this.add(item, end, `${input.type} cannot ${end === 'from' ? 'start at' : 'end at'} '${target}' (a ${found.label}); it goes from ${decl.from.join('|')} to ${decl.to.join('|')}`);
        }
      }
      if (input.from === input.to) this.add(item, 'to', `a relation from '${input.from}' to itself`);
      const properties = decl ? this.properties(item, `relation type ${decl.type}`, decl.properties, input.properties ?? {}) : {};
      const evidence = this.evidence(item, input.evidence, decl?.evidence, `relation type ${input.type}`);
      const date = this.date(item, input.date, input.evidence);
      return { input, properties, ...(date ? { date } : {}), evidence };
    });
  }

  /**
   * Each piece cites a known source. At the `quote` level the quote is required and must be in the
   * source's held text (offsets kept) or in its excerpt; at the `document` level a piece without a
   * quote stands for the source as a whole (a quote given is still checked).
   */
  private evidence(item: Item, evidence: EvidenceInput[], level: EvidenceLevel = 'quote', owner: string): ResolvedEvidence[] {
    const resolved: ResolvedEvidence[] = [];
    evidence.forEach((piece, i) => {
      const field = `evidence[${i}]`;
      const source = this.sources.get(piece.source);
      if (!source) {
        const other = this.ids.find(piece.source);
        this.add(item, `${field}.source`, other && other.kind !== 'source'
          ? `'${piece.source}' is not a source (it is ${other.kind === 'entity' ? 'an entity' : 'a relation'}): evidence cites sources`
          : `unknown source '${piece.source}'${this.sources.size ? ` (sources: ${this.sources.sample()})` : ''}`);
        return;
      }
      const quote = piece.quote;
      if (quote === undefined) {
        if (level === 'document') resolved.push({ source: piece.source, quote: '', start: -1, end: -1 });
        else this.add(item, `${field}.quote`, `is required: ${owner} needs a verbatim quote from the source (evidence level quote)`);
        return;
      }
      if (source.broken) return;
      if (source.text !== undefined && source.folded) {
        const match = findQuote(source.text, quote, source.folded);
        if (match) {
          resolved.push({ source: piece.source, quote: match.text, start: match.start, end: match.end });
          return;
        }
        const closest = closestPassage(source.text, quote);
        const hint = closest
          ? closest.onlyTypography
            ? `; the source has it with different quotation marks, apostrophes, dashes or case, at ${closest.start}: "${closest.passage}"`
            : `; closest passage of the source (at ${closest.start}): "${closest.passage}"`
          : '';
        this.add(item, `${field}.quote`, `quote not found in source '${piece.source}' (even after folding whitespace)${hint}`);
        return;
      }
      if (source.excerpts.length === 0) {
        this.add(item, `${field}.quote`, `cannot be checked: source '${piece.source}' holds neither a text nor an excerpt (leave the quote out for document-level evidence)`);
        return;
      }
      for (const excerpt of source.excerpts) {
        const match = findQuote(excerpt.text, quote, excerpt.folded);
        if (match) {
          resolved.push({ source: piece.source, quote: match.text, start: -1, end: -1 });
          return;
        }
      }
      const best = source.excerpts
        .map((excerpt) => closestPassage(excerpt.text, quote))
        .filter((c) => c !== null)
        .sort((a, b) => a.distance - b.distance)[0];
      this.add(item, `${field}.quote`, `quote not found in the excerpt of source '${piece.source}' (its text is not held, so quotes must come from its excerpt)${best ? `; closest passage: "${best.passage}"` : ''}`);
    });
    return resolved;
  }

  private date(item: Item, date: DateInput | undefined, evidence: EvidenceInput[]): ResolvedDate | undefined {
    if (!date) return undefined;
    const on = parsePartialDate(date.on);
    if (typeof on === 'string') {
      this.add(item, 'date.on', on);
      return undefined;
    }
    if (date.precision && date.precision !== on.precision) {
      this.add(item, 'date.precision', `says '${date.precision}' but date.on '${date.on}' is written with ${on.precision} precision`);
    }
    let endDate: string | undefined;
    if (date.until !== undefined) {
      const until = parsePartialDate(date.until);
      if (typeof until === 'string') this.add(item, 'date.until', until);
      else if (until.precision !== on.precision) this.add(item, 'date.until', `'${date.until}' must have the same precision as date.on (${on.precision})`);
      else if (until.first < on.first) this.add(item, 'date.until', `'${date.until}' is before date.on '${date.on}'`);
      else endDate = until.first;
    }
    if (date.source !== undefined && !evidence.some((e) => e.source === date.source)) {
      this.add(item, 'date.source', `'${date.source}' must be one of this item's evidence sources (${[...new Set(evidence.map((e) => e.source))].join(', ')})`);
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

  private properties(item: Item, owner: string, declared: Record<string, PropertyDecl>, properties: Record<string, PropertyValue>): Record<string, PropertyValue> {
    const clean: Record<string, PropertyValue> = {};
    for (const [key, value] of Object.entries(properties)) {
      const field = `properties.${key}`;
      if (RESERVED_PROPERTIES.has(key)) {
        this.add(item, field, `'${key}' is reserved (names, dates and evidence have their own fields)`);
        continue;
      }
      const decl = declared[key];
      if (!decl) {
        const allowed = Object.keys(declared);
        this.add(item, field, `'${key}' is not a property of ${owner}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it has none)'}`);
        continue;
      }
      if (!typeMatches(decl, value)) {
        this.add(item, field, `must be ${decl.type === 'date' ? 'a full date YYYY-MM-DD' : `of type ${decl.type}`}, got ${describeValue(value)}`);
        continue;
      }
      if (decl.references === 'entity' && typeof value === 'string' && this.ids.find(value)?.kind !== 'entity') {
        this.add(item, field, `names '${value}', which is not an entity of the dataset`);
        continue;
      }
      clean[key] = value;
    }
    for (const [key, decl] of Object.entries(declared)) {
      if (decl.required && !(key in properties)) this.add(item, `properties.${key}`, `is required for ${owner} (${decl.description})`);
    }
    return clean;
  }
}
