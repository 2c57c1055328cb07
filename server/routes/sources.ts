// GET /api/sources and GET /api/sources/:id: the source records, the text where held, and what the dataset takes from each.
import { Router } from 'express';
import { sourceList, sourceWithStatements } from '../services/sources.ts';
import { ENDPOINTS, parseParams, SourceParams } from '../http/endpoints.ts';
import { auditRead, define, type RouteContext, visibility } from './define.ts';

export function sourceRoutes(context: RouteContext): Router {
  const { db, catalog } = context;
  const router = Router();

  define(router, ENDPOINTS.sources, async (req, res) => {
    res.json(await sourceList(db, catalog, visibility(req, res)));
  });

  define(router, ENDPOINTS.source, async (req, res) => {
    const { id } = parseParams(SourceParams, req);
    const { dataset, ...answer } = await sourceWithStatements(db, catalog, id, visibility(req, res));
    auditRead(context, req, res, dataset);
    res.json(answer);
  });

  return router;
}
