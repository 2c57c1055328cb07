// One set of rules for every way data comes in (dataset files, bulk CSV/NDJSON, FollowTheMoney, neo4j-admin folders):
// sources, entities, relations, evidence at the model's level, dates, aliases, ends, declared properties, references.
// What differs between the ways in is a parameter: the Model, how ids and sources are looked up, where issues go.
// This file is the entry point (Rules); each concern's rule lives in rules/ (issues, lookups, evidence, dates, properties).
import path from 'node:path';
import type { z } from 'zod';
import {
  EntityInputSchema,
  RelationInputSchema,
  SourceInputSchema,
  type DatePrecision,
  type EntityInput,
  type Model,
  type PropertyValue,
  type RelationInput,
  type SourceInput,
} from '../model/index.ts';
import { parsePartialDate } from '../model/dates.ts';
import { checkDate, type ResolvedDate } from './rules/dates.ts';
import { checkEvidence, type ResolvedEvidence } from './rules/evidence.ts';
import type { Issues, Report } from './rules/issues.ts';
import { readUtf8, SourceTable, textSha256, type IdLookup, type Known, type ReadText } from './rules/lookups.ts';
import { checkProperties } from './rules/properties.ts';
import { inOtherDataset, otherDatasetMessage } from './rules/datasets.ts';

export type { ResolvedDate } from './rules/dates.ts';
export type { ResolvedEvidence } from './rules/evidence.ts';
export { Issues, type IssueOptions } from './rules/issues.ts';
export { datasetIdProblem, inOtherDataset, otherDatasetMessage } from './rules/datasets.ts';
export { MemoryIds, readUtf8, SourceTable, textSha256, type IdLookup, type ItemKind, type Known, type KnownSource, type ReadText } from './rules/lookups.ts';

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

export interface RulesOptions {
  model: Model;
  ids: IdLookup;
  sources: SourceTable;
  issues: Issues;
  /** Default: readUtf8. */
  readText?: ReadText;
  /**
   * The dataset the items go into: an id the lookup knows as an element of another dataset is refused
   * (ids.stored). Absent: nothing is checked here (a dataset file's loader checks when it writes).
   */
  dataset?: string;
}

function idOf(raw: unknown): string | undefined {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof (raw as { id: unknown }).id === 'string') return (raw as { id: string }).id;
  return undefined;
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
  private readonly dataset?: string;
  /** When every label and type needs quotes, a source that holds neither text nor excerpt is useless: refused at once. */
  private readonly sourcesNeedQuotes: boolean;
  private file = '';

  constructor(options: RulesOptions) {
    this.model = options.model;
    this.ids = options.ids;
    this.sources = options.sources;
    this.issues = options.issues;
    this.readText = options.readText ?? readUtf8;
    this.dataset = options.dataset;
    this.sourcesNeedQuotes = [...this.model.labels, ...this.model.relations].every((d) => d.evidence === 'quote');
  }

  /** The file the next items come from: issues name it, source text files are found from its folder. */
  beginFile(file: string): void {
    this.file = file;
  }

  private add(item: { at: string; id?: string }, field: string | undefined, message: string, file = this.file): void {
    this.issues.add(file, item.at, item.id, field, message);
  }

  /** Where the rules in rules/ report the problems of one item. */
  private reporter(item: { at: string; id: string }): Report {
    return (field, message) => this.add(item, field, message);
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

  /** Claims the item's id; false when it is taken (reported), in the input or by an element of another dataset. */
  private claim(raw: unknown, at: string, known: Known): boolean {
    const id = idOf(raw);
    if (!id) return true;
    const previous = this.ids.claim(id, known, at);
    if (previous) this.add({ at, id }, 'id', `duplicate id: '${id}' is already used ${previous}`);
    // An id is one element in one dataset: importing it into a second one would take the element from the first.
    const stored = this.dataset === undefined ? undefined : this.ids.stored?.(id);
    if (inOtherDataset(stored, this.dataset)) {
      this.add({ at, id }, 'id', otherDatasetMessage(id, { kind: stored!.kind, dataset: stored.dataset }, this.dataset!));
      return false;
    }
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
            if (input.textSha256 !== undefined && textSha256(text) !== input.textSha256) {
              this.add(item, 'textSha256', `the text file ${textPath} is not the text this hash was taken of (its SHA-256 is ${textSha256(text)}): quotes and offsets were checked against that one`, textPath);
            }
          }
        } catch (error) {
          this.add(item, 'textFile', `cannot read the source text ${textPath}: ${error instanceof Error ? error.message : String(error)}`, textPath);
          broken = true;
        }
      } else if (input.textSha256 !== undefined) {
        this.add(item, 'textSha256', 'is the hash of a held text: give textFile too');
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
      const report = this.reporter(item);
      const properties = decl ? checkProperties(`type ${decl.label}`, decl.properties, input.properties ?? {}, this.ids, report) : {};
      const evidence = checkEvidence(input.evidence, decl?.evidence ?? 'quote', `type ${input.type}`, { sources: this.sources, ids: this.ids }, report);
      const date = checkDate(input.date, input.evidence, report);
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
      const report = this.reporter(item);
      const properties = decl ? checkProperties(`relation type ${decl.type}`, decl.properties, input.properties ?? {}, this.ids, report) : {};
      const evidence = checkEvidence(input.evidence, decl?.evidence ?? 'quote', `relation type ${input.type}`, { sources: this.sources, ids: this.ids }, report);
      const date = checkDate(input.date, input.evidence, report);
      return { input, properties, ...(date ? { date } : {}), evidence };
    });
  }
}
