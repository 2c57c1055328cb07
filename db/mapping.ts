// Plain Neo4j values -> the API's wire shapes (nodes, edges, subgraphs, evidence).
import { isPlainNode, isPlainPath, isPlainRelationship, type PlainNode, type PlainRelationship, type PlainValue, type Row } from './database.ts';
import { ENTITY_LABEL, evidenceLevel, SOURCE_LABEL, STORED, type EvidenceLevel } from '../model/index.ts';

export interface Evidence {
  sourceId: string;
  /** The verbatim passage; absent for document-level evidence (the source as a whole). */
  quote?: string;
  start?: number;
  end?: number;
  level: EvidenceLevel;
}

export interface WireNode {
  id: string;
  labels: string[];
  caption: string;
  /** The node's date as an ISO day, read from its label's date property by the catalog's resolver (absent when undated). */
  date?: string;
  properties: Record<string, PlainValue>;
}

export interface WireEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, PlainValue>;
}

export interface Subgraph {
  nodes: WireNode[];
  edges: WireEdge[];
}

/**
 * How evidence is stored (model/storage.ts): four parallel list properties on every node and
 * relationship (Neo4j properties cannot hold maps). Kept out of `properties` on the wire and
 * returned as `Evidence` objects instead.
 */
export const EVIDENCE_PROPERTIES = {
  sources: STORED.evidenceSources,
  quotes: STORED.evidenceQuotes,
  starts: STORED.evidenceStarts,
  ends: STORED.evidenceEnds,
} as const;

const HIDDEN = new Set<string>([STORED.id, ...Object.values(EVIDENCE_PROPERTIES)]);

/** Element ids stay inside the server unless a foreign database gives us nothing better. */
const FOREIGN_PREFIX = '~';

/**
 * The labels whose `id` is a dataset id, unique by Civic Graph's constraints (entity_id_unique,
 * source_id_unique) and looked up through them by the node-*.cypher queries. Only these nodes
 * show their `id` as their public id: any other node's `id` (a foreign database's own, or a record
 * without a constraint) could repeat and could only be found by a scan.
 */
export const DATASET_ID_LABELS: readonly string[] = [ENTITY_LABEL, SOURCE_LABEL];

/**
 * Chooses the caption: the declared property for the label, else name, title, or the first string. The
 * catalog's resolver may also carry `date`, which reads a node's date (an ISO day) the way its label's
 * inferred or declared model says.
 */
export type CaptionResolver = ((labels: string[], properties: Record<string, PlainValue>) => string) & {
  date?: (labels: string[], properties: Record<string, PlainValue>) => string | undefined;
};

export function defaultCaption(labels: string[], properties: Record<string, PlainValue>): string {
  for (const key of ['name', 'title', 'caption', 'label']) {
    const value = properties[key];
    if (typeof value === 'string' && value) return value;
  }
  for (const [key, value] of Object.entries(properties)) {
    if (typeof value === 'string' && value && !HIDDEN.has(key)) return value;
  }
  return typeof properties.id === 'string' ? properties.id : labels[0] ?? '(node)';
}

function datasetIdOf(node: PlainNode): string | undefined {
  const id = node.properties[STORED.id];
  return typeof id === 'string' && id && !id.startsWith(FOREIGN_PREFIX) && node.labels.some((l) => DATASET_ID_LABELS.includes(l)) ? id : undefined;
}

function isDatasetId(id: string): boolean {
  return !id.startsWith(FOREIGN_PREFIX);
}

/**
 * The public id: a node's dataset id when it carries one of DATASET_ID_LABELS, a relationship's
 * dataset id when both its ends (`ends`, their public ids) are dataset ids (our writers only join
 * entities); anything else is '~' + its element id, which Neo4j finds by an element-id seek.
 */
export function publicId(entity: PlainNode): string;
export function publicId(entity: PlainRelationship, ends: readonly [string, string]): string;
export function publicId(entity: PlainNode | PlainRelationship, ends?: readonly [string, string]): string {
  if (isPlainNode(entity)) return datasetIdOf(entity) ?? FOREIGN_PREFIX + entity.elementId;
  const id = entity.properties[STORED.id];
  const ours = ends !== undefined && isDatasetId(ends[0]) && isDatasetId(ends[1]);
  return ours && typeof id === 'string' && id && isDatasetId(id) ? id : FOREIGN_PREFIX + entity.elementId;
}

/** Inverse of `publicId` for lookups: a dataset id (found through the constraints) or an element id. */
export function parsePublicId(id: string): { elementId: string } | { id: string } {
  return id.startsWith(FOREIGN_PREFIX) ? { elementId: id.slice(FOREIGN_PREFIX.length) } : { id };
}

/** Lookup parameters for the node-*.cypher queries: exactly one of the two is set, the other null. */
export function lookupParams(id: string): { id: string | null; elementId: string | null } {
  const parsed = parsePublicId(id);
  return 'elementId' in parsed ? { id: null, elementId: parsed.elementId } : { id: parsed.id, elementId: null };
}

/** Evidence lists always leave `properties`; `id` only where it is the public id (a foreign node keeps its own). */
function visibleProperties(properties: Record<string, PlainValue>, idIsPublic: boolean): Record<string, PlainValue> {
  const out: Record<string, PlainValue> = {};
  for (const [key, value] of Object.entries(properties)) if (!HIDDEN.has(key) || (key === STORED.id && !idIsPublic)) out[key] = value;
  return out;
}

/**
 * The evidence an element carries, as objects. With `visibleSources` (the cited sources the caller may see, as
 * the query that read the element found them) evidence citing any other source is left out: a source the
 * caller may not see does not exist for them, and neither does what it says.
 */
export function evidenceOf(entity: PlainNode | PlainRelationship, visibleSources?: readonly string[]): Evidence[] {
  const p = entity.properties;
  const sources = Array.isArray(p[EVIDENCE_PROPERTIES.sources]) ? (p[EVIDENCE_PROPERTIES.sources] as PlainValue[]) : [];
  const quotes = Array.isArray(p[EVIDENCE_PROPERTIES.quotes]) ? (p[EVIDENCE_PROPERTIES.quotes] as PlainValue[]) : [];
  const starts = Array.isArray(p[EVIDENCE_PROPERTIES.starts]) ? (p[EVIDENCE_PROPERTIES.starts] as PlainValue[]) : [];
  const ends = Array.isArray(p[EVIDENCE_PROPERTIES.ends]) ? (p[EVIDENCE_PROPERTIES.ends] as PlainValue[]) : [];
  const all = sources.map((sourceId, i) => {
    const quote = String(quotes[i] ?? '');
    const evidence: Evidence = { sourceId: String(sourceId), ...(quote ? { quote } : {}), level: evidenceLevel(quote) };
    const start = starts[i];
    const end = ends[i];
    // -1 marks a quote whose source text is not held (a corroborating excerpt).
    if (typeof start === 'number' && start >= 0 && typeof end === 'number' && end >= 0) {
      evidence.start = start;
      evidence.end = end;
    }
    return evidence;
  });
  return visibleSources ? all.filter((e) => visibleSources.includes(e.sourceId)) : all;
}

export function toWireNode(node: PlainNode, caption: CaptionResolver = defaultCaption): WireNode {
  const date = caption.date?.(node.labels, node.properties);
  const id = publicId(node);
  return { id, labels: node.labels, caption: caption(node.labels, node.properties), ...(date ? { date } : {}), properties: visibleProperties(node.properties, !id.startsWith(FOREIGN_PREFIX)) };
}

/** Needs the endpoints' public ids, which a bare relationship does not carry. */
export function toWireEdge(rel: PlainRelationship, sourceId: string, targetId: string): WireEdge {
  const id = publicId(rel, [sourceId, targetId]);
  return { id, type: rel.type, source: sourceId, target: targetId, properties: visibleProperties(rel.properties, !id.startsWith(FOREIGN_PREFIX)) };
}

/**
 * Collects every node, relationship and path found anywhere in the rows into one subgraph.
 * Relationships whose endpoints are not in the rows are kept only when `endpointIds` can name them.
 */
export class SubgraphBuilder {
  private readonly nodes = new Map<string, WireNode>();
  private readonly publicIdByElementId = new Map<string, string>();
  private readonly relationships = new Map<string, PlainRelationship>();

  constructor(private readonly caption: CaptionResolver = defaultCaption) {}

  addNode(node: PlainNode): WireNode {
    const wire = toWireNode(node, this.caption);
    this.publicIdByElementId.set(node.elementId, wire.id);
    if (!this.nodes.has(wire.id)) this.nodes.set(wire.id, wire);
    return this.nodes.get(wire.id)!;
  }

  addRelationship(rel: PlainRelationship): void {
    this.relationships.set(rel.elementId, rel);
  }

  addValue(value: PlainValue): void {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const inner of value) this.addValue(inner);
    } else if (isPlainNode(value)) {
      this.addNode(value);
    } else if (isPlainRelationship(value)) {
      this.addRelationship(value);
    } else if (isPlainPath(value)) {
      for (const node of value.nodes) this.addNode(node);
      for (const rel of value.relationships) this.addRelationship(rel);
    } else {
      for (const inner of Object.values(value)) this.addValue(inner);
    }
  }

  addRows(rows: Row[]): this {
    for (const row of rows) for (const value of Object.values(row)) this.addValue(value);
    return this;
  }

  build(): Subgraph {
    const edges: WireEdge[] = [];
    for (const rel of this.relationships.values()) {
      const source = this.publicIdByElementId.get(rel.startElementId);
      const target = this.publicIdByElementId.get(rel.endElementId);
      if (source && target) edges.push(toWireEdge(rel, source, target));
    }
    return { nodes: [...this.nodes.values()], edges };
  }
}
