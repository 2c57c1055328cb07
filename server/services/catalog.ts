// What the graph holds: labels, relationship types and caption properties, from the model's declaration and from the database itself.
import type { Database, PlainValue } from '../../db/database.ts';
import { defaultCaption, type CaptionResolver } from '../../db/mapping.ts';
import { chooseCaption, DATASET_LABEL, ENTITY_LABEL, RECORD_LABELS, SEARCH_INDEX_NAME, SOURCE_LABEL, type Model, type PropertyDecl } from '../../model/index.ts';
import { storedModel } from '../../ingest/model-store.ts';
import {
  fullTextIndex,
  labelProperties,
  sampledNodeProperties,
  sampledRelationshipTypes,
  schemaCounts,
  type FullTextIndexInfo,
  type SeenProperty,
} from './graph-reads.ts';

/** The full-text index the loader creates (model/cypher-schema.ts); search uses it when it is online. */
export const SEARCH_INDEX = SEARCH_INDEX_NAME;

export interface PropertyInfo {
  name: string;
  type: string;
  description?: string;
  required?: boolean;
}

export interface LabelInfo {
  label: string;
  count: number;
  declared: boolean;
  description?: string;
  caption: string;
  color: string;
  shape: string;
  properties: PropertyInfo[];
}

export interface RelationshipTypeInfo {
  type: string;
  count: number;
  declared: boolean;
  description?: string;
  color: string;
  from: string[];
  to: string[];
  properties: PropertyInfo[];
}

export interface SearchInfo {
  mode: 'fulltext' | 'scan';
  index: string;
  /** Offered in scan mode: a command that creates a full-text index over this database's captions. */
  createIndex?: string;
}

export interface CatalogSnapshot {
  labels: LabelInfo[];
  relationshipTypes: RelationshipTypeInfo[];
  search: SearchInfo;
  sourceCount: number;
  /** The database holds Civic Graph's own data (nodes labelled Entity). */
  ours: boolean;
  fullText?: FullTextIndexInfo;
  /** label -> caption property, for every label known (declared or discovered). */
  captions: Map<string, string>;
  /** The model the database's datasets use: civic space and their own extensions. */
  model: Model;
  /** The dataset files loaded into the database (their records), for the page to say what is open. */
  datasets: DatasetInfo[];
}

export interface DatasetInfo {
  id: string;
  title: string;
  description?: string;
  synthetic: boolean;
}

async function loadedDatasets(db: Database): Promise<DatasetInfo[]> {
  const { rows } = await db.read(`MATCH (d:${DATASET_LABEL}) RETURN d.id AS id, d.title AS title, d.description AS description, d.synthetic AS synthetic ORDER BY id`);
  return rows.map((r) => ({ id: String(r.id), title: String(r.title ?? r.id), ...(typeof r.description === 'string' ? { description: r.description } : {}), synthetic: r.synthetic === true }));
}

/** Colours for labels the model does not declare; picked by a stable hash of the name. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const UNDECLARED_EDGE_COLOR = '#9aa0a6';

/** Properties that are bookkeeping, never a caption. */
const NOT_CAPTIONS = /^(id|searchText|aliasLanguages|evidence\w*|datePrecision|dateInferred)$/;

function colorFor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

/** Neo4j's valueType() strings -> the model's property types. */
export function propertyType(neo4jType: string): string {
  const t = neo4jType.replace(/ NOT NULL/g, '');
  if (t === 'STRING') return 'string';
  if (t === 'INTEGER' || t === 'FLOAT') return 'number';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE') return 'date';
  if (t === 'LIST<STRING>') return 'string[]';
  if (/^LIST<(INTEGER|FLOAT)>$/.test(t)) return 'number[]';
  return t.toLowerCase();
}

/** The property to show for a label the model does not declare: name, title, or the most common string. */
export function discoverCaption(properties: SeenProperty[]): string {
  const strings = properties.filter((p) => propertyType(p.type) === 'string' && !NOT_CAPTIONS.test(p.key));
  return chooseCaption(strings) ?? (properties.some((p) => p.key === 'id') ? 'id' : '');
}

function declaredProperties(properties: Record<string, PropertyDecl>): PropertyInfo[] {
  return Object.entries(properties).map(([name, decl]) => ({
    name,
    type: decl.type,
    description: decl.description,
    ...(decl.required ? { required: true } : {}),
  }));
}

function seenToInfo(properties: SeenProperty[]): PropertyInfo[] {
  const byName = new Map<string, PropertyInfo>();
  for (const p of properties) {
    if (/^evidence/.test(p.key) || byName.has(p.key)) continue;
    byName.set(p.key, { name: p.key, type: propertyType(p.type) });
  }
  return [...byName.values()];
}

function quoteName(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

/** A CREATE FULLTEXT INDEX command covering the caption properties of the given labels. */
export function createIndexCommand(labels: LabelInfo[]): string | undefined {
  const withCaption = labels.filter((l) => l.caption && l.caption !== 'id');
  if (withCaption.length === 0) return undefined;
  const properties = [...new Set(withCaption.map((l) => l.caption))];
  return (
    `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS FOR (n:${withCaption.map((l) => quoteName(l.label)).join('|')}) ` +
    `ON EACH [${properties.map((p) => `n.${quoteName(p)}`).join(', ')}] OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'standard-folding'}}`
  );
}

/** Builds a caption resolver from label -> caption property. */
export function captionResolverFor(captions: Map<string, string>): CaptionResolver {
  return (labels: string[], properties: Record<string, PlainValue>) => {
    for (const label of labels) {
      const key = captions.get(label);
      const value = key ? properties[key] : undefined;
      if (typeof value === 'string' && value) return value;
      if (typeof value === 'number') return String(value);
    }
    return defaultCaption(labels, properties);
  };
}

async function discover(db: Database): Promise<CatalogSnapshot> {
  const [counts, sampled, relSample, fullText, model, datasets] = await Promise.all([
    schemaCounts(db),
    sampledNodeProperties(db, 2000),
    sampledRelationshipTypes(db, 2000),
    fullTextIndex(db, SEARCH_INDEX),
    // The loaded model: civic space plus what the datasets in this database declared.
    storedModel(db),
    loadedDatasets(db),
  ]);
  const labelCount = new Map(counts.labels.map((l) => [l.name, l.count]));
  const typeCount = new Map(counts.relationshipTypes.map((t) => [t.name, t.count]));
  const ours = (labelCount.get(ENTITY_LABEL) ?? 0) > 0;

  const labels: LabelInfo[] = [];
  const seenLabels = new Set<string>();
  // Label tokens outlive their last node (count 0); list them only as part of our own declaration.
  const labelNames = [...(ours ? model.labels.map((d) => d.label) : []), ...counts.labels.filter((l) => l.count > 0).map((l) => l.name)];
  for (const label of labelNames) {
    if (seenLabels.has(label) || label === ENTITY_LABEL || RECORD_LABELS.includes(label)) continue;
    seenLabels.add(label);
    const count = labelCount.get(label) ?? 0;
    const decl = ours ? model.label(label) : undefined;
    if (decl) {
      labels.push({
        label,
        count,
        declared: true,
        description: decl.description,
        caption: decl.caption,
        color: decl.color,
        shape: decl.shape,
        properties: declaredProperties(decl.properties),
      });
      continue;
    }
    // Labels missing from the global sample (rare ones in a large graph) get a sample of their own.
    const seen = sampled.get(label) ?? (count > 0 ? await labelProperties(db, label, 50) : []);
    labels.push({ label, count, declared: false, caption: discoverCaption(seen), color: colorFor(label), shape: 'ellipse', properties: seenToInfo(seen) });
  }
  labels.sort((a, b) => Number(b.declared) - Number(a.declared) || b.count - a.count || a.label.localeCompare(b.label));

  const relSeen = new Map(relSample.map((r) => [r.type, r]));
  const types: RelationshipTypeInfo[] = [];
  const seenTypes = new Set<string>();
  const typeNames = [...(ours ? model.relations.map((r) => r.type) : []), ...counts.relationshipTypes.filter((t) => t.count > 0).map((t) => t.name)];
  for (const type of typeNames) {
    if (seenTypes.has(type)) continue;
    seenTypes.add(type);
    const count = typeCount.get(type) ?? 0;
    const decl = ours ? model.relation(type) : undefined;
    const seen = relSeen.get(type);
    if (decl) {
      types.push({
        type,
        count,
        declared: true,
        description: decl.description,
        color: decl.color,
        from: [...decl.from],
        to: [...decl.to],
        properties: declaredProperties(decl.properties),
      });
    } else {
      types.push({
        type,
        count,
        declared: false,
        color: UNDECLARED_EDGE_COLOR,
        from: (seen?.from ?? []).filter((l) => l !== ENTITY_LABEL),
        to: (seen?.to ?? []).filter((l) => l !== ENTITY_LABEL),
        properties: seenToInfo(seen?.properties ?? []),
      });
    }
  }
  types.sort((a, b) => Number(b.declared) - Number(a.declared) || b.count - a.count || a.type.localeCompare(b.type));

  const captions = new Map(model.labels.map((decl) => [decl.label, decl.caption] as const));
  for (const l of labels) if (!captions.has(l.label) && l.caption) captions.set(l.label, l.caption);

  const online = fullText?.state === 'ONLINE';
  const search: SearchInfo = online ? { mode: 'fulltext', index: SEARCH_INDEX } : { mode: 'scan', index: SEARCH_INDEX };
  if (!online && !fullText) {
    const command = createIndexCommand(labels.filter((l) => l.count > 0));
    if (command) search.createIndex = command;
  }
  return {
    labels,
    relationshipTypes: types,
    search,
    sourceCount: labelCount.get(SOURCE_LABEL) ?? 0,
    ours,
    model,
    datasets,
    ...(fullText ? { fullText } : {}),
    captions,
  };
}

/**
 * Caches the discovery for a short while: it costs a few queries, the schema rarely changes,
 * and a loader run or a new index shows up within `ttlMs`.
 */
export class Catalog {
  private cached: { at: number; value: Promise<CatalogSnapshot> } | undefined;

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 10_000,
  ) {}

  snapshot(): Promise<CatalogSnapshot> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.value;
    const value = discover(this.db);
    this.cached = { at: now, value };
    // A failed discovery (Neo4j away) must not be cached.
    value.catch(() => {
      if (this.cached?.value === value) this.cached = undefined;
    });
    return value;
  }

  async captionResolver(): Promise<CaptionResolver> {
    return captionResolverFor((await this.snapshot()).captions);
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
