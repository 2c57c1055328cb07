// GET /api/openapi.json: the OpenAPI 3.1 document generated from the endpoint registry.
import { Router } from 'express';
import { openApiDocument } from '../http/openapi.ts';
import { ENDPOINTS } from '../http/endpoints.ts';
import { define } from './define.ts';

export function openApiRoutes(): Router {
  const router = Router();
  define(router, ENDPOINTS.openapi, (_req, res) => {
    res.json(openApiDocument());
  });
  return router;
}
