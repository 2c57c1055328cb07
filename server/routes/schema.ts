// GET /api/schema: labels and relationship types with counts, display metadata and the inferred model; GET /api/schema/graph: the database's shape.
import { Router } from 'express';
import { schemaGraph } from '../services/reads/schema.ts';
import { ENDPOINTS } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';

export function schemaRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();
  define(router, ENDPOINTS.schema, async (_req, res) => {
    const snapshot = await catalog.snapshot();
    res.json({
      labels: snapshot.labels,
      relationshipTypes: snapshot.relationshipTypes,
      search: snapshot.search,
      evidence: snapshot.evidence,
      sourceCount: snapshot.sourceCount,
      datasets: snapshot.datasets,
    });
  });

  define(router, ENDPOINTS.schemaGraph, async (_req, res) => {
    const [snapshot, graph] = await Promise.all([catalog.snapshot(), schemaGraph(db)]);
    // The catalog's labels (with nodes, ours without Entity and record labels) and their looks; the pattern's ends must be among them.
    const labels = new Map(snapshot.labels.filter((l) => l.count > 0).map((l) => [l.label, l] as const));
    const types = new Map(snapshot.relationshipTypes.map((t) => [t.type, t] as const));
    const relationships = [];
    const seen = new Set<string>();
    for (const r of graph.relationships) {
      const key = `${r.from}\u0000${r.type}\u0000${r.to}`;
      if (seen.has(key) || !labels.has(r.from) || !labels.has(r.to) || !types.has(r.type)) continue;
      seen.add(key);
      const count = Math.min(graph.outgoing.get(`${r.type}\u0000${r.from}`) ?? 0, graph.incoming.get(`${r.type}\u0000${r.to}`) ?? 0);
      if (count > 0) relationships.push({ type: r.type, from: r.from, to: r.to, count, color: types.get(r.type)!.color });
    }
    res.json({
      labels: [...labels.values()].map((l) => ({ label: l.label, count: l.count, color: l.color, shape: l.shape })),
      relationships: relationships.sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    });
  });
  return router;
}
