// Validates bulk records one batch at a time with the seed loader's rules and messages (schemas from
// server/model, dates, quote matching, property checks), keeping ids in a compact index instead of memory-hungry maps.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Database } from '../../db/database.ts';
import {
  EntityInputSchema,
  labelDecl,
  MODEL,
  relationDecl,
  RelationInputSchema,
  RESERVED_PROPERTIES,
  SourceInputSchema,
  type DateInput,
  type EvidenceInput,
  type PropertyDecl,
  type PropertyValue,
} from '../../model/index.ts';
import { parsePartialDate } from '../../model/dates.ts';
import type { DatasetIssue } from '../errors.ts';
import { closestPassage, findQuote, foldWhitespace, type FoldedText } from '../quotes.ts';
import type { ResolvedDate, ResolvedEvidence, ValidEntity, ValidRelation, ValidSource } from '../dataset/validate.ts';
import type { RawItem } from './format.ts';
import { IdIndex } from './id-index.ts';

/** Tags kept per id in the index: 1 + the label's position for entities, and these two. */
const TAG_SOURCE = 250;
const TAG_RELATION = 251;
const LABELS = MODEL.labels.map((l) => l.label);

export function labelTag(label: string): number {
  const i = LABELS.indexOf(label);
  return i < 0 ? 0 : i + 1;
}

/** Property names that hold another entity's id (checked like relation ends). */
const REFERENCE_PROPERTIES = new Set(
  [...MODEL.labels, ...MODEL.relations].flatMap((decl) => Object.entries(decl.properties).filter(([, p]) => p.references === 'entity').map(([key]) => key)),
);

function isEntityTag(tag: number | undefined): boolean {
  return tag !== undefined && tag !== TAG_SOURCE && tag !== TAG_RELATION;
}

function tagLabel(tag: number | undefined): string | undefined {
  return tag !== undefined && tag >= 1 && tag <= LABELS.length ? LABELS[tag - 1] : undefined;
}

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

/** Whitespace other than single plain spaces between words: only then does a quote need folding (a loop: faster than a regex here). */
function needsFolding(quote: string): boolean {
  const n = quote.length;
  if (n === 0 || quote.charCodeAt(0) === 32 || quote.charCodeAt(n - 1) === 32) return true;
  let previousSpace = false;
  for (let i = 0; i < n; i++) {
    const c = quote.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return true;
      previousSpace = true;
      continue;
    }
    previousSpace = false;
    // Other whitespace: controls, NBSP, Unicode spaces, line separators, BOM.
    if (c < 32 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) return true;
  }
  return false;
}

/**
 * findQuote from seed/quotes.ts, with a shortcut for the common quote that is already folded
 * (same result: the folded quote is the quote itself).
 */
function locateQuote(text: string, quote: string, folded: FoldedText): { start: number; end: number; text: string } | null {
  if (needsFolding(quote)) return findQuote(text, quote, folded);
  const at = folded.folded.indexOf(quote);
  if (at < 0) return null;
  const start = folded.map[at]!;
  const end = folded.map[at + quote.length - 1]! + 1;
  return { start, end, text: text.slice(start, end) };
}

/** A source as the checks need it: its held text (folded once) or its excerpts. */
interface KnownSource {
  text?: string;
  folded?: FoldedText;
  excerpts: { text: string; folded: FoldedText }[];
}

export interface ValidatorOptions {
  /** Entities and sources already in the database may be referenced (relation ends, evidence). */
  db?: Database;
  /** Issues kept in full; further ones are only counted. */
  maxIssues?: number;
}

export type ValidItem =
  | { kind: 'source'; value: ValidSource }
  | { kind: 'entity'; value: ValidEntity }
  | { kind: 'relation'; value: ValidRelation };

/**
 * Checks items batch by batch. Ids share one namespace across all files (as in the dataset file);
 * a source must come before the evidence that cites it (earlier in the file, in an earlier file, or
 * in the database) so that evidence is checked as it streams by.
 */
export class BulkValidator {
  readonly issues: DatasetIssue[] = [];
  /** Issues found, including those not kept. */
  issueCount = 0;
  readonly ids = new IdIndex();
  /** Entities met in the database (relation ends, references), apart from the files' own ids. */
  private readonly dbIds = new IdIndex(1024);
  private readonly sources = new Map<string, KnownSource>();
  private readonly maxIssues: number;
  private readonly db?: Database;
  private fileIndex = 0;
  private readonly files: string[] = [];
  private dbSourcesLoaded = false;

  constructor(options: ValidatorOptions = {}) {
    this.maxIssues = options.maxIssues ?? 200;
    this.db = options.db;
  }

  /** Sources held in the database, so that bulk evidence may cite them (their text or excerpts are checked). */
  async loadDatabaseSources(): Promise<void> {
    if (!this.db || this.dbSourcesLoaded) return;
    this.dbSourcesLoaded = true;
    const { rows } = await this.db.read('MATCH (s:Source) WHERE s.id IS NOT NULL RETURN s.id AS id, s.text AS text, s.excerpts AS excerpts');
    for (const row of rows) {
      const id = String(row.id);
      const text = typeof row.text === 'string' ? row.text : undefined;
      const excerpts = Array.isArray(row.excerpts) ? row.excerpts.map(String) : [];
      // Not claimed in the index: the files may declare the same source again (a rerun does).
      this.sources.set(id, { text, folded: text ? foldWhitespace(text) : undefined, excerpts: excerpts.map((e) => ({ text: e, folded: foldWhitespace(e) })) });
    }
  }

  /** Starts a file: issues name it, duplicate ids say where the first use was. */
  beginFile(file: string): void {
    this.files.push(file);
    this.fileIndex = this.files.length - 1;
  }

  private get file(): string {
    return this.files[this.fileIndex] ?? '';
  }

  add(at: string, id: string | undefined, field: string | undefined, message: string, file = this.file): void {
    this.issueCount++;
    if (this.issues.length >= this.maxIssues) return;
    this.issues.push({ file, path: at, ...(id ? { id } : {}), ...(field ? { field } : {}), message });
  }

  private zod(at: string, id: string | undefined, raw: unknown, error: z.ZodError): void {
    for (const issue of error.issues) {
      const field = pathText(issue.path);
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') {
        message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
      } else if (issue.code === 'invalid_type') {
        const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);
        message = value === undefined ? 'is required' : `${issue.message.startsWith('Invalid input') ? `must be ${issue.expected}` : issue.message}, got ${describeValue(value)}`;
      }
      this.add(at, id, field || undefined, message);
    }
  }

  private claimId(id: unknown, at: string, tag: number): boolean {
    if (typeof id !== 'string' || !id) return true;
    if (!this.ids.add(id, tag)) {
      this.add(at, id, 'id', `duplicate id: '${id}' is already used earlier in the files${tag === TAG_SOURCE ? '' : ' (ids are unique across sources, entities and relations)'}`);
      return false;
    }
    return true;
  }

  /** Validates one batch; returns the valid items in order (invalid ones are left out and reported). */
  async check(items: RawItem[]): Promise<ValidItem[]> {
    const out: ValidItem[] = [];
    // Relation ends and entity references not met in the files may be in the database: one query per batch.
    await this.lookUpInDatabase(items);
    for (const item of items) {
      const id = typeof item.raw.id === 'string' ? item.raw.id : undefined;
      for (const problem of item.problems) this.add(item.at, id, problem.field, problem.message);
      const valid = item.kind === 'source' ? this.source(item, id) : item.kind === 'entity' ? this.entity(item, id) : this.relation(item, id);
      if (valid && item.problems.length === 0) out.push(valid);
    }
    return out;
  }

  private tagOf(id: string): number | undefined {
    return this.ids.get(id) ?? this.dbIds.get(id);
  }

  private async lookUpInDatabase(items: RawItem[]): Promise<void> {
    if (!this.db) return;
    const unknown = new Set<string>();
    const consider = (value: unknown) => {
      if (typeof value === 'string' && value && this.tagOf(value) === undefined) unknown.add(value);
    };
    for (const item of items) {
      if (item.kind === 'relation') {
        consider(item.raw.from);
        consider(item.raw.to);
      }
      const props = item.raw.properties;
      if (props && typeof props === 'object') {
        for (const [key, value] of Object.entries(props)) if (REFERENCE_PROPERTIES.has(key)) consider(value);
      }
    }
    if (!unknown.size) return;
    const { rows } = await this.db.read(
      `UNWIND $ids AS id MATCH (n:${MODEL.entityLabel} {id: id}) RETURN id, [l IN labels(n) WHERE l <> '${MODEL.entityLabel}'][0] AS label`,
      { ids: [...unknown] },
    );
    // Entities found in the database join the index (their label allows the relation checks).
    for (const row of rows) this.dbIds.add(String(row.id), labelTag(String(row.label)) || 255);
  }

  private source(item: RawItem, id: string | undefined): ValidItem | undefined {
    const unique = this.claimId(id, item.at, TAG_SOURCE);
    const parsed = SourceInputSchema.safeParse(item.raw);
    if (!parsed.success) {
      this.zod(item.at, id, item.raw, parsed.error);
      return undefined;
    }
    const input = parsed.data;
    const source: ValidSource = { input, excerpts: input.excerpt === undefined ? [] : Array.isArray(input.excerpt) ? input.excerpt : [input.excerpt] };
    const known: KnownSource = { excerpts: source.excerpts.map((e) => ({ text: e, folded: foldWhitespace(e) })) };
    let ok = true;
    if (input.published !== undefined) {
      const published = parsePartialDate(input.published);
      if (typeof published === 'string') {
        this.add(item.at, id, 'published', published);
        ok = false;
      } else {
        source.published = { date: published.first, precision: published.precision };
      }
    }
    if (input.textFile !== undefined) {
      const textPath = path.resolve(path.dirname(this.file), input.textFile);
      try {
        const text = readFileSync(textPath, 'utf8').replace(/^\uFEFF/, '');
        if (!text.trim()) {
          this.add(item.at, id, 'textFile', `the text file ${textPath} is empty`, textPath);
          ok = false;
        } else {
          source.text = text;
          known.text = text;
          known.folded = foldWhitespace(text);
        }
      } catch (error) {
        this.add(item.at, id, 'textFile', `cannot read the source text ${textPath}: ${error instanceof Error ? error.message : String(error)}`, textPath);
        ok = false;
      }
    } else if (source.excerpts.length === 0) {
      this.add(item.at, id, undefined, 'needs either textFile (the held text) or excerpt (the words quoted from it): otherwise no quote can be checked');
      ok = false;
    }
    if (input.textFile !== undefined && source.excerpts.length > 0) {
      this.add(item.at, id, 'excerpt', 'give either textFile or excerpt, not both: quotes are checked against the full text when it is held');
      ok = false;
    }
    if (unique) this.sources.set(input.id, known);
    return ok ? { kind: 'source', value: source } : undefined;
  }

  private evidence(at: string, id: string, evidence: EvidenceInput[]): ResolvedEvidence[] | undefined {
    const resolved: ResolvedEvidence[] = [];
    let ok = true;
    for (let i = 0; i < evidence.length; i++) {
      const piece = evidence[i]!;
      const field = `evidence[${i}]`;
      const source = this.sources.get(piece.source);
      if (!source) {
        const entity = this.tagOf(piece.source);
        this.add(at, id, `${field}.source`, entity !== undefined && entity !== TAG_SOURCE
          ? `'${piece.source}' is not a source`
          : `unknown source '${piece.source}' (a source must come before the evidence that cites it: earlier in the file, in an earlier file, or in the database)`);
        ok = false;
        continue;
      }
      if (source.text !== undefined && source.folded) {
        const match = locateQuote(source.text, piece.quote, source.folded);
        if (match) {
          resolved.push({ source: piece.source, quote: match.text, start: match.start, end: match.end });
          continue;
        }
        const closest = closestPassage(source.text, piece.quote);
        const hint = closest
          ? closest.onlyTypography
            ? `; the source has it with different quotation marks, apostrophes, dashes or case, at ${closest.start}: "${closest.passage}"`
            : `; closest passage of the source (at ${closest.start}): "${closest.passage}"`
          : '';
        this.add(at, id, `${field}.quote`, `quote not found in source '${piece.source}' (even after folding whitespace)${hint}`);
        ok = false;
        continue;
      }
      let found = false;
      for (const excerpt of source.excerpts) {
        const match = locateQuote(excerpt.text, piece.quote, excerpt.folded);
        if (match) {
          resolved.push({ source: piece.source, quote: match.text, start: -1, end: -1 });
          found = true;
          break;
        }
      }
      if (found) continue;
      const best = source.excerpts
        .map((excerpt) => closestPassage(excerpt.text, piece.quote))
        .filter((c) => c !== null)
        .sort((a, b) => a.distance - b.distance)[0];
      this.add(at, id, `${field}.quote`, `quote not found in the excerpt of source '${piece.source}' (its text is not held, so quotes must come from its excerpt)${best ? `; closest passage: "${best.passage}"` : ''}`);
      ok = false;
    }
    return ok ? resolved : undefined;
  }

  private date(at: string, id: string, date: DateInput | undefined, evidence: EvidenceInput[]): ResolvedDate | undefined | false {
    if (!date) return undefined;
    const on = parsePartialDate(date.on);
    if (typeof on === 'string') {
      this.add(at, id, 'date.on', on);
      return false;
    }
    let ok = true;
    if (date.precision && date.precision !== on.precision) {
      this.add(at, id, 'date.precision', `says '${date.precision}' but date.on '${date.on}' is written with ${on.precision} precision`);
      ok = false;
    }
    let endDate: string | undefined;
    if (date.until !== undefined) {
      const until = parsePartialDate(date.until);
      if (typeof until === 'string') {
        this.add(at, id, 'date.until', until);
        ok = false;
      } else if (until.precision !== on.precision) {
        this.add(at, id, 'date.until', `'${date.until}' must have the same precision as date.on (${on.precision})`);
        ok = false;
      } else if (until.first < on.first) {
        this.add(at, id, 'date.until', `'${date.until}' is before date.on '${date.on}'`);
        ok = false;
      } else {
        endDate = until.first;
      }
    }
    if (date.source !== undefined && !evidence.some((e) => e.source === date.source)) {
      this.add(at, id, 'date.source', `'${date.source}' must be one of this item's evidence sources (${[...new Set(evidence.map((e) => e.source))].join(', ')})`);
      ok = false;
    }
    if (!ok) return false;
    return {
      date: on.first,
      precision: on.precision,
      inferred: date.inferred,
      ...(endDate ? { endDate } : {}),
      ...(date.source ? { source: date.source } : {}),
      ...(date.note ? { note: date.note } : {}),
    };
  }

  private properties(at: string, id: string, owner: string, declared: Record<string, PropertyDecl>, properties: Record<string, PropertyValue>): Record<string, PropertyValue> | undefined {
    const clean: Record<string, PropertyValue> = {};
    let ok = true;
    for (const [key, value] of Object.entries(properties)) {
      const field = `properties.${key}`;
      if (RESERVED_PROPERTIES.includes(key)) {
        this.add(at, id, field, `'${key}' is reserved (names, dates and evidence have their own fields)`);
        ok = false;
        continue;
      }
      const decl = declared[key];
      if (!decl) {
        const allowed = Object.keys(declared);
        this.add(at, id, field, `'${key}' is not a property of ${owner}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it has none)'}`);
        ok = false;
        continue;
      }
      if (!typeMatches(decl, value)) {
        this.add(at, id, field, `must be ${decl.type === 'date' ? 'a full date YYYY-MM-DD' : `of type ${decl.type}`}, got ${describeValue(value)}`);
        ok = false;
        continue;
      }
      if (decl.references === 'entity' && typeof value === 'string' && !isEntityTag(this.tagOf(value))) {
        this.add(at, id, field, `names '${value}', which is not an entity of the dataset`);
        ok = false;
        continue;
      }
      clean[key] = value;
    }
    for (const [key, decl] of Object.entries(declared)) {
      if (decl.required && !(key in properties)) {
        this.add(at, id, `properties.${key}`, `is required for ${owner} (${decl.description})`);
        ok = false;
      }
    }
    return ok ? clean : undefined;
  }

  private entity(item: RawItem, id: string | undefined): ValidItem | undefined {
    const decl0 = typeof item.raw.type === 'string' ? labelDecl(item.raw.type) : undefined;
    this.claimId(id, item.at, decl0 ? labelTag(decl0.label) : 255);
    const parsed = EntityInputSchema.safeParse(item.raw);
    if (!parsed.success) {
      this.zod(item.at, id, item.raw, parsed.error);
      return undefined;
    }
    const input = parsed.data;
    let ok = true;
    const decl = labelDecl(input.type);
    if (!decl) {
      this.add(item.at, input.id, 'type', `unknown entity type '${input.type}' (declared types: ${LABELS.join(', ')})`);
      ok = false;
    }
    const aliases: { name: string; language: string }[] = [];
    const seen = new Set<string>([input.name.trim().toLowerCase()]);
    (input.aliases ?? []).forEach((alias, i) => {
      const entry = typeof alias === 'string' ? { name: alias.trim(), language: '' } : { name: alias.name.trim(), language: alias.language ?? '' };
      const key = entry.name.toLowerCase();
      if (seen.has(key)) {
        this.add(item.at, input.id, `aliases[${i}]`, `'${entry.name}' repeats the name or another alias`);
        ok = false;
        return;
      }
      seen.add(key);
      aliases.push(entry);
    });
    const properties = decl ? this.properties(item.at, input.id, `type ${decl.label}`, decl.properties, input.properties ?? {}) : {};
    const evidence = this.evidence(item.at, input.id, input.evidence);
    const date = this.date(item.at, input.id, input.date, input.evidence);
    if (!ok || !properties || !evidence || date === false) return undefined;
    return { kind: 'entity', value: { input, aliases, properties, ...(date ? { date } : {}), evidence } };
  }

  private relation(item: RawItem, id: string | undefined): ValidItem | undefined {
    this.claimId(id, item.at, TAG_RELATION);
    const parsed = RelationInputSchema.safeParse(item.raw);
    if (!parsed.success) {
      this.zod(item.at, id, item.raw, parsed.error);
      return undefined;
    }
    const input = parsed.data;
    let ok = true;
    const decl = relationDecl(input.type);
    if (!decl) {
      this.add(item.at, input.id, 'type', `unknown relation type '${input.type}' (declared types: ${MODEL.relations.map((r) => r.type).join(', ')})`);
      ok = false;
    }
    for (const end of ['from', 'to'] as const) {
      const target = input[end];
      const tag = this.tagOf(target);
      if (tag === undefined || tag === TAG_SOURCE || tag === TAG_RELATION) {
        this.add(item.at, input.id, end, tag === TAG_SOURCE ? `'${target}' is a source, not an entity: relations join entities` : `'${target}' is not an entity of the dataset (dangling ${end === 'from' ? 'start' : 'end'})`);
        ok = false;
        continue;
      }
      const label = tagLabel(tag);
      const allowed = decl ? decl[end] : undefined;
      if (decl && label && allowed && !allowed.includes(label)) {
        this.add(item.at, input.id, end, `${input.type} cannot ${end === 'from' ? 'start at' : 'end at'} '${target}' (a ${label}); it goes from ${decl.from.join('|')} to ${decl.to.join('|')}`);
        ok = false;
      }
    }
    if (input.from === input.to) {
      this.add(item.at, input.id, 'to', `a relation from '${input.from}' to itself`);
      ok = false;
    }
    const properties = decl ? this.properties(item.at, input.id, `relation type ${decl.type}`, decl.properties, input.properties ?? {}) : {};
    const evidence = this.evidence(item.at, input.id, input.evidence);
    const date = this.date(item.at, input.id, input.date, input.evidence);
    if (!ok || !properties || !evidence || date === false) return undefined;
    return { kind: 'relation', value: { input, properties, ...(date ? { date } : {}), evidence } };
  }
}
