// GET /api/labels/:label/top: a label's most connected nodes and their links, for a click on a label of the schema view.
import { Router } from 'express';
import { SubgraphBuilder } from '../../db/mapping.ts';
import { labelTop } from '../services/reads/labels.ts';
import { NotFoundError } from '../http/errors.ts';
import { ENDPOINTS, LabelParams, LabelTopQuery, parseParams, parseQuery } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';

export function labelRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();
  define(router, ENDPOINTS.labelTop, async (req, res) => {
    const { label } = parseParams(LabelParams, req);
    const { limit } = parseQuery(LabelTopQuery, req);
    const snapshot = await catalog.snapshot();
    // Only a label the database reports reaches the query (as a parameter even then).
    if (!snapshot.labels.some((l) => l.label === label && l.count > 0)) throw new NotFoundError(`label: '${label}' is not a label of this database`);
    const top = await labelTop(db, label, limit);
    const builder = new SubgraphBuilder(await catalog.captionResolver());
    for (const node of top.nodes) builder.addNode(node);
    for (const rel of top.relationships) builder.addRelationship(rel);
    res.json(builder.build());
  });
  return router;
}
