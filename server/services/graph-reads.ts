// Loads the named queries in cypher/queries/*.cypher (one per file) and offers typed functions over them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../db/config.ts';
import { AppError } from '../../db/errors.ts';
import type { Database, PlainNode, PlainPath, PlainRelationship, PlainValue, RunOptions } from '../../db/database.ts';
import { lookupParams, parsePublicId, publicId } from '../../db/mapping.ts';
import { RECORD_LABELS, type Model } from '../../model/index.ts';
import { SLICE_PARAMS, timelineSlices } from './timeline-slices.ts';
import { labelSample, type LabelSample } from '../../ingest/search-index.ts';

export const queriesDir = path.join(projectRoot, 'cypher', 'queries');

/** One .cypher file: its header comments (`// title:`, `// description:`, `// params:`, `// example:`) and its statement. */
export interface NamedQuery {
  name: string;
  title: string;
  description: string;
  /** The statement without its header comments. */
  cypher: string;
  /** Example parameters, from the `// params:` JSON. */
  params: Record<string, unknown>;
  /** Shown to analysts in the console's list of examples. */
  example: boolean;
}

export function parseNamedQuery(name: string, text: string): NamedQuery {
  const lines = text.split('\n');
  const header: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const match = /^\s*\/\/\s*(title|description|params|example):\s?(.*)$/.exec(lines[i]!);
    if (!match) break;
    const key = match[1]!;
    header[key] = header[key] ? `${header[key]} ${match[2]!.trim()}` : match[2]!.trim();
  }
  if (!header.title) throw new Error(`cypher/queries/${name}.cypher must start with a '// title:' comment`);
  let params: Record<string, unknown> = {};
  if (header.params) {
    try {
      params = JSON.parse(header.params) as Record<string, unknown>;
    } catch {
      throw new Error(`cypher/queries/${name}.cypher: the '// params:' line is not JSON`);
    }
  }
  return {
    name,
    title: header.title,
    description: header.description ?? '',
    cypher: lines.slice(i).join('\n').trim(),
    params,
    example: header.example === 'true' || header.example === 'yes',
  };
}

let loaded: Map<string, NamedQuery> | undefined;

/** All named queries, read once from disk. */
export function namedQueries(): Map<string, NamedQuery> {
  if (loaded) return loaded;
  const map = new Map<string, NamedQuery>();
  for (const file of readdirSync(queriesDir).sort()) {
    if (!file.endsWith('.cypher')) continue;
    const name = file.slice(0, -'.cypher'.length);
    map.set(name, parseNamedQuery(name, readFileSync(path.join(queriesDir, file), 'utf8')));
  }
  loaded = map;
  return map;
}

export function namedQuery(name: string): NamedQuery {
  const query = namedQueries().get(name);
  if (!query) throw new Error(`no named query cypher/queries/${name}.cypher`);
  return query;
}

/** The queries shown to analysts as examples, in file-name order. */
export function exampleQueries(): NamedQuery[] {
  return [...namedQueries().values()].filter((q) => q.example);
}

/**
 * Plans every named query and the model's timeline slices once (EXPLAIN, nothing runs), so that the
 * first users after a start do not wait for Neo4j's planner: a cold JVM took 10 s to plan the
 * timeline's slices. Neo4j caches a plan per parameter types, so the slices are planned for both
 * an open and a bounded start. Then one timeline window runs for real (below).
 */
export async function warmQueryPlans(db: Database, model: Model): Promise<{ planned: number; failed: string[] }> {
  let planned = 0;
  const failed: string[] = [];
  const plans = [
    ...[...namedQueries().values()].map((q) => ({ name: q.name, cypher: q.cypher, variants: [q.params] })),
    ...timelineSlices(model).map((s) => ({ name: `timeline slice ${s.name}`, cypher: s.cypher, variants: [SLICE_PARAMS, { ...SLICE_PARAMS, from: '2000-01-01' }] })),
  ];
  for (const query of plans) {
    for (const params of query.variants) {
      try {
        await db.read(`EXPLAIN ${query.cypher}`, params);
        planned++;
      } catch {
        failed.push(query.name);
      }
    }
  }
  // Planned is not yet fast: right after a start, the first timeline window of all took 3.1 s at 100k
  // and the first of another window then 0.8 s (measured), so one window is run here, while health still
  // says 'warming'. Half of last year: a range any dated graph is likely to reach, and cheap when empty.
  const year = new Date().getUTCFullYear() - 1;
  try {
    await timeline(db, { from: `${year}-01-01`, to: `${year}-06-30`, types: null, limit: 50 }, model);
  } catch {
    failed.push('timeline (one window run)');
  }
  return { planned, failed };
}

function run(db: Database, name: string, params: Record<string, unknown>, options?: RunOptions) {
  return db.read(namedQuery(name).cypher, params, options);
}

const asNode = (value: PlainValue | undefined) => value as PlainNode;
const asNumber = (value: PlainValue | undefined) => (typeof value === 'number' ? value : Number(value ?? 0));

// ---- overview -------------------------------------------------------------------------------

export async function overviewNodes(db: Database, limit: number): Promise<PlainNode[]> {
  const { rows } = await run(db, 'overview-nodes', { limit, recordLabels: RECORD_LABELS });
  return rows.map((row) => asNode(row.n));
}

/** A label name as a Cypher identifier (backticks doubled); labels come from what Neo4j reports. */
function labelIdentifier(label: string): string {
  return '`' + label.replace(/`/g, '``') + '`';
}

/**
 * The seeds of a sampled overview: for each label, the best-connected of its first $sample nodes
 * (degrees from the degree store). Neo4j seeks a label only when it is written in the query (a
 * label parameter scans every node), so the statement is rendered from the labels Neo4j reported,
 * one branch per label; each reads at most $sample nodes, whatever the size of the label.
 */
export function overviewSeedsCypher(labels: readonly string[]): string {
  const branches = labels.map(
    (label, i) =>
      `  MATCH (s:${labelIdentifier(label)}) WITH s LIMIT $sample\n  WITH s, COUNT { (s)--() } AS degree ORDER BY degree DESC LIMIT $seedsPerLabel\n  RETURN elementId(s) AS seed, ${i} AS labelRank, degree`,
  );
  return `CALL () {\n${branches.join('\n  UNION ALL\n')}\n}\nRETURN seed, labelRank, degree`;
}

/**
 * A sample of a graph too large to draw whole: a few well-connected seeds per label, taken in turn
 * across labels (every label's first seed, then every label's second...), each with its neighbours,
 * so the sample shows how the labels connect instead of a grid of isolated nodes.
 */
export async function overviewSample(
  db: Database,
  params: { labels: readonly string[]; limit: number; seedsPerLabel?: number; sample?: number; perSeed?: number },
): Promise<PlainNode[]> {
  const labels = params.labels.filter((l) => !RECORD_LABELS.includes(l));
  if (!labels.length) return [];
  const seedsPerLabel = params.seedsPerLabel ?? 3;
  const { rows } = await db.read(overviewSeedsCypher(labels), { sample: params.sample ?? 200, seedsPerLabel });
  const byLabel = new Map<number, string[]>();
  for (const row of rows) {
    const rank = asNumber(row.labelRank);
    byLabel.set(rank, [...(byLabel.get(rank) ?? []), String(row.seed)]);
  }
  const seeds: string[] = [];
  for (let turn = 0; turn < seedsPerLabel; turn++) for (const list of byLabel.values()) if (list[turn]) seeds.push(list[turn]!);
  if (!seeds.length) return [];
  // Enough neighbours per seed that the first seed of every label fits within the limit.
  const perSeed = params.perSeed ?? Math.max(3, Math.floor(params.limit / Math.max(1, byLabel.size)) - 1);
  const neighbourhoods = await run(db, 'overview-neighbourhoods', { seeds, perSeed, limit: params.limit, recordLabels: RECORD_LABELS });
  return neighbourhoods.rows.map((row) => asNode(row.n));
}

export async function relationshipsAmong(db: Database, elementIds: string[], limit: number): Promise<PlainRelationship[]> {
  if (elementIds.length === 0) return [];
  const { rows } = await run(db, 'overview-edges', { elementIds, limit });
  return rows.map((row) => row.r as PlainRelationship);
}

/**
 * The statement counting the nodes the graph views can show: every node less the records about the
 * graph (RECORD_LABELS), each count read from Neo4j's count store (a label parameter would scan
 * every node, so the labels are written into the statement). Records never carry a second record label.
 */
export function countNodesCypher(recordLabels: readonly string[] = RECORD_LABELS): string {
  return `MATCH (n) WITH count(n) AS everything\nRETURN everything${recordLabels.map((l) => ` - COUNT { MATCH (n:${labelIdentifier(l)}) }`).join('')} AS total`;
}

export async function countNodes(db: Database): Promise<number> {
  const { rows } = await db.read(countNodesCypher());
  return asNumber(rows[0]?.total);
}

// ---- schema discovery -------------------------------------------------------------------------

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

/** Counts from the count store; a full scan where the store cannot be read (e.g. missing privileges). */
export async function schemaCounts(db: Database): Promise<SchemaCounts> {
  let rows;
  try {
    ({ rows } = await run(db, 'schema-counts', {}));
  } catch (error) {
    // A missing privilege (403) or a server without the procedure (400) leaves the scan.
    if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 403)) throw error;
    ({ rows } = await run(db, 'schema-counts-scan', {}));
  }
  const row = rows[0] ?? {};
  return { labels: nameCounts(row.labels), relationshipTypes: nameCounts(row.relationshipTypes) };
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

/** Property names and value types per label, from a sample of the first nodes. */
export async function sampledNodeProperties(db: Database, sample: number): Promise<Map<string, SeenProperty[]>> {
  const { rows } = await run(db, 'schema-sample-properties', { sample });
  return new Map(rows.map((row) => [String(row.label), seenProperties(row.properties)]));
}

export async function labelProperties(db: Database, label: string, sample: number): Promise<SeenProperty[]> {
  const { rows } = await run(db, 'schema-label-properties', { label, sample });
  return seenProperties(rows[0]?.properties);
}

export interface SeenRelationshipType {
  type: string;
  from: string[];
  to: string[];
  properties: SeenProperty[];
}

export async function sampledRelationshipTypes(db: Database, sample: number): Promise<SeenRelationshipType[]> {
  const { rows } = await run(db, 'schema-relationship-properties', { sample });
  return rows.map((row) => ({
    type: String(row.type),
    from: (row.fromLabels as string[]) ?? [],
    to: (row.toLabels as string[]) ?? [],
    properties: seenProperties(row.properties),
  }));
}

/** Properties of one label with Neo4j value types and sample values (schema-label-values.cypher), as the inferred model reads them. */
export async function labelValues(db: Database, label: string, sample: number, values: number): Promise<LabelSample> {
  const { rows } = await run(db, 'schema-label-values', { label, sample, values });
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
  const [shape, counts] = await Promise.all([run(db, 'schema-graph', {}), run(db, 'schema-pattern-counts', {})]);
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

/** A label's most connected nodes (by degree) and the relationships among them; `label` must be one the database reports. */
export async function labelTop(db: Database, label: string, limit: number): Promise<{ nodes: PlainNode[]; degrees: number[]; relationships: PlainRelationship[] }> {
  const { rows } = await run(db, 'label-top', { label, limit });
  const row = rows[0] ?? {};
  return {
    nodes: (row.nodes as PlainNode[] | null) ?? [],
    degrees: ((row.degrees as number[] | null) ?? []).map(asNumber),
    relationships: (row.relationships as PlainRelationship[] | null) ?? [],
  };
}

/** The ends of the console's generated path example: the most connected node of `label` and one a few hops away. */
export async function consolePathEnds(db: Database, label: string): Promise<{ from: string; to: string } | undefined> {
  const { rows } = await run(db, 'console-path-ends', { label });
  return rows[0] ? { from: String(rows[0].from), to: String(rows[0].to) } : undefined;
}

export interface FullTextIndexInfo {
  name: string;
  state: string;
  labels: string[];
  properties: string[];
}

export async function fullTextIndex(db: Database, index: string): Promise<FullTextIndexInfo | undefined> {
  const { rows } = await run(db, 'fulltext-index', { index });
  const row = rows[0];
  if (!row) return undefined;
  return { name: String(row.name), state: String(row.state), labels: (row.labelsOrTypes as string[]) ?? [], properties: (row.properties as string[]) ?? [] };
}

// ---- search ---------------------------------------------------------------------------------

export interface ScoredNode {
  node: PlainNode;
  score: number;
}

/**
 * How many best hits Lucene keeps before the label filter: the limit itself when nothing is filtered (the index
 * holds no Source), else a bound wide enough for a label among many (a label past the 5,000 best hits of a
 * common word is not found by that word; a second word narrows it).
 */
export function fullTextCandidates(labels: string[] | null, limit: number): number {
  return labels ? Math.max(limit, LABELLED_CANDIDATES) : limit;
}
const LABELLED_CANDIDATES = 5_000;

export async function searchFullText(
  db: Database,
  params: { index: string; query: string; labels: string[] | null; limit: number },
  options?: RunOptions,
): Promise<ScoredNode[]> {
  const { rows } = await run(db, 'search-fulltext', { ...params, candidates: fullTextCandidates(params.labels, params.limit) }, options);
  return rows.map((row) => ({ node: asNode(row.node), score: asNumber(row.score) }));
}

export async function searchScan(db: Database, params: { pattern: string; labels: string[] | null; limit: number }, options?: RunOptions): Promise<PlainNode[]> {
  const { rows } = await run(db, 'search-scan', params, options);
  return rows.map((row) => asNode(row.node));
}

/** The bounded scan of a foreign database's name properties (search-names-scan.cypher): at most `examine` nodes read per label. */
export async function searchNamesScan(
  db: Database,
  params: { targets: { label: string; properties: string[] }[]; pattern: string; examine: number; limit: number },
  options?: RunOptions,
): Promise<PlainNode[]> {
  if (params.targets.length === 0) return [];
  const { rows } = await run(db, 'search-names-scan', params, options);
  return rows.map((row) => asNode(row.node));
}

// ---- nodes ----------------------------------------------------------------------------------

/** The node a public id names, or undefined: one seek (element id, or the Entity or Source constraint). */
export async function resolveNode(db: Database, id: string): Promise<PlainNode | undefined> {
  const { rows } = await run(db, 'node-resolve', lookupParams(id));
  return rows[0] ? asNode(rows[0].n) : undefined;
}

/** The nodes public ids name, keyed by the requested id; unknown ids are absent. One seek per id, in one query. */
export async function resolveNodes(db: Database, ids: string[]): Promise<Map<string, PlainNode>> {
  const datasetIds: string[] = [];
  const elementIds: string[] = [];
  for (const id of ids) {
    const parsed = parsePublicId(id);
    if ('elementId' in parsed) elementIds.push(parsed.elementId);
    else datasetIds.push(parsed.id);
  }
  const found = new Map<string, PlainNode>();
  const { rows } = await run(db, 'nodes-resolve-many', { ids: datasetIds, elementIds });
  for (const row of rows) {
    const node = asNode(row.n);
    // Both names lead to the node: the public id, and '~' + element id (asked for where a dataset id was not known).
    found.set(publicId(node), node);
    found.set('~' + node.elementId, node);
  }
  const out = new Map<string, PlainNode>();
  for (const id of ids) {
    const node = found.get(id);
    if (node) out.set(id, node);
  }
  return out;
}

export async function nodesByElementIds(db: Database, elementIds: string[]): Promise<PlainNode[]> {
  if (elementIds.length === 0) return [];
  const { rows } = await run(db, 'nodes-by-element-ids', { elementIds });
  return rows.map((row) => asNode(row.n));
}

export interface NodeDetailsRow {
  node: PlainNode;
  degree: number;
  relationshipTypes: { type: string; direction: 'out' | 'in'; count: number }[];
  /** The sources the node's evidence cites. */
  sources: SourceRecord[];
}

/** A node by its public id with its degree, counts per type and the sources it cites: one round trip. */
export async function nodeDetails(db: Database, id: string): Promise<NodeDetailsRow | undefined> {
  const { rows } = await run(db, 'node-details', lookupParams(id));
  const row = rows[0];
  if (!row) return undefined;
  const types = (row.relationshipTypes as { type: string; direction: 'out' | 'in'; count: number }[]) ?? [];
  const sources = ((row.sources as Record<string, PlainValue>[]) ?? []).map(sourceRecord);
  return { node: asNode(row.n), degree: asNumber(row.degree), relationshipTypes: types.map((t) => ({ ...t, count: asNumber(t.count) })), sources };
}

export interface NeighborsPage {
  node: PlainNode;
  total: number;
  page: { relationship: PlainRelationship; neighbor: PlainNode }[];
}

/** A page of a node's neighbours by its public id, in one round trip; a page costs its offset and size, not the degree. */
export async function neighbors(
  db: Database,
  params: { id: string; types: string[] | null; direction: 'out' | 'in' | 'both'; offset: number; limit: number },
): Promise<NeighborsPage | undefined> {
  const { id, ...rest } = params;
  const { rows } = await run(db, 'neighbors', { ...lookupParams(id), ...rest });
  const row = rows[0];
  if (!row) return undefined;
  return {
    node: asNode(row.n),
    total: asNumber(row.total),
    page: (row.page as { relationship: PlainRelationship; neighbor: PlainNode }[]) ?? [],
  };
}

export async function shortestPaths(
  db: Database,
  params: { from: string; to: string; types: string[] | null; maxLength: number; limit: number },
  options?: RunOptions,
): Promise<PlainPath[]> {
  const { rows } = await run(db, 'paths', params, options);
  return rows.map((row) => row.p as PlainPath);
}

// ---- timeline -------------------------------------------------------------------------------

export interface TimelineRow {
  item: PlainNode | PlainRelationship;
  kind: 'node' | 'relationship';
  type: string;
  precision: string;
  participants: { node: PlainNode; role: string }[];
  /** The first day of the item's period, when it is not the item's own `date` property (a foreign database's dates). */
  date?: string;
}

/** `date` minus one year, as an ISO date: no period without an end date lasts longer than a year. */
export function yearBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y - 1, m - 1, d));
  // 29 February has no twin a year before; the day before 1 March is early enough.
  if (day.getUTCMonth() !== m - 1) day.setUTCDate(0);
  return day.toISOString().slice(0, 10);
}

const PRECISION_RANK: Record<string, number> = { day: 0, month: 1 };
const TIMELINE_SLICES_AT_ONCE = 4;

/** Runs a query and answers its rows (the server's Database, or the benchmark's direct driver). */
export type ReadRows = (cypher: string, params: Record<string, unknown>) => Promise<Record<string, PlainValue>[]>;

/** One item of a slice's first page: what the timeline sorts by. */
interface SliceKey {
  elementId: string;
  kind: 'node' | 'relationship';
  date: string;
  precision: string;
  type: string;
  key: string;
}

/** The timeline's order (date, precision, kind, type, id), as the .cypher files sort: by UTF-16 code units. */
function timelineOrder(a: SliceKey, b: SliceKey): number {
  const keys = (r: SliceKey) => [r.date, PRECISION_RANK[r.precision] ?? 2, r.kind, r.type, r.key] as const;
  const [x, y] = [keys(a), keys(b)];
  for (let i = 0; i < x.length; i++) if (x[i]! !== y[i]!) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}

/**
 * Civic Graph's own data: one query per date index, rendered from the loaded model
 * (timeline-slices.ts), a few at a time; their first pages' keys are merged in the timeline's
 * order, and the page's items are then fetched once, with their participants.
 */
export async function timelineBySlices(
  read: ReadRows,
  model: Model,
  params: { from: string | null; to: string | null; types: string[] | null; limit: number },
): Promise<{ total: number; events: TimelineRow[] }> {
  const relationTypes = new Set(model.relations.map((r) => r.type));
  const wanted = (slice: { kind: string; relationType?: string }) =>
    !params.types || (slice.kind === 'node' ? params.types.some((t) => !relationTypes.has(t)) : params.types.includes(slice.relationType!));
  const filters = {
    from: params.from,
    lower: params.from ? yearBefore(params.from) : '0001-01-01',
    upper: params.to ?? '9999-12-31',
    types: params.types,
    limit: params.limit,
  };
  let total = 0;
  let page: SliceKey[] = [];
  const pending = timelineSlices(model).filter(wanted);
  // A few slices at a time: most of a slice's time is the round trip, but one request must not take the pool.
  const worker = async () => {
    for (let slice = pending.shift(); slice; slice = pending.shift()) {
      const rows = await read(slice.cypher, filters);
      total += asNumber(rows[0]?.total);
      const kind = slice.kind;
      const keys = rows.map((row) => ({
        elementId: String(row.elementId),
        kind,
        date: String(row.date),
        precision: String(row.precision),
        type: String(row.type),
        key: String(row.key),
      }));
      page = page.concat(keys).sort(timelineOrder).slice(0, params.limit);
    }
  };
  await Promise.all(Array.from({ length: TIMELINE_SLICES_AT_ONCE }, worker));
  if (!page.length) return { total, events: [] };
  const ids = (kind: SliceKey['kind']) => page.filter((k) => k.kind === kind).map((k) => k.elementId);
  const rows = await read(namedQuery('timeline-items').cypher, { nodes: ids('node'), relationships: ids('relationship') });
  const items = new Map(rows.map((row) => [(row.item as PlainNode | PlainRelationship).elementId, row]));
  const events: TimelineRow[] = [];
  for (const key of page) {
    const row = items.get(key.elementId);
    // An item deleted between the two reads is left out rather than shown half.
    if (!row) continue;
    events.push(timelineRow({ ...row, kind: key.kind, type: key.type, precision: key.precision }));
  }
  return { total, events };
}

function timelineRow(row: Record<string, PlainValue>): TimelineRow {
  return {
    item: row.item as PlainNode | PlainRelationship,
    kind: row.kind === 'relationship' ? 'relationship' : 'node',
    type: String(row.type),
    precision: String(row.precision),
    participants: (row.participants as unknown as TimelineRow['participants']) ?? [],
  };
}

/**
 * The timeline page and its total. On Civic Graph's own data (`indexed` by its model) it goes through the date
 * indexes; on a foreign graph, whose dates are not indexed, timeline.cypher scans every item.
 */
export async function timeline(
  db: Database,
  params: { from: string | null; to: string | null; types: string[] | null; limit: number },
  indexed: Model | undefined,
): Promise<{ total: number; events: TimelineRow[] }> {
  if (indexed) return timelineBySlices(async (cypher, p) => (await db.read(cypher, p)).rows, indexed, params);
  const { limit, ...filters } = params;
  const [page, count] = await Promise.all([run(db, 'timeline', { ...filters, limit }), run(db, 'timeline-count', filters)]);
  return { total: asNumber(count.rows[0]?.total), events: page.rows.map(timelineRow) };
}

/** A label of a foreign database and the property (and its format) that dates its nodes. */
export interface DatedLabel {
  label: string;
  property: string;
  format: string;
}

const FOREIGN_TIMELINE_LABELS_AT_ONCE = 3;

/**
 * A foreign database's timeline: each label's nodes by its date property, read by format in
 * timeline-dated-label.cypher (ISO keys, so any value is safe), a few labels at a time; their first
 * pages merged in date order, then the page's items fetched once with their participants.
 */
export async function timelineByDateProperties(
  db: Database,
  dated: readonly DatedLabel[],
  params: { from: string | null; to: string | null; types: string[] | null; limit: number },
): Promise<{ total: number; events: TimelineRow[] }> {
  const pending = dated.filter((d) => !params.types || params.types.includes(d.label));
  let total = 0;
  let page: SliceKey[] = [];
  const worker = async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      const { rows } = await run(db, 'timeline-dated-label', { label: next.label, property: next.property, format: next.format, from: params.from, to: params.to, limit: params.limit });
      total += asNumber(rows[0]?.total);
      const keys = ((rows[0]?.page as { elementId: string; date: string; precision: string }[] | null) ?? []).map((k) => ({
        elementId: String(k.elementId),
        kind: 'node' as const,
        date: String(k.date),
        precision: String(k.precision),
        type: next.label,
        key: String(k.elementId),
      }));
      page = page.concat(keys).sort(timelineOrder).slice(0, params.limit);
    }
  };
  await Promise.all(Array.from({ length: FOREIGN_TIMELINE_LABELS_AT_ONCE }, worker));
  if (!page.length) return { total, events: [] };
  const { rows } = await run(db, 'timeline-items', { nodes: page.map((k) => k.elementId), relationships: [] });
  const items = new Map(rows.map((row) => [(row.item as PlainNode).elementId, row]));
  const events: TimelineRow[] = [];
  for (const key of page) {
    const row = items.get(key.elementId);
    if (!row) continue;
    events.push({ ...timelineRow({ ...row, kind: 'node', type: key.type, precision: key.precision }), date: key.date });
  }
  return { total, events };
}

// ---- sources --------------------------------------------------------------------------------

export interface SourceRecord {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  published: string | null;
  language: string | null;
  hasText: boolean;
}

function sourceRecord(row: Record<string, PlainValue>): SourceRecord {
  const str = (v: PlainValue | undefined) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(row.id),
    title: String(row.title ?? row.id),
    publisher: str(row.publisher),
    url: str(row.url),
    published: str(row.published),
    language: str(row.language),
    hasText: row.hasText === true,
  };
}

export async function listSources(db: Database): Promise<(SourceRecord & { statementCount: number })[]> {
  const { rows } = await run(db, 'sources-list', {});
  return rows.map((row) => ({ ...sourceRecord(row), statementCount: asNumber(row.statementCount) }));
}

export async function sourcesByIds(db: Database, ids: string[]): Promise<SourceRecord[]> {
  if (ids.length === 0) return [];
  const { rows } = await run(db, 'sources-by-ids', { ids });
  return rows.map(sourceRecord);
}

export interface SourceDetailsRow {
  source: SourceRecord & { text: string | null };
  nodes: PlainNode[];
  relationships: { relationship: PlainRelationship; from: PlainNode; to: PlainNode }[];
}

export async function sourceDetails(db: Database, id: string): Promise<SourceDetailsRow | undefined> {
  const { rows } = await run(db, 'source-details', { id });
  const row = rows[0];
  if (!row) return undefined;
  return {
    source: { ...sourceRecord(row), text: typeof row.text === 'string' ? row.text : null },
    nodes: (row.nodes as PlainNode[]) ?? [],
    relationships: (row.relationships as unknown as SourceDetailsRow['relationships']) ?? [],
  };
}

// ---- export ---------------------------------------------------------------------------------

export async function relationshipsAmongAll(db: Database, elementIds: string[]): Promise<PlainRelationship[]> {
  if (elementIds.length === 0) return [];
  const { rows } = await run(db, 'export-edges', { elementIds });
  return rows.map((row) => row.r as PlainRelationship);
}
