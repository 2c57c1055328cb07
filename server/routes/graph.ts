// GET /api/graph: the overview for the first drawing of the canvas: the whole graph when it fits, else connected neighbourhoods across labels.
import { Router } from 'express';
import { overview } from '../services/overview.ts';
import { ENDPOINTS, GraphQuery, parseQuery } from '../http/endpoints.ts';
import { define, type RouteContext, visibility } from './define.ts';

export function graphRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();
  define(router, ENDPOINTS.graph, async (req, res) => {
    const { limit } = parseQuery(GraphQuery, req);
    res.json(await overview(db, catalog, limit, visibility(req, res)));
  });
  return router;
}
