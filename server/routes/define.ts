// Registers a handler at the method and path of its endpoint in the registry, so served routes and the OpenAPI document agree;
// and what every explorer handler asks of a request: the datasets its caller reads, and the audit of sensitive reads.
import type { Request, Response, Router } from 'express';
import type { AppContext } from '../context.ts';
import { actorOf } from '../accounts/accounts.ts';
import { callerOf } from '../http/authenticate.ts';
import type { Catalog } from '../services/catalog.ts';
import { readableDatasets } from '../services/access.ts';
import type { Endpoint } from '../http/endpoints.ts';

/** What the API's route handlers share: the app context plus one schema catalog per app. */
export interface RouteContext extends AppContext {
  catalog: Catalog;
}

export type Handler = (req: Request, res: Response) => Promise<void> | void;

export function define(router: Router, endpoint: Endpoint, handler: Handler): void {
  router[endpoint.method](endpoint.path, handler);
}

/** The datasets the caller reads (null: every one), which every read of the explorer takes and filters by inside its query. */
export function readable(res: Response): string[] | null {
  return readableDatasets(callerOf(res).roles);
}

/**
 * Records a read of an element of a dataset the operator listed in AUDIT_READS (`auth.auditReads`): who read
 * it, from where, which dataset, and the path asked. Nothing for any other dataset, or an element without one.
 */
export function auditRead(context: Pick<AppContext, 'accounts' | 'auth'>, req: Request, res: Response, dataset: unknown): void {
  if (typeof dataset !== 'string' || !context.accounts || !context.auth?.auditReads.includes(dataset)) return;
  context.accounts.audit.record({ actor: actorOf(callerOf(res).principal), address: req.ip, action: 'read', target: dataset, outcome: 'ok', detail: { path: req.baseUrl + req.path } });
}
