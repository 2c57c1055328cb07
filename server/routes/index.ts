// Mounts the explorer API's routers (everything under /api except health and accounts) with the app's one schema catalog.
import { Router } from 'express';
import type { Catalog } from '../services/catalog.ts';
import type { AppContext } from '../context.ts';
import { cypherRoutes } from './cypher.ts';
import type { RouteContext } from './define.ts';
import { exportRoutes } from './export.ts';
import { factChangeRoutes } from './fact-changes.ts';
import { factRoutes } from './facts.ts';
import { graphRoutes } from './graph.ts';
import { histogramRoutes } from './histogram.ts';
import { labelRoutes } from './labels.ts';
import { nodeRoutes } from './nodes.ts';
import { openApiRoutes } from './openapi.ts';
import { pathRoutes } from './paths.ts';
import { schemaRoutes } from './schema.ts';
import { searchRoutes } from './search.ts';
import { sourceRoutes } from './sources.ts';
import { subgraphRoutes } from './subgraph.ts';
import { timelineRoutes } from './timeline.ts';

/** The explorer's routers, in the order they are mounted. */
const ROUTERS: ((context: RouteContext) => Router)[] = [
  graphRoutes,
  schemaRoutes,
  labelRoutes,
  searchRoutes,
  nodeRoutes,
  pathRoutes,
  timelineRoutes,
  histogramRoutes,
  sourceRoutes,
  cypherRoutes,
  subgraphRoutes,
  exportRoutes,
  factRoutes,
  factChangeRoutes,
  openApiRoutes,
];

export function explorerRoutes(context: AppContext, catalog: Catalog): Router {
  const routeContext: RouteContext = { ...context, catalog };
  const router = Router();
  for (const routes of ROUTERS) router.use(routes(routeContext));
  return router;
}
