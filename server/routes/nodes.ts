// GET /api/nodes/:id (the node, its evidence and degree) and GET /api/nodes/:id/neighbors (a capped, paged expansion), each one query.
import { Router } from 'express';
import { neighborsOf, nodeWithDetails } from '../services/nodes.ts';
import { ENDPOINTS, NeighborsQuery, NodeParams, parseParams, parseQuery } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';

export function nodeRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();

  define(router, ENDPOINTS.node, async (req, res) => {
    const { id } = parseParams(NodeParams, req);
    res.json(await nodeWithDetails(db, catalog, id));
  });

  define(router, ENDPOINTS.neighbors, async (req, res) => {
    const { id } = parseParams(NodeParams, req);
    res.json(await neighborsOf(db, catalog, { id, ...parseQuery(NeighborsQuery, req) }));
  });

  return router;
}
