// GET /api/search: names and aliases through the full-text index (fuzzy, prefix, folded) or a scan on foreign databases, ranked by tier; sources by title and publisher.
import { Router } from 'express';
import { search } from '../services/search.ts';
import { ENDPOINTS, parseQuery, SearchQuery } from '../http/endpoints.ts';
import { define, type RouteContext, visibility } from './define.ts';

export function searchRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();
  define(router, ENDPOINTS.search, async (req, res) => {
    const { q, labels, limit } = parseQuery(SearchQuery, req);
    res.json(await search(db, catalog, { q, labels: labels?.length ? labels : null, limit }, visibility(req, res)));
  });
  return router;
}
