// GET /api/timeline: dated nodes and relationships in date order, with precision and the inferred flag.
import { Router } from 'express';
import { TimelineService } from '../services/timeline.ts';
import { ENDPOINTS, parseQuery, TimelineQuery } from '../http/endpoints.ts';
import { define, type RouteContext, visibility } from './define.ts';

export function timelineRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();
  const timeline = new TimelineService(db, catalog);
  define(router, ENDPOINTS.timeline, async (req, res) => {
    res.json(await timeline.window(parseQuery(TimelineQuery, req), visibility(req, res)));
  });
  return router;
}
