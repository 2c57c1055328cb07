// GET /api/nodes/:id (the node, its evidence and degree) and GET /api/nodes/:id/neighbors (a capped, paged expansion).
import { Router } from 'express';
import type { PlainNode } from '../../db/database.ts';
import { NotFoundError } from '../http/errors.ts';
import { evidenceOf, SubgraphBuilder, toWireNode } from '../../db/mapping.ts';
import { neighbors, nodeDetails, resolveNode, sourcesByIds } from '../services/graph-reads.ts';
import { ENDPOINTS, NeighborsQuery, NodeParams, parseParams, parseQuery } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';

/** The node a public id names, or a 404 naming the parameter. */
export async function requireNode({ db, catalog }: RouteContext, id: string, parameter = 'id'): Promise<PlainNode> {
  // Our own data is found through the id constraint; only a foreign database needs the scan by `id`.
  const { ours } = await catalog.snapshot();
  const node = await resolveNode(db, id, { scanFallback: !ours });
  if (!node) throw new NotFoundError(`${parameter}: no node has the id '${id}'`);
  return node;
}

export function nodeRoutes(context: RouteContext): Router {
  const { db, catalog } = context;
  const router = Router();

  define(router, ENDPOINTS.node, async (req, res) => {
    const { id } = parseParams(NodeParams, req);
    const found = await requireNode(context, id);
    const [details, caption] = await Promise.all([nodeDetails(db, found.elementId), catalog.captionResolver()]);
    if (!details) throw new NotFoundError(`id: no node has the id '${id}'`);
    const evidence = evidenceOf(details.node);
    const sources = await sourcesByIds(db, [...new Set(evidence.map((e) => e.sourceId))]);
    res.json({
      node: toWireNode(details.node, caption),
      evidence,
      degree: details.degree,
      relationshipTypes: details.relationshipTypes,
      sources,
    });
  });

  define(router, ENDPOINTS.neighbors, async (req, res) => {
    const { id } = parseParams(NodeParams, req);
    const { types, direction, limit, offset } = parseQuery(NeighborsQuery, req);
    const found = await requireNode(context, id);
    const [page, caption] = await Promise.all([
      neighbors(db, { elementId: found.elementId, types: types && types.length ? types : null, direction, offset, limit }),
      catalog.captionResolver(),
    ]);
    if (!page) throw new NotFoundError(`id: no node has the id '${id}'`);
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
