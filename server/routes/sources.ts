// GET /api/sources and GET /api/sources/:id: the source records, the text where held, and what the dataset takes from each.
import { Router } from 'express';
import { sourceList, sourceWithStatements } from '../services/sources.ts';
import { ENDPOINTS, parseParams, SourceParams } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';

export function sourceRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();

  define(router, ENDPOINTS.sources, async (_req, res) => {
    res.json(await sourceList(db));
  });

  define(router, ENDPOINTS.source, async (req, res) => {
    const { id } = parseParams(SourceParams, req);
    res.json(await sourceWithStatements(db, catalog, id));
  });

  return router;
}
