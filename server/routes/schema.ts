// GET /api/schema: labels and relationship types with counts, display metadata and the inferred model; GET /api/schema/graph: the database's shape.
import { Router } from 'express';
import { OVERVIEW_MAX_NODES, schemaShape, schemaSummary } from '../services/schema.ts';
import { ENDPOINTS } from '../http/endpoints.ts';
import { define, type RouteContext, visibility } from './define.ts';

export function schemaRoutes({ db, catalog, overviewMaxNodes = OVERVIEW_MAX_NODES }: RouteContext): Router {
  const router = Router();
  define(router, ENDPOINTS.schema, async (req, res) => {
    res.json({ ...(await schemaSummary(catalog, visibility(req, res))), overviewMaxNodes });
  });

  define(router, ENDPOINTS.schemaGraph, async (req, res) => {
    res.json(await schemaShape(db, catalog, visibility(req, res)));
  });
  return router;
}
