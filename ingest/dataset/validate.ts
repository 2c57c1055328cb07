// Dataset validation as pure functions: parse the file, then check every source, entity and relation against the model, collecting all problems.
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  DatasetMetadataSchema,
  DatasetTopSchema,
  EntityInputSchema,
  labelDecl,
  MODEL,
  relationDecl,
  RelationInputSchema,
  RESERVED_PROPERTIES,
  SourceInputSchema,
  type DateInput,
  type DatasetMetadata,
  type DatePrecision,
  type EntityInput,
  type EvidenceInput,
  type PropertyDecl,
  type PropertyValue,
  type RelationInput,
  type SourceInput,
} from '../../model/index.ts';
import { parsePartialDate } from '../../model/dates.ts';
import { DatasetError, type DatasetIssue } from '../errors.ts';
import { closestPassage, findQuote, foldWhitespace, type FoldedText } from '../quotes.ts';

/** Reads a source's held text; throws (any error) when it cannot. */
export type ReadText = (absolutePath: string) => string;

export interface ValidateOptions {
  /** The dataset file's path, named in every issue; source text files are resolved from its folder. */
  file: string;
  readText: ReadText;
  /**
   * Entities that exist outside this file (id -> type label), which relations may point at.
   * A bulk import adding relations to an already loaded graph passes them here.
   */
  existingEntities?: ReadonlyMap<string, string>;
}

export interface ResolvedEvidence {
  source: string;
  /** The quote as the source writes it (its own whitespace and characters). */
  quote: string;
  /** Offsets into the held text; -1 when the source's text is not held. */
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

export interface ValidDataset {
  file: string;
  metadata: DatasetMetadata;
  sources: ValidSource[];
  entities: ValidEntity[];
  relations: ValidRelation[];
}

/** Parses YAML or JSON (YAML is a superset; duplicate keys are refused). Throws DatasetError on a syntax error. */
export function parseDataset(file: string, content: string): unknown {
  const document = parseDocument(content, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new DatasetError(
      document.errors.map((error) => {
        const line = error.linePos?.[0];
        return { file, path: '', message: `cannot be read as ${file.endsWith('.json') ? 'JSON' : 'YAML'}${line ? ` (line ${line.line}, column ${line.col})` : ''}: ${error.message.split('\n')[0]}` };
      }),
    );
  }
  try {
    return document.toJS();
  } catch (error) {
    // The yaml library refuses alias bombs (billion laughs) here, with a ReferenceError.
    throw new DatasetError([{ file, path: '', message: `cannot be read as YAML: ${error instanceof Error ? error.message : String(error)}` }]);
  }
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

/** Where each item's problems go: the item's path and id are filled in once. */
class Collector {
  readonly issues: DatasetIssue[] = [];
  constructor(readonly file: string) {}

  add(base: string, id: string | undefined, field: string | undefined, message: string, file = this.file): void {
    const fullPath = field ? (field.startsWith('[') ? base + field : `${base}.${field}`) : base;
    this.issues.push({ file, path: fullPath, ...(id ? { id } : {}), ...(field ? { field } : {}), message });
  }

  zod(base: string, id: string | undefined, raw: unknown, error: z.ZodError): void {
    for (const issue of error.issues) {
      const field = pathText(issue.path);
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') {
        message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
      } else if (issue.code === 'invalid_type') {
        const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);
        message = value === undefined ? 'is required' : `${issue.message.startsWith('Invalid input') ? `must be ${issue.expected}` : issue.message}, got ${describeValue(value)}`;
      }
      this.add(base, id, field || undefined, message);
    }
  }
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

interface ItemContext {
  base: string;
  id: string;
}

export function validateDataset(raw: unknown, options: ValidateOptions): ValidDataset {
  const { file } = options;
  const out = new Collector(file);
  if (raw === null || raw === undefined) {
    throw new DatasetError([{ file, path: '', message: 'the file is empty: a dataset needs metadata, sources, entities and relations' }]);
  }
  const top = DatasetTopSchema.safeParse(raw);
  if (!top.success) {
    out.zod('', undefined, raw, top.error);
    // Without the top-level lists there is nothing more to check.
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new DatasetError(out.issues.length ? out.issues : [{ file, path: '', message: 'must be a mapping with metadata, sources, entities and relations' }]);
  }
  const container = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const list = (key: string): unknown[] => (Array.isArray(container[key]) ? (container[key] as unknown[]) : []);

  const metadata = DatasetMetadataSchema.safeParse(container.metadata);
  if (!metadata.success) out.zod('metadata', undefined, container.metadata, metadata.error);

  // Every id is unique across the file: sources, entities and relations all share one namespace on the wire.
  const firstUse = new Map<string, string>();
  const claimId = (id: string | undefined, base: string): boolean => {
    if (!id) return true;
    const previous = firstUse.get(id);
    if (previous) {
      out.add(base, id, 'id', `duplicate id: '${id}' is already used at ${previous}`);
      return false;
    }
    firstUse.set(id, base);
    return true;
  };

  // Sources first: the evidence checks need their texts and excerpts.
  const sources = new Map<string, ValidSource & { folded?: FoldedText }>();
  list('sources').forEach((rawSource, index) => {
    const base = `sources[${index}]`;
    const id = idOf(rawSource);
    const unique = claimId(id, base);
    const parsed = SourceInputSchema.safeParse(rawSource);
    if (!parsed.success) {
      out.zod(base, id, rawSource, parsed.error);
      return;
    }
    const input = parsed.data;
    const source: ValidSource & { folded?: FoldedText } = { input, excerpts: input.excerpt === undefined ? [] : Array.isArray(input.excerpt) ? input.excerpt : [input.excerpt] };
    if (input.published !== undefined) {
      const published = parsePartialDate(input.published);
      if (typeof published === 'string') out.add(base, id, 'published', published);
      else source.published = { date: published.first, precision: published.precision };
    }
    if (input.textFile !== undefined) {
      const textPath = path.resolve(path.dirname(file), input.textFile);
      try {
        source.text = options.readText(textPath);
        if (!source.text.trim()) out.add(base, id, 'textFile', `the text file ${textPath} is empty`, textPath);
        else source.folded = foldWhitespace(source.text);
      } catch (error) {
        out.add(base, id, 'textFile', `cannot read the source text ${textPath}: ${error instanceof Error ? error.message : String(error)}`, textPath);
      }
    } else if (source.excerpts.length === 0) {
      out.add(base, id, undefined, 'needs either textFile (the held text) or excerpt (the words quoted from it): otherwise no quote can be checked');
    }
    if (input.textFile !== undefined && source.excerpts.length > 0) {
      out.add(base, id, 'excerpt', 'give either textFile or excerpt, not both: quotes are checked against the full text when it is held');
    }
    if (unique) sources.set(input.id, source);
  });

  const checkEvidence = (item: ItemContext, evidence: EvidenceInput[]): ResolvedEvidence[] => {
    const resolved: ResolvedEvidence[] = [];
    evidence.forEach((piece, i) => {
      const field = `evidence[${i}]`;
      const source = sources.get(piece.source);
      if (!source) {
        out.add(item.base, item.id, `${field}.source`, `unknown source '${piece.source}'${sources.size ? ` (sources: ${[...sources.keys()].join(', ')})` : ''}`);
        return;
      }
      if (source.text !== undefined && source.folded) {
        const match = findQuote(source.text, piece.quote, source.folded);
        if (match) {
          resolved.push({ source: piece.source, quote: match.text, start: match.start, end: match.end });
          return;
        }
        const closest = closestPassage(source.text, piece.quote);
        const hint = closest
          ? closest.onlyTypography
            ? `; the source has it with different quotation marks, apostrophes, dashes or case, at ${closest.start}: "${closest.passage}"`
            : `; closest passage of the source (at ${closest.start}): "${closest.passage}"`
          : '';
        out.add(item.base, item.id, `${field}.quote`, `quote not found in source '${piece.source}' (even after folding whitespace)${hint}`);
        return;
      }
      if (source.text === undefined && source.excerpts.length > 0) {
        for (const excerpt of source.excerpts) {
          const match = findQuote(excerpt, piece.quote);
          if (match) {
            resolved.push({ source: piece.source, quote: match.text, start: -1, end: -1 });
            return;
          }
        }
        const best = source.excerpts
          .map((excerpt) => closestPassage(excerpt, piece.quote))
          .filter((c) => c !== null)
          .sort((a, b) => a.distance - b.distance)[0];
        out.add(
          item.base,
          item.id,
          `${field}.quote`,
          `quote not found in the excerpt of source '${piece.source}' (its text is not held, so quotes must come from its excerpt)${best ? `; closest passage: "${best.passage}"` : ''}`,
        );
      }
      // A source whose text could not be read was reported already.
    });
    return resolved;
  };

  const checkDate = (item: ItemContext, date: DateInput | undefined, evidence: EvidenceInput[]): ResolvedDate | undefined => {
    if (!date) return undefined;
    const on = parsePartialDate(date.on);
    if (typeof on === 'string') {
      out.add(item.base, item.id, 'date.on', on);
      return undefined;
    }
    let ok = true;
    if (date.precision && date.precision !== on.precision) {
      out.add(item.base, item.id, 'date.precision', `says '${date.precision}' but date.on '${date.on}' is written with ${on.precision} precision`);
      ok = false;
    }
    let endDate: string | undefined;
    if (date.until !== undefined) {
      const until = parsePartialDate(date.until);
      if (typeof until === 'string') {
        out.add(item.base, item.id, 'date.until', until);
        ok = false;
      } else if (until.precision !== on.precision) {
        out.add(item.base, item.id, 'date.until', `'${date.until}' must have the same precision as date.on (${on.precision})`);
        ok = false;
      } else if (until.first < on.first) {
        out.add(item.base, item.id, 'date.until', `'${date.until}' is before date.on '${date.on}'`);
        ok = false;
      } else {
        endDate = until.first;
      }
    }
    if (date.source !== undefined && !evidence.some((e) => e.source === date.source)) {
      out.add(item.base, item.id, 'date.source', `'${date.source}' must be one of this item's evidence sources (${[...new Set(evidence.map((e) => e.source))].join(', ')})`);
      ok = false;
    }
    if (!ok) return undefined;
    return {
      date: on.first,
      precision: on.precision,
      inferred: date.inferred,
      ...(endDate ? { endDate } : {}),
      ...(date.source ? { source: date.source } : {}),
      ...(date.note ? { note: date.note } : {}),
    };
  };

  const entityIds = new Set<string>();
  const rawEntities = list('entities');
  // Reference checks (claimedBy, relation ends) need every entity id, even of items declared later.
  for (const rawEntity of rawEntities) {
    const id = idOf(rawEntity);
    if (id) entityIds.add(id);
  }
  const entityLabel = new Map<string, string>();
  const entityExists = (id: string) => entityIds.has(id) || options.existingEntities?.has(id) === true;

  const checkProperties = (item: ItemContext, owner: string, declared: Record<string, PropertyDecl>, properties: Record<string, PropertyValue>): Record<string, PropertyValue> => {
    const clean: Record<string, PropertyValue> = {};
    for (const [key, value] of Object.entries(properties)) {
      const field = `properties.${key}`;
      if (RESERVED_PROPERTIES.includes(key)) {
        out.add(item.base, item.id, field, `'${key}' is reserved (names, dates and evidence have their own fields)`);
        continue;
      }
      const decl = declared[key];
      if (!decl) {
        const allowed = Object.keys(declared);
        out.add(item.base, item.id, field, `'${key}' is not a property of ${owner}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it has none)'}`);
        continue;
      }
      if (!typeMatches(decl, value)) {
        out.add(item.base, item.id, field, `must be ${decl.type === 'date' ? 'a full date YYYY-MM-DD' : `of type ${decl.type}`}, got ${describeValue(value)}`);
        continue;
      }
      if (decl.references === 'entity' && typeof value === 'string' && !entityExists(value)) {
        out.add(item.base, item.id, field, `names '${value}', which is not an entity of the dataset`);
        continue;
      }
      clean[key] = value;
    }
    for (const [key, decl] of Object.entries(declared)) {
      if (decl.required && !(key in properties)) out.add(item.base, item.id, `properties.${key}`, `is required for ${owner} (${decl.description})`);
    }
    return clean;
  };

  const entities: ValidEntity[] = [];
  rawEntities.forEach((rawEntity, index) => {
    const base = `entities[${index}]`;
    const id = idOf(rawEntity);
    claimId(id, base);
    const parsed = EntityInputSchema.safeParse(rawEntity);
    if (!parsed.success) {
      out.zod(base, id, rawEntity, parsed.error);
      return;
    }
    const input = parsed.data;
    const item: ItemContext = { base, id: input.id };
    const decl = labelDecl(input.type);
    if (!decl) {
      out.add(base, input.id, 'type', `unknown entity type '${input.type}' (declared types: ${MODEL.labels.map((l) => l.label).join(', ')})`);
    } else {
      entityLabel.set(input.id, decl.label);
    }
    const aliases: { name: string; language: string }[] = [];
    const seen = new Set<string>([input.name.trim().toLowerCase()]);
    (input.aliases ?? []).forEach((alias, i) => {
      const entry = typeof alias === 'string' ? { name: alias.trim(), language: '' } : { name: alias.name.trim(), language: alias.language ?? '' };
      const key = entry.name.toLowerCase();
      if (seen.has(key)) {
        out.add(base, input.id, `aliases[${i}]`, `'${entry.name}' repeats the name or another alias`);
        return;
      }
      seen.add(key);
      aliases.push(entry);
    });
    const properties = decl ? checkProperties(item, `type ${decl.label}`, decl.properties, input.properties ?? {}) : {};
    const evidence = checkEvidence(item, input.evidence);
    const date = checkDate(item, input.date, input.evidence);
    entities.push({ input, aliases, properties, ...(date ? { date } : {}), evidence });
  });

  const relations: ValidRelation[] = [];
  list('relations').forEach((rawRelation, index) => {
    const base = `relations[${index}]`;
    const id = idOf(rawRelation);
    claimId(id, base);
    const parsed = RelationInputSchema.safeParse(rawRelation);
    if (!parsed.success) {
      out.zod(base, id, rawRelation, parsed.error);
      return;
    }
    const input = parsed.data;
    const item: ItemContext = { base, id: input.id };
    const decl = relationDecl(input.type);
    if (!decl) out.add(base, input.id, 'type', `unknown relation type '${input.type}' (declared types: ${MODEL.relations.map((r) => r.type).join(', ')})`);
    const labelOf = (end: string) => entityLabel.get(end) ?? options.existingEntities?.get(end);
    for (const end of ['from', 'to'] as const) {
      const target = input[end];
      if (!entityExists(target)) {
        const isSource = sources.has(target);
        out.add(base, input.id, end, isSource ? `'${target}' is a source, not an entity: relations join entities` : `'${target}' is not an entity of the dataset (dangling ${end === 'from' ? 'start' : 'end'})`);
        continue;
      }
      const label = labelOf(target);
      const allowed = decl ? decl[end] : undefined;
      if (decl && label && allowed && !allowed.includes(label)) {
        out.add(base, input.id, end, `${input.type} cannot ${end === 'from' ? 'start at' : 'end at'} '${target}' (a ${label}); it goes from ${decl.from.join('|')} to ${decl.to.join('|')}`);
      }
    }
    if (input.from === input.to) out.add(base, input.id, 'to', `a relation from '${input.from}' to itself`);
    const properties = decl ? checkProperties(item, `relation type ${decl.type}`, decl.properties, input.properties ?? {}) : {};
    const evidence = checkEvidence(item, input.evidence);
    const date = checkDate(item, input.date, input.evidence);
    relations.push({ input, properties, ...(date ? { date } : {}), evidence });
  });

  if (out.issues.length > 0) throw new DatasetError(out.issues);
  return {
    file,
    metadata: metadata.data!,
    sources: [...sources.values()].map(({ folded: _folded, ...source }) => source),
    entities,
    relations,
  };
}
