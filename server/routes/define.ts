// Registers a handler at the method and path of its endpoint in the registry, so served routes and the OpenAPI document agree;
// and what every explorer handler asks of a request: what it sees (the datasets its caller reads, the fact statuses it shows), and the audit of sensitive reads.
import type { Request, Response, Router } from 'express';
import type { AppContext } from '../context.ts';
import { actorOf } from '../accounts/accounts.ts';
import { callerOf } from '../http/authenticate.ts';
import type { Catalog } from '../services/catalog.ts';
import { readableDatasets } from '../services/access.ts';
import { parse, ReadHeaders, SHOW_FACTS_HEADER, type Endpoint } from '../http/endpoints.ts';
import { shownStatuses, type Visibility } from '../services/visibility.ts';

/** What the API's route handlers share: the app context plus one schema catalog per app. */
export interface RouteContext extends AppContext {
  catalog: Catalog;
}

export type Handler = (req: Request, res: Response) => Promise<void> | void;

export function define(router: Router, endpoint: Endpoint, handler: Handler): void {
  router[endpoint.method](endpoint.path, handler);
}

/**
 * What a read sees, which every read of the explorer takes and filters by inside its queries: the datasets the
 * caller reads (null: every one) and the fact statuses shown, FACT_STATUSES_SHOWN and what X-Show-Facts asks
 * (anything else there is a 400). The catalog makes them the queries' $datasets and $statuses (Catalog.scope).
 */
export function visibility(req: Request, res: Response): Visibility {
  const asked = parse(ReadHeaders, { [SHOW_FACTS_HEADER]: req.get(SHOW_FACTS_HEADER) }, 'header')[SHOW_FACTS_HEADER] ?? [];
  // The answer depends on the header: a cache (were one ever allowed: API answers are no-store) must key by it.
  res.vary(SHOW_FACTS_HEADER);
  return { datasets: readableDatasets(callerOf(res).roles), statuses: shownStatuses(asked) };
}

/**
 * Records a read of an element of a dataset the operator listed in AUDIT_READS (`auth.auditReads`): who read
 * it, from where, which dataset, and the path asked. Nothing for any other dataset, or an element without one.
 */
export function auditRead(context: Pick<AppContext, 'accounts' | 'auth'>, req: Request, res: Response, dataset: unknown): void {
  if (typeof dataset !== 'string' || !context.accounts || !context.auth?.auditReads.includes(dataset)) return;
  context.accounts.audit.record({ actor: actorOf(callerOf(res).principal), address: req.ip, action: 'read', target: dataset, outcome: 'ok', detail: { path: req.baseUrl + req.path } });
}
