// GET /api/paths: all shortest paths between two nodes, at most 6 relationships long.
import { Router } from 'express';
import { BadRequestError } from '../http/errors.ts';
import { SubgraphBuilder } from '../../db/mapping.ts';
import { shortestPaths } from '../services/reads/paths.ts';
import { ENDPOINTS, parseQuery, PathsQuery } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';
import { requireNode } from './nodes.ts';

const PATHS_TIMEOUT_MS = 15_000;

export function pathRoutes(context: RouteContext): Router {
  const { db, catalog } = context;
  const router = Router();
  define(router, ENDPOINTS.paths, async (req, res) => {
    const { from, to, maxLength, types, limit } = parseQuery(PathsQuery, req);
    const [a, b] = await Promise.all([requireNode(context, from, 'from'), requireNode(context, to, 'to')]);
    if (a.elementId === b.elementId) throw new BadRequestError('to: must name another node than from', 'invalid_parameter');
    const [paths, caption] = await Promise.all([
      shortestPaths(db, { from: a.elementId, to: b.elementId, types: types && types.length ? types : null, maxLength, limit }, { timeoutMs: PATHS_TIMEOUT_MS }),
      catalog.captionResolver(),
    ]);
    res.json({
      paths: paths.map((path) => {
        const builder = new SubgraphBuilder(caption);
        builder.addValue(path);
        return { ...builder.build(), length: path.relationships.length };
      }),
      maxLength,
    });
  });
  return router;
}
