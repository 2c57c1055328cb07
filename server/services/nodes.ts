// One node with its evidence, degree and cited sources (GET /api/nodes/:id), a capped page of its neighbours (GET /api/nodes/:id/neighbors), and the 404 for an id that names none.
import type { Database, PlainNode } from '../../db/database.ts';
import { evidenceOf, SubgraphBuilder, toWireNode, type Evidence, type WireEdge, type WireNode } from '../../db/mapping.ts';
import { NotFoundError } from '../http/errors.ts';
import type { Catalog } from './catalog.ts';
import { neighbors, nodeDetails, resolveNode, type NodeDetailsRow } from './reads/nodes.ts';

function notFound(id: string, parameter = 'id'): Error {
  return new NotFoundError(`${parameter}: no node has the id '${id}'`);
}

/** The node a public id names (one seek), or a 404 naming the parameter. */
export async function requireNode(db: Database, id: string, parameter = 'id'): Promise<PlainNode> {
  const node = await resolveNode(db, id);
  if (!node) throw notFound(id, parameter);
  return node;
}

export async function nodeWithDetails(
  db: Database,
  catalog: Catalog,
  id: string,
): Promise<{ node: WireNode; evidence: Evidence[] } & Pick<NodeDetailsRow, 'degree' | 'relationshipTypes' | 'sources'>> {
  // The lookup, the counts and the cited sources in one query.
  const [details, caption] = await Promise.all([nodeDetails(db, id), catalog.captionResolver()]);
  if (!details) throw notFound(id);
  return {
    node: toWireNode(details.node, caption),
    evidence: evidenceOf(details.node),
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

export async function neighborsOf(db: Database, catalog: Catalog, { id, types, direction, limit, offset }: NeighborsAsk): Promise<NeighborsAnswer> {
  const [page, caption] = await Promise.all([
    neighbors(db, { id, types: types?.length ? types : null, direction, offset, limit }),
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
