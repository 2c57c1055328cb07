// GET /api/nodes/:id (the node, its evidence and degree) and GET /api/nodes/:id/neighbors (a capped, paged expansion), each one query.
import { Router } from 'express';
import { neighborsOf, nodeWithDetails } from '../services/nodes.ts';
import { ENDPOINTS, NeighborsQuery, NodeParams, parseParams, parseQuery } from '../http/endpoints.ts';
import { auditRead, define, type RouteContext, visibility } from './define.ts';

export function nodeRoutes(context: RouteContext): Router {
  const { db, catalog } = context;
  const router = Router();

  define(router, ENDPOINTS.node, async (req, res) => {
    const { id } = parseParams(NodeParams, req);
    const answer = await nodeWithDetails(db, catalog, id, visibility(req, res));
    auditRead(context, req, res, answer.node.properties.dataset);
    res.json(answer);
  });

  define(router, ENDPOINTS.neighbors, async (req, res) => {
    const { id } = parseParams(NodeParams, req);
    res.json(await neighborsOf(db, catalog, { id, ...parseQuery(NeighborsQuery, req) }, visibility(req, res)));
  });

  return router;
}
