// Schema discovery reads: label and type counts, sampled properties and values, the database's shape, the full-text index and the loaded datasets, for the catalog.
import type { Database, PlainNode, PlainRelationship, PlainValue, Row } from '../../../db/database.ts';
import { CypherError, ReadOnlyError } from '../../../db/errors.ts';
import { labelSample, type LabelSample } from '../../../ingest/search-index.ts';
import { asNumber, runNamed, seenParams, type Seen } from './run.ts';

export interface NameCount {
  name: string;
  count: number;
}

export interface SchemaCounts {
  labels: NameCount[];
  relationshipTypes: NameCount[];
}

function nameCounts(value: PlainValue | undefined): NameCount[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry) => {
    const e = entry as { name: string; count: number };
    return { name: String(e.name), count: asNumber(e.count) };
  });
}

function schemaCountsOf(rows: Row[]): SchemaCounts {
  const row = rows[0] ?? {};
  return { labels: nameCounts(row.labels), relationshipTypes: nameCounts(row.relationshipTypes) };
}

/** Counts from the count store only (instant on any size of graph); throws where the store cannot be read. */
export async function countStoreCounts(db: Database): Promise<SchemaCounts> {
  return schemaCountsOf((await runNamed(db, 'schema-counts', {})).rows);
}

/** Counts from the count store; a full scan where the store cannot be read (e.g. missing privileges). */
export async function schemaCounts(db: Database): Promise<SchemaCounts> {
  try {
    return await countStoreCounts(db);
  } catch (error) {
    // A missing privilege (ReadOnlyError: Neo4j's Forbidden) or a server without the procedure (CypherError) leaves the scan.
    if (!(error instanceof CypherError) && !(error instanceof ReadOnlyError)) throw error;
    return schemaCountsOf((await runNamed(db, 'schema-counts-scan', {})).rows);
  }
}

/** A relationship pattern of the schema graph: a type between two labels, and how many relationships it has. */
export interface PatternCount {
  from: string;
  type: string;
  to: string;
  count: number;
}

/** What a caller who reads only some datasets sees of the graph, counted. */
export interface VisibleCounts extends SchemaCounts {
  /** The nodes the graph views can show (records left out). */
  nodes: number;
  sources: number;
  /** Per pattern (a relationship's type and a label at either end): the schema graph's counts. */
  patterns: PatternCount[];
}

/**
 * Counts of what a caller sees (`seen`, schema-counts-visible.cypher): the counts behind /api/schema, the schema
 * graph and the overview for a caller who reads only some datasets or shows only some fact statuses; one pass
 * over the entities and relationships they may see. Never for one who sees everything: the count store answers that (countStoreCounts).
 */
export async function visibleCounts(db: Database, seen: Seen): Promise<VisibleCounts> {
  const empty: VisibleCounts = { labels: [], relationshipTypes: [], nodes: 0, sources: 0, patterns: [] };
  if (seen.datasets?.length === 0) return empty;
  const row = (await runNamed(db, 'schema-counts-visible', seenParams(seen))).rows[0];
  if (!row) return empty;
  const labels = new Map<string, number>();
  let nodes = 0;
  for (const group of (row.nodes as { labels: string[]; count: number }[] | null) ?? []) {
    const count = asNumber(group.count);
    nodes += count;
    for (const label of group.labels) labels.set(label, (labels.get(label) ?? 0) + count);
  }
  const types = new Map<string, number>();
  const patterns = new Map<string, PatternCount>();
  for (const group of (row.patterns as { from: string[]; type: string; to: string[]; count: number }[] | null) ?? []) {
    const count = asNumber(group.count);
    types.set(group.type, (types.get(group.type) ?? 0) + count);
    for (const from of group.from) {
      for (const to of group.to) {
        const key = `${from}\u0000${group.type}\u0000${to}`;
        const pattern = patterns.get(key) ?? { from, type: group.type, to, count: 0 };
        pattern.count += count;
        patterns.set(key, pattern);
      }
    }
  }
  return {
    labels: [...labels].map(([name, count]) => ({ name, count })),
    relationshipTypes: [...types].map(([name, count]) => ({ name, count })),
    nodes,
    sources: asNumber(row.sources),
    patterns: [...patterns.values()],
  };
}

export interface SeenProperty {
  key: string;
  type: string;
  seen: number;
}

function seenProperties(value: PlainValue | undefined): SeenProperty[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry) => {
    const e = entry as { key: string; type: string; seen?: number };
    return { key: String(e.key), type: String(e.type), seen: asNumber(e.seen ?? 1) };
  });
}

export interface SeenRelationshipType {
  type: string;
  from: string[];
  to: string[];
  properties: SeenProperty[];
}

export async function sampledRelationshipTypes(db: Database, sample: number): Promise<SeenRelationshipType[]> {
  const { rows } = await runNamed(db, 'schema-relationship-properties', { sample });
  return rows.map((row) => ({
    type: String(row.type),
    from: (row.fromLabels as string[]) ?? [],
    to: (row.toLabels as string[]) ?? [],
    properties: seenProperties(row.properties),
  }));
}

/** Properties of one label with Neo4j value types and sample values (schema-label-values.cypher), as the inferred model reads them. */
export async function labelValues(db: Database, label: string, sample: number, values: number): Promise<LabelSample> {
  const { rows } = await runNamed(db, 'schema-label-values', { label, sample, values });
  return labelSample(rows[0]?.properties);
}

export interface SchemaGraph {
  labels: string[];
  relationships: { type: string; from: string; to: string }[];
  /** Count store: relationships of a type starting at a label ('out') or ending at one ('in'). */
  outgoing: Map<string, number>;
  incoming: Map<string, number>;
}

/** db.schema.visualization() as names, with the count store's per-label relationship counts. */
export async function schemaGraph(db: Database): Promise<SchemaGraph> {
  const [shape, counts] = await Promise.all([runNamed(db, 'schema-graph', {}), runNamed(db, 'schema-pattern-counts', {})]);
  const row = shape.rows[0] ?? {};
  const tally = (value: PlainValue | undefined) =>
    new Map(((value as { type: string; label: string; count: number }[] | null) ?? []).map((e) => [`${e.type}\u0000${e.label}`, asNumber(e.count)] as const));
  // Virtual nodes and relationships: the relationships name their ends by the virtual nodes' element ids.
  const nodes = ((row.nodes as PlainNode[] | null) ?? []).filter((n) => n && typeof n === 'object' && 'properties' in n);
  const nameOf = new Map(nodes.map((n) => [n.elementId, String(n.properties.name)] as const));
  const relationships: SchemaGraph['relationships'] = [];
  for (const r of (row.relationships as PlainRelationship[] | null) ?? []) {
    const from = nameOf.get(r.startElementId);
    const to = nameOf.get(r.endElementId);
    if (from && to) relationships.push({ type: r.type, from, to });
  }
  return {
    labels: [...nameOf.values()],
    relationships,
    outgoing: tally(counts.rows[0]?.outgoing),
    incoming: tally(counts.rows[0]?.incoming),
  };
}

export interface FullTextIndexInfo {
  name: string;
  state: string;
  labels: string[];
  properties: string[];
}

export async function fullTextIndex(db: Database, index: string): Promise<FullTextIndexInfo | undefined> {
  const { rows } = await runNamed(db, 'fulltext-index', { index });
  const row = rows[0];
  if (!row) return undefined;
  return { name: String(row.name), state: String(row.state), labels: (row.labelsOrTypes as string[]) ?? [], properties: (row.properties as string[]) ?? [] };
}

export interface DatasetInfo {
  id: string;
  title: string;
  description?: string;
  synthetic: boolean;
}

/** The dataset files loaded into the database (their records), for the page to say what is open. */
export async function loadedDatasets(db: Database): Promise<DatasetInfo[]> {
  const { rows } = await runNamed(db, 'datasets', {});
  return rows.map((r) => ({ id: String(r.id), title: String(r.title ?? r.id), ...(typeof r.description === 'string' ? { description: r.description } : {}), synthetic: r.synthetic === true }));
}
