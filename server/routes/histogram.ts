// GET /api/timeline/histogram: every dated item counted per month, stated and inferred apart and per type, for the TIME panel.
import { Router } from 'express';
import { histogramService } from '../services/histogram.ts';
import { ENDPOINTS, HistogramQuery, parseQuery } from '../http/endpoints.ts';
import { define, type RouteContext, visibility } from './define.ts';

export function histogramRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();
  // The app's one service (its catalog's): what the warm-up counted is what the first request gets.
  const histograms = histogramService(db, catalog);
  define(router, ENDPOINTS.histogram, async (req, res) => {
    const { dates } = parseQuery(HistogramQuery, req);
    res.json(await histograms.histogram({ dates }, visibility(req, res)));
  });
  return router;
}
