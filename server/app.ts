// Builds and exports the Express app; it never listens (main.ts does), so tests can use it directly.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { AppContext } from './context.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../model/index.ts';
import { asRefusal, isVisible, sendError, sendInternalError } from './http/errors.ts';
import { healthRoutes } from './routes/health.ts';
import { explorerRoutes } from './routes/index.ts';
import { hardening, type SecurityOptions } from './http/security.ts';
import { requestLog } from './http/request-log.ts';
import { authenticate, callerOf } from './http/authenticate.ts';
import { Accounts, actorOf } from './accounts/accounts.ts';
import { Catalog } from './services/catalog.ts';
import { listDatasets } from './services/datasets.ts';
import { authRoutes } from './routes/auth.ts';
import { adminRoutes } from './routes/admin.ts';
import { oidcRoutes } from './routes/oidc.ts';
import { applyGroupRoles, OidcSignIn } from './accounts/oidc.ts';

export interface AppOptions {
  /** Folder of the built client; served at / when it exists. */
  clientDir?: string;
  /** Limits, rate limits, Host names, the token and CORS origins (read by server/config.ts); defaults keep CORS closed (http/security.ts). */
  security?: Partial<SecurityOptions>;
}

const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id');
  const id = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
};

export function createApp(context: AppContext, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // API answers are no-store (http/security-headers.ts), so an ETag can never be used; Express would hash
  // every body to make one (a SHA-1 of 30 KB for a page of neighbours). Static files keep their own.
  app.set('etag', false);
  // Off unless configured: only then may X-Forwarded-For name the client (rate limits, logs).
  app.set('trust proxy', options.security?.trustProxy ?? false);
  app.use(requestId);
  app.use(requestLog(context.log));
  app.use(hardening(options.security));
  app.use('/api', express.json({ limit: '256kb' }));
  // Owner mode in memory unless the composition root gives the store (tests that need no accounts).
  const accounts = context.accounts ?? Accounts.open(':memory:', { sessionLifetimeMs: 12 * 3_600_000 });
  const auth = context.auth ?? { mode: 'owner' as const, sessionHours: 12, cookieSecure: 'auto' as const, auditReads: [] };
  app.use(authenticate({ mode: auth.mode, accounts, ownerName: () => accounts.ownerName(), allowedOrigins: options.security?.corsOrigins ?? [] }));

  const catalog = context.catalog ?? new Catalog(context.db);
  const datasets = () => listDatasets(catalog);
  const api = express.Router();
  api.use(healthRoutes(context));
  api.use(authRoutes({ accounts, auth, datasetIds: async () => (await datasets()).map((d) => d.id) }));
  // OpenID Connect sign-in (team mode): its routes answer 404 when not configured (routes/oidc.ts says why).
  const oidc = auth.mode === 'accounts' && auth.oidc ? new OidcSignIn(accounts, auth.oidc, { log: context.log }) : undefined;
  if (oidc) applyGroupRoles(accounts, oidc.config.groupRoles);
  api.use(oidcRoutes({ accounts, auth, oidc }));
  api.use(adminRoutes({ accounts, datasets }));
  api.use(explorerRoutes({ ...context, accounts, auth }, catalog));
  app.use('/api', api);

  if (options.clientDir && existsSync(options.clientDir)) {
    app.use(express.static(options.clientDir, { index: 'index.html', maxAge: '1h' }));
  }

  app.use((req, res) => {
    sendError(res, new NotFoundError(`no route for ${req.method} ${req.path}`));
  });

  // Statuses are http/errors.ts's: ours by kind, and the refusals Express and body-parser make themselves.
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    const refusal = asRefusal(error);
    if (refusal && isVisible(refusal)) {
      // A route's refusal of who is asking (no right, not signed in) goes into the audit trail, as the guard's do.
      // A write's route records its own refusals (routes/facts.ts): one entry each.
      if ((refusal instanceof ForbiddenError || refusal instanceof UnauthenticatedError) && res.locals.audited !== true) {
        accounts.audit.record({ actor: actorOf(callerOf(res).principal), address: req.ip, action: `${req.method} ${req.path}`, outcome: 'refused', detail: { code: refusal.code } });
      }
      sendError(res, refusal);
      return;
    }
    context.log.error('unhandled error', { requestId: res.locals.requestId as string | undefined, method: req.method, path: req.path, error: String(error?.stack ?? error) });
    sendInternalError(res);
  };
  app.use(onError);
  return app;
}
