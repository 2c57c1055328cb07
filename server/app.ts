// Builds and exports the Express app; it never listens (main.ts does), so tests can use it directly.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { AppContext } from './context.ts';
import { AppError } from '../db/errors.ts';
import { errorBody } from './http/errors.ts';
import { healthRoutes } from './routes/health.ts';
import { explorerRoutes } from './routes/index.ts';
import { hardening, type SecurityOptions } from './http/security.ts';
import { requestLog } from './http/request-log.ts';

export interface AppOptions {
  /** Folder of the built client; served at / when it exists. */
  clientDir?: string;
  /** Limits, rate limits and CORS origins; defaults keep CORS closed (server/security.ts). */
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
  // API answers are no-store (http/security.ts), so an ETag can never be used; Express would hash
  // every body to make one (a SHA-1 of 30 KB for a page of neighbours). Static files keep their own.
  app.set('etag', false);
  // Off unless configured: only then may X-Forwarded-For name the client (rate limits, logs).
  app.set('trust proxy', options.security?.trustProxy ?? false);
  app.use(requestId);
  app.use(requestLog(context.log));
  app.use(hardening(options.security));
  app.use('/api', express.json({ limit: '256kb' }));

  const api = express.Router();
  api.use(healthRoutes(context));
  api.use(explorerRoutes(context));
  app.use('/api', api);

  if (options.clientDir && existsSync(options.clientDir)) {
    app.use(express.static(options.clientDir, { index: 'index.html', maxAge: '1h' }));
  }

  app.use((req, res) => {
    res.status(404).json(errorBody('not_found', `no route for ${req.method} ${req.path}`, res.locals.requestId));
  });

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    const id = res.locals.requestId as string | undefined;
    if (error instanceof AppError) {
      res.status(error.status).json(errorBody(error.code, error.message, id));
      return;
    }
    // body-parser's own errors carry a status and a type; they are the client's fault.
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status >= 400 && status < 500) {
      const code = error.type === 'entity.too.large' ? 'payload_too_large' : error.type === 'entity.parse.failed' ? 'invalid_json' : 'bad_request';
      res.status(status).json(errorBody(code, code === 'invalid_json' ? 'the request body is not valid JSON' : String(error.message), id));
      return;
    }
    context.log.error('unhandled error', { requestId: id, method: req.method, path: req.path, error: String(error?.stack ?? error) });
    res.status(500).json(errorBody('internal', 'internal server error; the request id locates it in the server log', id));
  };
  app.use(onError);
  return app;
}
