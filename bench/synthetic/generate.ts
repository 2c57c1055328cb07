// Deterministic synthetic civic-space graph at a scale factor (seeded), with fictitious names only: sources
// with excerpts, entities with diacritic names, aliases, dated events and evidence, about three relations
// per node and hubs with thousands of neighbours, written as bulk files (neo4j-admin style CSV and/or
// NDJSON) beside a manifest that marks them synthetic and names the dataset they are (or, split into
// several datasets, the dataset of each file set).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import { civicSpaceModel, fold, type PropertyDecl, type RelationDecl } from '../../model/index.ts';
import { csvLine } from '../../ingest/bulk/csv.ts';
import { LineSink } from '../../ingest/bulk/line-sink.ts';
import { importBulk, type ImportOptions, type ImportResult } from '../../ingest/bulk/importer.ts';
import { SYNTHETIC_NOTE, syntheticDatasetId } from '../../ingest/synthetic-guard.ts';
import { streamRandom, type Random } from './random.ts';
import * as V from './vocabulary.ts';

/** The civic-space model, which the synthetic graph is shaped after. */
const MODEL = civicSpaceModel();

// 2: fictitious vocabulary, synthetic marks on the manifest and on every source.
export const GENERATOR_VERSION = 'civic-graph-bulk/2';

export type BulkFormat = 'csv' | 'ndjson';

export interface GenerateOptions {
  /** Total nodes (sources included). */
  nodes: number;
  seed?: number;
  relationsPerNode?: number;
  outDir: string;
  formats?: BulkFormat[];
  /**
   * Datasets to split the graph into (default 1): every n-th source, every n-th entity of each label and
   * every n-th relation go to the same one, and relations and evidence stay inside their dataset, so each is
   * a graph of its own (hubs included) that is imported on its own (`--dataset` is read from the manifest).
   * One dataset gives the same bytes as before datasets existed.
   */
  datasets?: number;
}

/** One dataset of a split graph: its id, title, files and counts. */
export interface ManifestPart {
  id: string;
  title: string;
  files: Partial<Record<BulkFormat, { nodes: string; relationships: string }>>;
  sources: number;
  entities: number;
  relations: number;
}

export interface Manifest {
  generator: string;
  /** Always true: the importer reads it to keep invented data out of databases that hold real datasets. */
  synthetic: true;
  seed: number;
  nodes: number;
  sources: number;
  entities: number;
  relations: number;
  byLabel: Record<string, number>;
  byType: Record<string, number>;
  /** The hub entities (thousands of neighbours each). */
  hubs: string[];
  formats: BulkFormat[];
  /** The files of the one dataset (empty when the graph is split: each part lists its own). */
  files: Partial<Record<BulkFormat, { nodes: string; relationships: string }>>;
  /** The dataset the files are, which the importer takes as its --dataset (one dataset). */
  dataset?: { id: string; title: string };
  /** The datasets of a split graph (GenerateOptions.datasets > 1), each with its files. */
  datasets?: ManifestPart[];
}

// ---- the shape of the graph -----------------------------------------------------------------

/** Entities per hundred, by label (a block of 100 consecutive indexes holds exactly these counts). */
const LABEL_SHARE: Record<string, number> = { Person: 40, Organization: 22, Authority: 8, Institution: 5, Event: 15, Publication: 10 };
const PREFIX: Record<string, string> = { Person: 'person', Organization: 'org', Authority: 'authority', Institution: 'institution', Event: 'event', Publication: 'publication' };

/** Relations per hundred, by type; types the model adds later get a small default weight. */
const TYPE_WEIGHT: Record<string, number> = {
  LEADS: 4, CHAIRS: 1, HOLDS_OFFICE_IN: 3, MEMBER_OF: 12, SPOKESPERSON_FOR: 2, PART_OF: 4, DISSOLVED: 3, ACCUSED: 8, ARRESTED: 6,
  FORCIBLY_DISAPPEARED: 1, AUTHORED: 6, ISSUED: 4, ABOUT: 12, CITED: 3, EXPRESSED_CONCERN: 8, ECHOED: 3, CALLED_FOR: 6,
  CARRIED_OUT: 4, CAME_TO_POWER_IN: 1, ATTENDED: 9,
};
const STRUCTURAL = new Set(['LEADS', 'CHAIRS', 'HOLDS_OFFICE_IN', 'MEMBER_OF', 'SPOKESPERSON_FOR', 'PART_OF']);
const UNDATED = new Set(['ABOUT', 'CITED']);
/** Share of relation ends drawn from the hubs instead of uniformly. */
const HUB_SHARE = 0.1;
const HUB_LABELS = ['Authority', 'Organization'];

const LABELS = MODEL.labels.map((l) => l.label).filter((l) => (LABEL_SHARE[l] ?? 0) > 0);

/** Which label each position of a block of 100 holds, spread evenly rather than in runs. */
function labelTable(): string[] {
  const table: string[] = [];
  const remaining = new Map(LABELS.map((l) => [l, LABEL_SHARE[l]!]));
  const total = [...remaining.values()].reduce((a, b) => a + b, 0);
  const credit = new Map(LABELS.map((l) => [l, 0]));
  for (let i = 0; i < total; i++) {
    let best = LABELS[0]!;
    for (const l of LABELS) {
      credit.set(l, credit.get(l)! + LABEL_SHARE[l]!);
      if (credit.get(l)! > credit.get(best)!) best = l;
    }
    credit.set(best, credit.get(best)! - total);
    table.push(best);
  }
  return table;
}

const TABLE = labelTable();
const BLOCK = TABLE.length;
const POSITIONS = new Map(LABELS.map((l) => [l, TABLE.flatMap((x, i) => (x === l ? [i] : []))]));

class Layout {
  readonly sources: number;
  readonly entities: number;
  readonly relations: number;
  readonly counts = new Map<string, number>();
  readonly hubsPerLabel: number;

  constructor(
    readonly seed: number,
    nodes: number,
    relationsPerNode: number,
    /** Datasets the graph is split into: entity i is in dataset rankOf(i) % parts. */
    readonly parts = 1,
  ) {
    this.sources = Math.max(3, Math.round(nodes * 0.005));
    this.entities = Math.max(LABELS.length * 2, nodes - this.sources);
    this.relations = Math.round(nodes * relationsPerNode);
    for (const label of LABELS) {
      const positions = POSITIONS.get(label)!;
      const partial = positions.filter((p) => p < this.entities % BLOCK).length;
      this.counts.set(label, Math.floor(this.entities / BLOCK) * positions.length + partial);
    }
    // About one hub per 20k nodes keeps hub degrees in the thousands at every scale; each dataset gets its own.
    this.hubsPerLabel = Math.max(parts, Math.round(nodes / 40_000));
  }

  labelOf(i: number): string {
    return TABLE[i % BLOCK]!;
  }

  /** The index of the j-th entity of a label. */
  indexOf(label: string, j: number): number {
    const positions = POSITIONS.get(label)!;
    return Math.floor(j / positions.length) * BLOCK + positions[j % positions.length]!;
  }

  /** The position of entity i among its label. */
  rankOf(i: number): number {
    const positions = POSITIONS.get(this.labelOf(i))!;
    return Math.floor(i / BLOCK) * positions.length + positions.indexOf(i % BLOCK);
  }

  entityId(i: number): string {
    return `${PREFIX[this.labelOf(i)] ?? 'entity'}/g${i}`;
  }

  isHub(i: number): boolean {
    return HUB_LABELS.includes(this.labelOf(i)) && this.rankOf(i) < this.hubsPerLabel;
  }

  /** The dataset (0-based) entity i belongs to. */
  partOf(i: number): number {
    return this.rankOf(i) % this.parts;
  }

  hubs(): number[] {
    return HUB_LABELS.flatMap((label) => Array.from({ length: Math.min(this.hubsPerLabel, this.counts.get(label)!) }, (_, j) => this.indexOf(label, j)));
  }
}

// ---- items in the dataset file's shape ------------------------------------------------------------

interface DateValue {
  on: string;
  until?: string;
  inferred: boolean;
}

interface SourceItem {
  kind: 'source';
  id: string;
  title: string;
  publisher: string;
  url: string;
  published: string;
  language: string;
  excerpt: string[];
  notes: string;
}

interface EntityItem {
  kind: 'entity';
  id: string;
  type: string;
  name: string;
  aliases: (string | { name: string; language: string })[];
  properties: Record<string, string>;
  date?: DateValue;
  evidence: { source: string; quote: string }[];
}

interface RelationItem {
  kind: 'relation';
  id: string;
  type: string;
  from: string;
  to: string;
  properties: Record<string, string>;
  date?: DateValue;
  evidence: { source: string; quote: string }[];
}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2012, 0, 1);
const DAYS = Math.round((Date.UTC(2025, 5, 30) - FIRST_DAY) / DAY_MS);

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A date with day (60%), month (25%) or year (15%) precision, sometimes inferred, sometimes a span. */
function randomDate(rng: Random, spanChance: number): DateValue {
  const start = FIRST_DAY + rng.int(DAYS) * DAY_MS;
  const roll = rng.next();
  const cut = roll < 0.6 ? 10 : roll < 0.85 ? 7 : 4;
  const date: DateValue = { on: isoDay(start).slice(0, cut), inferred: rng.chance(0.15) };
  if (rng.chance(spanChance)) {
    const end = start + (30 + rng.int(900)) * DAY_MS;
    const until = isoDay(Math.min(end, FIRST_DAY + DAYS * DAY_MS)).slice(0, cut);
    if (until >= date.on) date.until = until;
  }
  return date;
}

function invented(rng: Random, syllables: number): string {
  let word = '';
  for (let i = 0; i < syllables; i++) word += rng.pick(V.SYLLABLES);
  return word[0]!.toUpperCase() + word.slice(1);
}

/** The rank-th hub's name; past the end of the list, names repeat with a place so that each stays unique. */
function hubName(names: readonly string[], rank: number, place: string): string {
  return names[rank % names.length]! + (rank >= names.length ? ` (${place})` : '');
}

/**
 * The j-th of `limit` items moved to the nearest one of dataset `part` (every parts-th item belongs to it):
 * j itself when the graph is one dataset, so one dataset draws the same graph as before.
 */
function inPart(j: number, part: number, parts: number, limit: number): number {
  let k = j - (j % parts) + part;
  while (k >= limit) k -= parts;
  return k;
}

function acronym(name: string): string {
  return fold(name)
    .split(/[\s'’-]+/)
    .filter((w) => w.length > 2 && !['des', 'les', 'pour', 'the', 'and'].includes(w))
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

class Generator {
  readonly layout: Layout;
  private readonly sourceCache = new Map<number, SourceItem>();
  private readonly relationTypes: readonly RelationDecl[];
  private readonly typeWeights: number[];

  constructor(seed: number, nodes: number, relationsPerNode: number, parts = 1) {
    this.layout = new Layout(seed, nodes, relationsPerNode, parts);
    this.relationTypes = MODEL.relations.filter((r) => r.from.some((l) => LABELS.includes(l)) && r.to.some((l) => LABELS.includes(l)));
    this.typeWeights = this.relationTypes.map((r) => TYPE_WEIGHT[r.type] ?? 2);
  }

  source(s: number): SourceItem {
    const cached = this.sourceCache.get(s);
    if (cached) return cached;
    const rng = streamRandom(this.layout.seed, 0, s);
    const publisher = rng.pick(V.PUBLISHERS);
    const english = V.ENGLISH_PUBLISHERS.includes(publisher) && rng.chance(0.5);
    const pool = english ? V.SENTENCES.slice(-4).concat(V.SENTENCES.slice(0, 4)) : V.SENTENCES;
    const excerpt: string[] = [];
    while (excerpt.length < 5) {
      const sentence = rng.pick(pool);
      if (!excerpt.includes(sentence)) excerpt.push(sentence);
    }
    const published = isoDay(FIRST_DAY + rng.int(DAYS) * DAY_MS);
    const source: SourceItem = {
      kind: 'source',
      id: `source/g${s}`,
      title: `${rng.pick([V.HOME_COUNTRY, 'Arc méridien', 'Delta de Sundé'])} : ${rng.pick(['dissolution', 'arrestations', 'libertés', 'transition', 'société civile'])} à ${rng.pick(V.PLACES)} (${published.slice(0, 4)})`,
      publisher,
      url: `https://example.org/synthetic/${fold(publisher).replace(/[^a-z0-9]+/g, '-')}/${published.slice(0, 4)}/g${s}`,
      published,
      language: english ? 'en' : 'fr',
      excerpt,
      notes: SYNTHETIC_NOTE,
    };
    // Sources are few (half a percent of the nodes): keeping them all is cheap.
    this.sourceCache.set(s, source);
    return source;
  }

  /** The dataset (0-based) source s belongs to. */
  sourcePart(s: number): number {
    return s % this.layout.parts;
  }

  /** Evidence from the sources of the item's dataset (`part`). */
  private evidence(rng: Random, part: number): { source: string; quote: string }[] {
    const pieces: { source: string; quote: string }[] = [];
    const count = rng.chance(0.25) ? 2 : 1;
    const { sources, parts } = this.layout;
    for (let k = 0; k < count; k++) {
      const source = this.source(inPart(rng.int(sources), part, parts, sources));
      if (pieces.some((p) => p.source === source.id)) continue;
      const sentence = rng.pick(source.excerpt);
      const words = sentence.split(' ');
      // A whole sentence, or its first words (still verbatim).
      const quote = rng.chance(0.5) || words.length < 6 ? sentence : words.slice(0, 4 + rng.int(words.length - 4)).join(' ');
      pieces.push({ source: source.id, quote });
    }
    return pieces;
  }

  private declared(label: string): Record<string, PropertyDecl> {
    return MODEL.labels.find((l) => l.label === label)?.properties ?? {};
  }

  entity(i: number): EntityItem {
    const layout = this.layout;
    const label = layout.labelOf(i);
    const rng = streamRandom(layout.seed, 1, i);
    const rank = layout.rankOf(i);
    const hub = layout.isHub(i);
    const props: Record<string, string> = {};
    const aliases: EntityItem['aliases'] = [];
    let name: string;
    let date: DateValue | undefined;
    const place = rng.pick(V.PLACES);
    /** An organization or an authority: a hub's name (and kind) from its list, else `ordinary()`'s; then its country and French acronym. */
    const organized = (hubs: readonly string[], hubKind: string, ordinary: () => string): string => {
      let named: string;
      if (hub) {
        named = hubName(hubs, rank, place);
        props.kind = hubKind;
      } else named = ordinary();
      props.country = rng.pick(V.COUNTRIES);
      aliases.push({ name: acronym(named), language: 'fr' });
      return named;
    };
    switch (label) {
      case 'Person': {
        const first = rng.pick(V.FIRST_NAMES);
        const last = rng.chance(0.3) ? invented(rng, 2 + rng.int(2)) : rng.pick(V.LAST_NAMES);
        name = `${first} ${last}`;
        aliases.push(`${first[0]}. ${last}`);
        if (rng.chance(0.1)) props.rank = rng.pick(V.RANKS);
        break;
      }
      case 'Organization': {
        name = organized(V.HUB_ORGANIZATIONS, 'coalition', () => {
          const [head, kind, englishHead] = rng.pick(V.ORG_KINDS);
          const [qualifier, englishQualifier] = rng.pick(V.ORG_QUALIFIERS);
          const brand = rng.chance(0.5) ? ` ${invented(rng, 2 + rng.int(2))}` : '';
          props.kind = kind;
          if (rng.chance(0.4)) aliases.push({ name: `${englishHead}${brand} ${englishQualifier} of ${place.normalize('NFD').replace(/\p{M}+/gu, '')}`, language: 'en' });
          return `${head}${brand} ${qualifier} de ${place}`;
        });
        if (rng.chance(0.2)) date = randomDate(rng, 0);
        break;
      }
      case 'Authority': {
        name = organized(V.HUB_AUTHORITIES, 'military government', () => {
          const [head, kind] = rng.pick(V.AUTHORITY_HEADS);
          props.kind = kind;
          return `${head} de ${place}`;
        });
        break;
      }
      case 'Institution': {
        const [head, kind, english] = rng.pick(V.INSTITUTION_HEADS);
        const country = rng.pick(V.COUNTRIES);
        name = `${head} (${country})`;
        props.kind = kind;
        props.country = country;
        aliases.push({ name: `${english} (${country.normalize('NFD').replace(/\p{M}+/gu, '')})`, language: 'en' });
        break;
      }
      case 'Event': {
        const [head, kind] = rng.pick(V.EVENT_HEADS);
        date = randomDate(rng, 0.2);
        name = `${head} de ${place} (${date.on.slice(0, 4)})`;
        props.kind = kind;
        props.place = place;
        break;
      }
      default: {
        const [head, kind] = rng.pick(V.PUBLICATION_HEADS);
        date = randomDate(rng, 0);
        name = `${head} ${invented(rng, 2)} n° ${1 + rng.int(400)}/${date.on.slice(0, 4)}`;
        props.kind = kind;
        props.publisher = rng.pick(V.PUBLISHERS);
        props.language = rng.chance(0.8) ? 'fr' : 'en';
        if (rng.chance(0.5)) props.url = `https://example.org/publications/g${i}`;
      }
    }
    // The name without its diacritics, as it is often typed; never a repeat of the name (the validator refuses that).
    const plain = name.normalize('NFD').replace(/\p{M}+/gu, '');
    if (plain !== name) aliases.unshift(plain);
    const seen = new Set([name.toLowerCase()]);
    const unique = aliases.filter((a) => {
      const key = (typeof a === 'string' ? a : a.name).toLowerCase();
      if (!key || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (rng.chance(0.1)) props.description = `${name} — ${rng.pick(V.SENTENCES)}`;
    const declared = this.declared(label);
    for (const key of Object.keys(props)) if (!declared[key]) delete props[key];
    return { kind: 'entity', id: layout.entityId(i), type: label, name, aliases: unique, properties: props, ...(date ? { date } : {}), evidence: this.evidence(rng, layout.partOf(i)) };
  }

  /** An entity of one of `labels` in dataset `part`: a hub first when asked (and one exists there). */
  private pickEntity(rng: Random, labels: readonly string[], hubFirst: boolean, part: number): number | undefined {
    const layout = this.layout;
    const { parts } = layout;
    const candidates = labels.filter((l) => (layout.counts.get(l) ?? 0) > part);
    if (!candidates.length) return undefined;
    if (hubFirst) {
      const hubLabels = candidates.filter((l) => HUB_LABELS.includes(l));
      if (hubLabels.length) {
        const label = rng.pick(hubLabels);
        const hubs = Math.min(layout.hubsPerLabel, layout.counts.get(label)!);
        return layout.indexOf(label, inPart(rng.int(hubs), part, parts, hubs));
      }
    }
    const label = rng.weighted(candidates, candidates.map((l) => layout.counts.get(l)!));
    const count = layout.counts.get(label)!;
    return layout.indexOf(label, inPart(rng.int(count), part, parts, count));
  }

  /** The dataset (0-based) relation k belongs to; its ends and evidence are that dataset's. */
  relationPart(k: number): number {
    return k % this.layout.parts;
  }

  relation(k: number): RelationItem {
    const layout = this.layout;
    const part = this.relationPart(k);
    const rng = streamRandom(layout.seed, 2, k);
    const decl = rng.weighted(this.relationTypes, this.typeWeights);
    const hub = rng.chance(HUB_SHARE);
    const hubAtEnd = hub && decl.to.some((l) => HUB_LABELS.includes(l));
    const hubAtStart = hub && !hubAtEnd && decl.from.some((l) => HUB_LABELS.includes(l));
    const from = this.pickEntity(rng, decl.from, hubAtStart, part)!;
    let to = this.pickEntity(rng, decl.to, hubAtEnd, part)!;
    for (let tries = 0; to === from && tries < 5; tries++) to = this.pickEntity(rng, decl.to, false, part)!;
    const props: Record<string, string> = {};
    for (const [key, prop] of Object.entries(decl.properties)) {
      if (prop.references) continue;
      if (!prop.required && !(['role', 'office', 'whom', 'instrument'].includes(key) && rng.chance(0.3))) continue;
      props[key] =
        key === 'words' || key === 'statedReason'
          ? decl.type === 'EXPRESSED_CONCERN' ? rng.pick(V.CONCERNS) : rng.pick(V.ACCUSATIONS)
          : key === 'demand' ? rng.pick(V.DEMANDS)
          : key === 'role' || key === 'office' ? rng.pick(V.ROLES)
          : key === 'whom' ? 'certains de ses membres'
          : key === 'instrument' ? 'décret du Conseil des ministres'
          : rng.pick(V.SENTENCES);
    }
    const dated = UNDATED.has(decl.type) ? false : rng.chance(STRUCTURAL.has(decl.type) ? 0.3 : 0.8);
    const date = dated ? randomDate(rng, STRUCTURAL.has(decl.type) ? 0.5 : 0.05) : undefined;
    return {
      kind: 'relation',
      id: `rel/g${k}`,
      type: decl.type,
      from: layout.entityId(from),
      to: layout.entityId(to),
      properties: props,
      ...(date ? { date } : {}),
      evidence: this.evidence(rng, part),
    };
  }
}

// ---- writing ----------------------------------------------------------------------------------------

function columnType(decl: PropertyDecl): string {
  return decl.type === 'number' ? ':double' : decl.type === 'boolean' ? ':boolean' : decl.type === 'date' ? ':date' : decl.type === 'string[]' ? ':string[]' : '';
}

/** Header columns: names with neo4j-admin type suffixes; every declared property of any label (or type) gets one. */
function nodeColumns(): string[] {
  const columns = ['id:ID', ':LABEL', 'name', 'aliases:string[]', 'aliasLanguages:string[]'];
  const seen = new Set(columns.map((c) => c.split(':')[0]));
  for (const decl of MODEL.labels) {
    for (const [key, prop] of Object.entries(decl.properties)) {
      if (seen.has(key)) continue;
      seen.add(key);
      columns.push(key + columnType(prop));
    }
  }
  for (const key of ['title', 'publisher', 'url', 'published', 'language', 'excerpt:string[]', 'notes']) {
    if (seen.has(key.split(':')[0]!)) continue;
    seen.add(key.split(':')[0]!);
    columns.push(key);
  }
  return [...columns, 'date:date', 'datePrecision', 'dateInferred:boolean', 'endDate:date', 'evidenceSources:string[]', 'evidenceQuotes:string[]'];
}

function relationshipColumns(): string[] {
  const columns = [':START_ID', ':END_ID', ':TYPE', 'id'];
  const seen = new Set(['id']);
  for (const decl of MODEL.relations) {
    for (const [key, prop] of Object.entries(decl.properties)) {
      if (seen.has(key)) continue;
      seen.add(key);
      columns.push(key + columnType(prop));
    }
  }
  return [...columns, 'date:date', 'datePrecision', 'dateInferred:boolean', 'endDate:date', 'evidenceSources:string[]', 'evidenceQuotes:string[]'];
}

const PRECISION_BY_LENGTH: Record<number, string> = { 4: 'year', 7: 'month', 10: 'day' };

function fullDate(partial: string): string {
  return partial.length === 4 ? `${partial}-01-01` : partial.length === 7 ? `${partial}-01` : partial;
}

type CsvValues = Record<string, string | string[] | boolean | undefined>;

function csvRow(columns: string[], values: CsvValues): string {
  return csvLine(columns.map((column) => {
    const key = column.startsWith(':') ? column : column.split(':')[0]!;
    const value = values[key];
    if (value === undefined) return '';
    return Array.isArray(value) ? value.join(';') : String(value);
  }));
}

function dateValues(date: DateValue | undefined): Record<string, string | boolean | undefined> {
  if (!date) return {};
  return { date: fullDate(date.on), datePrecision: PRECISION_BY_LENGTH[date.on.length], dateInferred: date.inferred, endDate: date.until ? fullDate(date.until) : undefined };
}

function evidenceValues(evidence: { source: string; quote: string }[]): Record<string, string[]> {
  return { evidenceSources: evidence.map((e) => e.source), evidenceQuotes: evidence.map((e) => e.quote) };
}

/** A title for the catalog: what the graph is, and which part of it. */
function syntheticTitle(nodes: number, seed: number, part?: { index: number; of: number }): string {
  return `Synthetic graph (${nodes} nodes, seed ${seed})${part ? `, part ${part.index} of ${part.of}` : ''}`;
}

/** Writes the files (and manifest.json) into outDir; the same seed and scale always give the same bytes. */
export async function generateDataset(options: GenerateOptions): Promise<Manifest> {
  const seed = options.seed ?? 42;
  const formats = options.formats ?? ['csv'];
  const parts = options.datasets ?? 1;
  if (!Number.isInteger(parts) || parts < 1) throw new Error(`datasets must be a whole number from 1, got ${parts}`);
  const generator = new Generator(seed, options.nodes, options.relationsPerNode ?? 3, parts);
  const layout = generator.layout;
  if (parts > layout.sources) throw new Error(`${options.nodes} nodes hold ${layout.sources} sources: too few for ${parts} datasets`);
  mkdirSync(options.outDir, { recursive: true });
  const nodes = layout.sources + layout.entities;
  /** Each dataset's files (one set, named as before datasets, when the graph is not split) and counts. */
  const split: ManifestPart[] = [];
  const sinks: { format: BulkFormat; nodes: LineSink; relationships: LineSink }[][] = [];
  for (let p = 0; p < parts; p++) {
    const suffix = parts === 1 ? '' : `-${p + 1}`;
    const part: ManifestPart = { id: syntheticDatasetId(nodes, seed, parts === 1 ? undefined : p + 1), title: syntheticTitle(nodes, seed, parts === 1 ? undefined : { index: p + 1, of: parts }), files: {}, sources: 0, entities: 0, relations: 0 };
    const own: (typeof sinks)[number] = [];
    for (const format of formats) {
      const extension = format === 'csv' ? 'csv' : 'ndjson';
      const names = { nodes: `nodes${suffix}.${extension}`, relationships: `relationships${suffix}.${extension}` };
      part.files[format] = names;
      own.push({ format, nodes: new LineSink(path.join(options.outDir, names.nodes)), relationships: new LineSink(path.join(options.outDir, names.relationships)) });
    }
    split.push(part);
    sinks.push(own);
  }
  const nodeCols = nodeColumns();
  const relCols = relationshipColumns();
  for (const sink of sinks.flat()) {
    if (sink.format === 'csv') {
      await sink.nodes.write(nodeCols.join(',') + '\n');
      await sink.relationships.write(relCols.join(',') + '\n');
    }
  }
  const byLabel: Record<string, number> = {};
  const byType: Record<string, number> = {};
  /** The CSV values every entity and relation carries after its own: its properties, date and evidence. */
  const facts = (item: EntityItem | RelationItem): CsvValues => ({ ...item.properties, ...dateValues(item.date), ...evidenceValues(item.evidence) });
  /** One item to every sink of its dataset: a CSV row under that file's header, or the item itself as an NDJSON line. */
  const write = async (part: number, file: 'nodes' | 'relationships', item: object, csvValues: () => CsvValues) => {
    for (const sink of sinks[part]!) await sink[file].write(sink.format === 'csv' ? csvRow(file === 'nodes' ? nodeCols : relCols, csvValues()) : JSON.stringify(item) + '\n');
  };

  // Sources first: evidence may only cite a source met earlier (in its dataset's own files).
  for (let s = 0; s < layout.sources; s++) {
    const source = generator.source(s);
    const { kind: _kind, id, ...fields } = source;
    const part = generator.sourcePart(s);
    split[part]!.sources++;
    await write(part, 'nodes', source, () => ({ id, ':LABEL': 'Source', ...fields }));
  }
  for (let i = 0; i < layout.entities; i++) {
    const entity = generator.entity(i);
    byLabel[entity.type] = (byLabel[entity.type] ?? 0) + 1;
    const part = layout.partOf(i);
    split[part]!.entities++;
    await write(part, 'nodes', entity, () => ({
      'id': entity.id,
      ':LABEL': entity.type,
      name: entity.name,
      aliases: entity.aliases.map((a) => (typeof a === 'string' ? a : a.name)),
      aliasLanguages: entity.aliases.map((a) => (typeof a === 'string' ? '' : a.language)),
      ...facts(entity),
    }));
  }
  for (let k = 0; k < layout.relations; k++) {
    const relation = generator.relation(k);
    byType[relation.type] = (byType[relation.type] ?? 0) + 1;
    const part = generator.relationPart(k);
    split[part]!.relations++;
    await write(part, 'relationships', relation, () => ({ ':START_ID': relation.from, ':END_ID': relation.to, ':TYPE': relation.type, id: relation.id, ...facts(relation) }));
  }
  for (const sink of sinks.flat()) {
    await sink.nodes.close();
    await sink.relationships.close();
  }
  const manifest: Manifest = {
    generator: GENERATOR_VERSION,
    synthetic: true,
    seed,
    nodes,
    sources: layout.sources,
    entities: layout.entities,
    relations: layout.relations,
    byLabel,
    byType,
    hubs: layout.hubs().map((i) => layout.entityId(i)),
    formats,
    files: parts === 1 ? split[0]!.files : {},
    ...(parts === 1 ? { dataset: { id: split[0]!.id, title: split[0]!.title } } : { datasets: split }),
  };
  writeFileSync(path.join(options.outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** The manifest of files generated earlier with the same parameters, if they are all still there. */
export function cachedDataset(options: GenerateOptions): Manifest | undefined {
  const file = path.join(options.outDir, 'manifest.json');
  if (!existsSync(file)) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    const formats = options.formats ?? ['csv'];
    const parts = manifest.datasets ?? [{ files: manifest.files }];
    const same =
      manifest.generator === GENERATOR_VERSION &&
      manifest.seed === (options.seed ?? 42) &&
      manifest.relations === Math.round(options.nodes * (options.relationsPerNode ?? 3)) &&
      parts.length === (options.datasets ?? 1) &&
      formats.every((f) => manifest.formats.includes(f) && parts.every((part) => part.files[f] && Object.values(part.files[f]!).every((name) => existsSync(path.join(options.outDir, name)))));
    return same ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Paths of a generated dataset's files in one format, sources and entities first. */
export function datasetFiles(dir: string, manifest: Manifest, format: BulkFormat = 'csv'): string[] {
  if (manifest.datasets) throw new Error(`the graph in ${dir} is split into ${manifest.datasets.length} datasets: import each of datasetParts() on its own`);
  const names = manifest.files[format];
  if (!names) throw new Error(`the dataset in ${dir} has no ${format} files`);
  return [path.join(dir, names.nodes), path.join(dir, names.relationships)];
}

/** Each dataset of a generated graph (one, or those it is split into) with its files in one format, to import one by one. */
export function datasetParts(dir: string, manifest: Manifest, format: BulkFormat = 'csv'): { id: string; title: string; files: string[] }[] {
  const parts = manifest.datasets ?? [{ id: manifest.dataset?.id ?? syntheticDatasetId(manifest.nodes, manifest.seed), title: manifest.dataset?.title ?? syntheticTitle(manifest.nodes, manifest.seed), files: manifest.files }];
  return parts.map((part) => {
    const names = part.files[format];
    if (!names) throw new Error(`the dataset ${part.id} in ${dir} has no ${format} files`);
    return { id: part.id, title: part.title, files: [path.join(dir, names.nodes), path.join(dir, names.relationships)] };
  });
}

/**
 * Adds a synthetic graph of `nodes` nodes to the database through the bulk importer, which refuses a
 * database that holds real datasets (ingest/synthetic-guard.ts). Used by load tests and benchmarks.
 */
export async function growDatabase(db: Database, options: { nodes: number; seed?: number; log?: (line: string) => void } & ImportOptions): Promise<ImportResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-bulk-'));
  try {
    const { nodes, seed, log, ...importOptions } = options;
    const manifest = await generateDataset({ nodes, seed, outDir: dir });
    log?.(`generated ${manifest.nodes} nodes and ${manifest.relations} relations; importing...`);
    const result = await importBulk(db, datasetFiles(dir, manifest), { log, ...importOptions });
    log?.(`imported in ${(result.totalMs / 1000).toFixed(1)} s`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
