// GET /api/graph: a capped overview of the whole graph, for the first drawing of the canvas.
import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { BadRequestError } from '../errors.ts';
import { SubgraphBuilder } from '../mapping.ts';

const DEFAULT_LIMIT = 300;
const MAX_LIMIT = 2000;

export function graphRoutes({ db }: AppContext): Router {
  const router = Router();
  router.get('/graph', async (req, res) => {
    const raw = req.query.limit ?? String(DEFAULT_LIMIT);
    const limit = Number(raw);
    if (typeof raw !== 'string' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequestError(`limit must be a whole number from 1 to ${MAX_LIMIT}`, 'invalid_parameter');
    }
    // Sources are records about the graph, not actors in it.
    const nodes = await db.read('MATCH (n) WHERE NOT n:Source RETURN n LIMIT $limit', { limit });
    const ids = nodes.rows.map((row) => (row.n as { elementId: string }).elementId);
    const rels = await db.read(
      'MATCH (a)-[r]->(b) WHERE elementId(a) IN $ids AND elementId(b) IN $ids RETURN r LIMIT $cap',
      { ids, cap: limit * 10 },
    );
    const total = await db.read('MATCH (n) WHERE NOT n:Source RETURN count(n) AS total');
    const graph = new SubgraphBuilder().addRows(nodes.rows).addRows(rels.rows).build();
    const totalCount = Number(total.rows[0]?.total ?? 0);
    res.json({ ...graph, total: totalCount, truncated: totalCount > graph.nodes.length });
  });
  return router;
}
