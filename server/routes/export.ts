// GET and POST /api/export: a set of nodes and the edges among them as a JSON, CSV, GraphML, GEXF or FollowTheMoney file.
import { Router, type Response } from 'express';
import type { ExportFile } from '../services/export.ts';
import { exportIds } from '../services/export-file.ts';
import { ENDPOINTS, ExportBody, ExportQuery, parseBody, parseQuery } from '../http/endpoints.ts';
import { define, type RouteContext, visibility } from './define.ts';

function sendFile(res: Response, file: ExportFile): void {
  // attachment() guesses a type from the extension; the exact type is set after it.
  res.attachment(file.filename);
  res.setHeader('Content-Type', file.contentType);
  res.send(file.body);
}

export function exportRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();

  define(router, ENDPOINTS.exportGet, async (req, res) => {
    const { ids, format, part } = parseQuery(ExportQuery, req);
    sendFile(res, await exportIds(db, catalog, ids, format, part, visibility(req, res)));
  });

  define(router, ENDPOINTS.exportPost, async (req, res) => {
    const { ids, format, part } = parseBody(ExportBody, req);
    sendFile(res, await exportIds(db, catalog, ids, format, part, visibility(req, res)));
  });

  return router;
}
