// GET /api/graph: a capped overview of the whole graph, for the first drawing of the canvas.
import { Router } from 'express';
import { SubgraphBuilder } from '../../db/mapping.ts';
import { countNodes, overviewNodes, relationshipsAmong } from '../services/graph-reads.ts';
import { ENDPOINTS, GraphQuery, parseQuery } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';

/** Edges drawn per node at most, so a dense overview stays drawable. */
const EDGES_PER_NODE = 10;

export function graphRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();
  define(router, ENDPOINTS.graph, async (req, res) => {
    const { limit } = parseQuery(GraphQuery, req);
    const nodes = await overviewNodes(db, limit);
    const [rels, total, caption] = await Promise.all([
      relationshipsAmong(db, nodes.map((n) => n.elementId), limit * EDGES_PER_NODE),
      countNodes(db),
      catalog.captionResolver(),
    ]);
    const builder = new SubgraphBuilder(caption);
    for (const node of nodes) builder.addNode(node);
    for (const rel of rels) builder.addRelationship(rel);
    const graph = builder.build();
    res.json({ ...graph, total, truncated: total > graph.nodes.length });
  });
  return router;
}
