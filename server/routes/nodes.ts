// GET /api/nodes/:id (the node, its evidence and degree) and GET /api/nodes/:id/neighbors (a capped, paged expansion), each one query.
import { Router } from 'express';
import type { PlainNode } from '../../db/database.ts';
import { NotFoundError } from '../http/errors.ts';
import { evidenceOf, SubgraphBuilder, toWireNode } from '../../db/mapping.ts';
import { neighbors, nodeDetails, resolveNode } from '../services/reads/nodes.ts';
import { ENDPOINTS, NeighborsQuery, NodeParams, parseParams, parseQuery } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';

function notFound(id: string, parameter = 'id'): Error {
  return new NotFoundError(`${parameter}: no node has the id '${id}'`);
}

/** The node a public id names (one seek), or a 404 naming the parameter. */
export async function requireNode({ db }: RouteContext, id: string, parameter = 'id'): Promise<PlainNode> {
  const node = await resolveNode(db, id);
  if (!node) throw notFound(id, parameter);
  return node;
}

export function nodeRoutes(context: RouteContext): Router {
  const { db, catalog } = context;
  const router = Router();

  define(router, ENDPOINTS.node, async (req, res) => {
    const { id } = parseParams(NodeParams, req);
    // The lookup, the counts and the cited sources in one query.
    const [details, caption] = await Promise.all([nodeDetails(db, id), catalog.captionResolver()]);
    if (!details) throw notFound(id);
    res.json({
      node: toWireNode(details.node, caption),
      evidence: evidenceOf(details.node),
      degree: details.degree,
      relationshipTypes: details.relationshipTypes,
      sources: details.sources,
    });
  });

  define(router, ENDPOINTS.neighbors, async (req, res) => {
    const { id } = parseParams(NodeParams, req);
    const { types, direction, limit, offset } = parseQuery(NeighborsQuery, req);
    const [page, caption] = await Promise.all([
      neighbors(db, { id, types: types && types.length ? types : null, direction, offset, limit }),
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
    res.json({
      node: center,
      nodes: graph.nodes,
      edges: graph.edges,
      total: page.total,
      offset,
      limit,
      truncated: end < page.total,
      nextOffset: end < page.total ? end : null,
    });
  });

  return router;
}
