// Registers a handler at the method and path of its endpoint in the registry, so served routes and the OpenAPI document agree.
import type { Request, Response, Router } from 'express';
import type { AppContext } from '../context.ts';
import type { Catalog } from '../services/catalog.ts';
import type { Endpoint } from '../http/endpoints.ts';

/** What the API's route handlers share: the app context plus one schema catalog per app. */
export interface RouteContext extends AppContext {
  catalog: Catalog;
}

export type Handler = (req: Request, res: Response) => Promise<void> | void;

export function define(router: Router, endpoint: Endpoint, handler: Handler): void {
  router[endpoint.method](endpoint.path, handler);
}
