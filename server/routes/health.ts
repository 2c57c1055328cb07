// GET /api/health: is the server up and warm, and can it reach Neo4j?
import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { DatabaseUnavailableError } from '../../db/errors.ts';

export function healthRoutes({ db, readiness }: AppContext): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    try {
      const neo4j = await db.serverInfo();
      res.json({ ...(readiness?.status ?? { status: 'ok' }), neo4j });
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) {
        // While the supervisor restarts the embedded database, health says so and why.
        res.status(503).json({ status: 'unavailable', ...readiness?.databaseDown, error: { code: error.code, message: error.message } });
        return;
      }
      throw error;
    }
  });
  return router;
}
