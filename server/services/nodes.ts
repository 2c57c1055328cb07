// One node with its evidence, degree and cited sources (GET /api/nodes/:id), a capped page of its neighbours (GET /api/nodes/:id/neighbors), and the 404 for an id that names none.
// What the caller may not see does not exist for them: every read takes their datasets and shown fact statuses, and a node they do not see answers the same 404 as an unknown id.
import type { Database, PlainNode } from '../../db/database.ts';
import { evidenceOf, SubgraphBuilder, toWireNode, type Evidence, type WireEdge, type WireNode } from '../../db/mapping.ts';
import { NotFoundError } from '../http/errors.ts';
import type { Catalog } from './catalog.ts';
import { NOTHING } from './datasets.ts';
import { neighbors, nodeDetails, resolveNode, type NodeDetailsRow } from './reads/nodes.ts';
import type { Seen } from './reads/run.ts';
import type { Visibility } from './visibility.ts';

export function notFound(id: string, parameter = 'id'): Error {
  return new NotFoundError(`${parameter}: no node has the id '${id}'`);
}

/** The node a public id names (one seek), or a 404 naming the parameter, also for a node the caller does not see (`seen`). */
export async function requireNode(db: Database, id: string, seen: Seen, parameter = 'id'): Promise<PlainNode> {
  const node = await resolveNode(db, id, seen);
  if (!node) throw notFound(id, parameter);
  return node;
}

export async function nodeWithDetails(
  db: Database,
  catalog: Catalog,
  id: string,
  asked: Visibility,
): Promise<{ node: WireNode; evidence: Evidence[] } & Pick<NodeDetailsRow, 'degree' | 'relationshipTypes' | 'sources'>> {
  const { datasets, statuses } = await catalog.scope(asked);
  if (datasets === NOTHING) throw notFound(id);
  // The lookup, the counts and the cited sources in one query.
  const [details, caption] = await Promise.all([nodeDetails(db, id, { datasets, statuses }), catalog.captionResolver()]);
  if (!details) throw notFound(id);
  return {
    node: toWireNode(details.node, caption),
    // The cited sources the query found visible are the evidence the caller sees (every dataset: all of it).
    evidence: evidenceOf(details.node, datasets === null ? undefined : details.sources.map((s) => s.id)),
    degree: details.degree,
    relationshipTypes: details.relationshipTypes,
    sources: details.sources,
  };
}

export interface NeighborsAsk {
  id: string;
  types?: string[];
  direction: 'out' | 'in' | 'both';
  limit: number;
  offset: number;
}

export interface NeighborsAnswer {
  node: WireNode;
  nodes: WireNode[];
  edges: WireEdge[];
  total: number;
  offset: number;
  limit: number;
  truncated: boolean;
  nextOffset: number | null;
}

export async function neighborsOf(db: Database, catalog: Catalog, { id, types, direction, limit, offset }: NeighborsAsk, asked: Visibility): Promise<NeighborsAnswer> {
  const { datasets, statuses } = await catalog.scope(asked);
  if (datasets === NOTHING) throw notFound(id);
  const [page, caption] = await Promise.all([
    neighbors(db, { id, types: types?.length ? types : null, direction, offset, limit }, { datasets, statuses }),
    catalog.captionResolver(),
  ]);
  if (!page) throw notFound(id);
  const builder = new SubgraphBuilder(caption);
  const center = builder.addNode(page.node);
  for (const { relationship, neighbor } of page.page) {
    builder.addNode(neighbor);
    builder.addRelationship(relationship);
  }
  const graph = builder.build();
  const end = offset + page.page.length;
  return {
    node: center,
    nodes: graph.nodes,
    edges: graph.edges,
    total: page.total,
    offset,
    limit,
    truncated: end < page.total,
    nextOffset: end < page.total ? end : null,
  };
}
