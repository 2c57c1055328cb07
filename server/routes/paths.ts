// GET /api/paths: all shortest paths between two nodes, at most 6 relationships long.
import { Router } from 'express';
import { pathsBetween } from '../services/paths.ts';
import { ENDPOINTS, parseQuery, PathsQuery } from '../http/endpoints.ts';
import { define, type RouteContext, visibility } from './define.ts';

export function pathRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();
  define(router, ENDPOINTS.paths, async (req, res) => {
    res.json(await pathsBetween(db, catalog, parseQuery(PathsQuery, req), visibility(req, res)));
  });
  return router;
}
