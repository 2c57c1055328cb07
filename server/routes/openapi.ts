// GET /api/openapi.json: the OpenAPI 3.1 document generated from the endpoint registry and the loaded model.
import { Router } from 'express';
import { openApiDocument } from '../http/openapi.ts';
import { ENDPOINTS } from '../http/endpoints.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { define, type RouteContext } from './define.ts';

export function openApiRoutes({ catalog }: Pick<RouteContext, 'catalog'>): Router {
  const router = Router();
  define(router, ENDPOINTS.openapi, async (_req, res) => {
    // Derived from the loaded model: its labels and types are named in the document. The contract
    // itself does not depend on the database, so with Neo4j away the default model names them.
    const model = await catalog.snapshot().then((s) => s.model, () => civicSpaceModel());
    res.json(openApiDocument(model));
  });
  return router;
}
