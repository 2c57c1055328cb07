// GET /api/labels/:label/top: a label's most connected nodes and their links, for a click on a label of the schema view.
import { Router } from 'express';
import { labelTopGraph } from '../services/labels.ts';
import { ENDPOINTS, LabelParams, LabelTopQuery, parseParams, parseQuery } from '../http/endpoints.ts';
import { define, type RouteContext, visibility } from './define.ts';

export function labelRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();
  define(router, ENDPOINTS.labelTop, async (req, res) => {
    const { label } = parseParams(LabelParams, req);
    const { limit } = parseQuery(LabelTopQuery, req);
    res.json(await labelTopGraph(db, catalog, label, limit, visibility(req, res)));
  });
  return router;
}
