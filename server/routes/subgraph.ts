// POST /api/subgraph: the nodes named by ids and the relationships among them, with evidence and colours, for the page to expand or restore a view.
import { Router } from 'express';
import { subgraphOf } from '../services/subgraph.ts';
import { ENDPOINTS, parseBody, SubgraphBody } from '../http/endpoints.ts';
import { define, type RouteContext, visibility } from './define.ts';

export function subgraphRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();
  define(router, ENDPOINTS.subgraph, async (req, res) => {
    const { ids } = parseBody(SubgraphBody, req);
    res.json(await subgraphOf(db, catalog, ids, visibility(req, res)));
  });
  return router;
}
