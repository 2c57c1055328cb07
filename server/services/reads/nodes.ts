// Reads of nodes by their public or element ids: one node, many, a node's details, a page of its neighbours, and the relationships among a set.
// Each takes `seen`, the datasets the caller reads and the fact statuses they show (null: every one), and filters by it inside its query.
import type { Database, PlainNode, PlainRelationship, PlainValue } from '../../../db/database.ts';
import { lookupParams, parsePublicId, publicId } from '../../../db/mapping.ts';
import { asNode, asNumber, runNamed, seenParams, seenSources, type Seen } from './run.ts';
import { sourceRecord, type SourceRecord } from './sources.ts';

/** The node a public id names, or undefined (also for a node the caller may not see): one seek (element id, or the Entity or Source constraint). */
export async function resolveNode(db: Database, id: string, seen: Seen): Promise<PlainNode | undefined> {
  const { rows } = await runNamed(db, 'node-resolve', { ...lookupParams(id), ...seenParams(seen) });
  return rows[0] ? asNode(rows[0].n) : undefined;
}

/** A node and the sources its evidence cites that the caller may see (undefined: all of them). */
export interface SeenNode {
  node: PlainNode;
  sources?: string[];
}

/** The nodes public ids name, keyed by the requested id; unknown and invisible ids are absent. One seek per id, in one query. */
export async function resolveNodes(db: Database, ids: string[], visible: Seen): Promise<Map<string, SeenNode>> {
  const datasetIds: string[] = [];
  const elementIds: string[] = [];
  for (const id of ids) {
    const parsed = parsePublicId(id);
    if ('elementId' in parsed) elementIds.push(parsed.elementId);
    else datasetIds.push(parsed.id);
  }
  const found = new Map<string, SeenNode>();
  const { rows } = await runNamed(db, 'nodes-resolve-many', { ids: datasetIds, elementIds, ...seenParams(visible) });
  for (const row of rows) {
    const node = asNode(row.n);
    const seen: SeenNode = { node, ...seenSources(row.sources) };
    // Both names lead to the node: the public id, and '~' + element id (asked for where a dataset id was not known).
    found.set(publicId(node), seen);
    found.set('~' + node.elementId, seen);
  }
  const out = new Map<string, SeenNode>();
  for (const id of ids) {
    const node = found.get(id);
    if (node) out.set(id, node);
  }
  return out;
}

export async function nodesByElementIds(db: Database, elementIds: string[], seen: Seen): Promise<PlainNode[]> {
  if (elementIds.length === 0) return [];
  const { rows } = await runNamed(db, 'nodes-by-element-ids', { elementIds, ...seenParams(seen) });
  return rows.map((row) => asNode(row.n));
}

export interface NodeDetailsRow {
  node: PlainNode;
  degree: number;
  relationshipTypes: { type: string; direction: 'out' | 'in'; count: number }[];
  /** The sources the node's evidence cites (those the caller may see). */
  sources: SourceRecord[];
}

/** A node by its public id with its degree, counts per type and the sources it cites (what the caller sees of them): one round trip. */
export async function nodeDetails(db: Database, id: string, seen: Seen): Promise<NodeDetailsRow | undefined> {
  const { rows } = await runNamed(db, 'node-details', { ...lookupParams(id), ...seenParams(seen) });
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
  seen: Seen,
): Promise<NeighborsPage | undefined> {
  const { id, ...rest } = params;
  const { rows } = await runNamed(db, 'neighbors', { ...lookupParams(id), ...rest, ...seenParams(seen) });
  const row = rows[0];
  if (!row) return undefined;
  return {
    node: asNode(row.n),
    total: asNumber(row.total),
    page: (row.page as { relationship: PlainRelationship; neighbor: PlainNode }[]) ?? [],
  };
}

/** Every relationship the caller sees whose two ends are among the element ids (export-edges.cypher: seeks and expansions, never a scan), with the cited sources they may see. */
export async function relationshipsAmongAll(db: Database, elementIds: string[], seen: Seen): Promise<{ relationship: PlainRelationship; sources?: string[] }[]> {
  if (elementIds.length === 0) return [];
  const { rows } = await runNamed(db, 'export-edges', { elementIds, ...seenParams(seen) });
  return rows.map((row) => ({ relationship: row.r as PlainRelationship, ...seenSources(row.sources) }));
}
