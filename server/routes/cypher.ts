// POST /api/cypher: the analyst's read-only console (Neo4j's EXPLAIN verdict against allow-lists, read transaction), time- and row-capped; GET /api/queries: its examples.
// Both only for a caller who reads every dataset: a console query reads the whole database, and Neo4j Community cannot narrow what it reads.
import { Router, type Response } from 'express';
import { ForbiddenError } from '../../model/index.ts';
import { consoleLimits, consoleQueries, runConsoleQuery, type ConsoleLimits } from '../services/console.ts';
import { consoleOpen } from '../services/access.ts';
import { listDatasets } from '../services/datasets.ts';
import { callerOf } from '../http/authenticate.ts';
import { CypherBody, ENDPOINTS, parseBody } from '../http/endpoints.ts';
import type { Catalog } from '../services/catalog.ts';
import { define, type RouteContext } from './define.ts';

/** A 403 `console_closed` unless the caller's roles cover every dataset of the database. */
async function requireConsole(catalog: Catalog, res: Response): Promise<void> {
  const datasets = (await listDatasets(catalog)).map((d) => d.id);
  if (consoleOpen(callerOf(res).roles, datasets)) return;
  throw new ForbiddenError(
    'the console is open only to those who may read every dataset of this database: a Cypher query reads the whole database, and Neo4j Community cannot narrow what it reads to your datasets',
    'console_closed',
  );
}

export function cypherRoutes({ db, consoleDb, catalog }: RouteContext, limits: ConsoleLimits = consoleLimits()): Router {
  const router = Router();

  define(router, ENDPOINTS.cypher, async (req, res) => {
    await requireConsole(catalog, res);
    res.json(await runConsoleQuery(db, consoleDb ?? db, catalog, parseBody(CypherBody, req), limits));
  });

  define(router, ENDPOINTS.queries, async (_req, res) => {
    await requireConsole(catalog, res);
    res.json(await consoleQueries(db, catalog));
  });

  return router;
}
