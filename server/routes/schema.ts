// GET /api/schema: labels and relationship types with counts and display metadata.
import { Router } from 'express';
import { ENDPOINTS } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';

export function schemaRoutes({ catalog }: RouteContext): Router {
  const router = Router();
  define(router, ENDPOINTS.schema, async (_req, res) => {
    const snapshot = await catalog.snapshot();
    res.json({ labels: snapshot.labels, relationshipTypes: snapshot.relationshipTypes, search: snapshot.search, sourceCount: snapshot.sourceCount, datasets: snapshot.datasets });
  });
  return router;
}
