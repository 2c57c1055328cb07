// POST /api/cypher: the analyst's read-only console (Neo4j's EXPLAIN verdict against allow-lists, read transaction), time- and row-capped; GET /api/queries: its examples.
import { Router } from 'express';
import { consoleLimits, consoleQueries, runConsoleQuery, type ConsoleLimits } from '../services/console.ts';
import { CypherBody, ENDPOINTS, parseBody } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';

export function cypherRoutes({ db, consoleDb, catalog }: RouteContext, limits: ConsoleLimits = consoleLimits()): Router {
  const router = Router();

  define(router, ENDPOINTS.cypher, async (req, res) => {
    res.json(await runConsoleQuery(db, consoleDb ?? db, catalog, parseBody(CypherBody, req), limits));
  });

  define(router, ENDPOINTS.queries, async (_req, res) => {
    res.json(await consoleQueries(db, catalog));
  });

  return router;
}
