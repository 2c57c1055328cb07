// Structured request logs: one JSON line per request with its id, status, duration and size.
import type { RequestHandler } from 'express';
import type { Logger } from '../context.ts';

/**
 * Logs when the response is sent, or when the client went away first. The query string is left
 * out on purpose: searches and console queries name the people a researcher is looking into.
 */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    // Read now: routers strip their mount path from req.path while they handle the request.
    const path = req.path;
    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const fields = {
        requestId: res.locals.requestId as string | undefined,
        method: req.method,
        path,
        status: aborted ? null : res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        bytes: Number(res.getHeader('content-length') ?? 0) || undefined,
        ...(aborted ? { aborted: true } : {}),
        ...(res.locals.errorCode ? { code: res.locals.errorCode as string } : {}),
      };
      if (!aborted && res.statusCode >= 500) log.error('request', fields);
      else log.info('request', fields);
    };
    res.once('finish', () => finish(false));
    res.once('close', () => finish(!res.writableFinished));
    next();
  };
}
