// GET /api/sources and GET /api/sources/:id: the source records, the text where held, and what the dataset takes from each.
import { Router } from 'express';
import { NotFoundError } from '../http/errors.ts';
import { evidenceOf, publicId } from '../../db/mapping.ts';
import type { Evidence } from '../../db/mapping.ts';
import { listSources, sourceDetails } from '../services/reads/sources.ts';
import { ENDPOINTS, parseParams, SourceParams } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';

export function sourceRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();

  define(router, ENDPOINTS.sources, async (_req, res) => {
    res.json({ sources: await listSources(db) });
  });

  define(router, ENDPOINTS.source, async (req, res) => {
    const { id } = parseParams(SourceParams, req);
    const [details, caption] = await Promise.all([sourceDetails(db, id), catalog.captionResolver()]);
    if (!details) throw new NotFoundError(`id: no source has the id '${id}'`);
    const statements = [];
    for (const node of details.nodes) {
      for (const evidence of evidenceOf(node)) {
        if (evidence.sourceId !== id) continue;
        const label = node.labels.find((l) => l !== 'Entity') ?? node.labels[0] ?? '';
        statements.push({ kind: 'node' as const, id: publicId(node), caption: caption(node.labels, node.properties), type: label, ...quoteOf(evidence) });
      }
    }
    for (const { relationship, from, to } of details.relationships) {
      for (const evidence of evidenceOf(relationship)) {
        if (evidence.sourceId !== id) continue;
        const text = `${caption(from.labels, from.properties)} —${relationship.type}→ ${caption(to.labels, to.properties)}`;
        statements.push({ kind: 'relationship' as const, id: publicId(relationship, [publicId(from), publicId(to)]), caption: text, type: relationship.type, ...quoteOf(evidence) });
      }
    }
    // In reading order of the source: quotes with offsets first by position, the rest after.
    statements.sort((a, b) => (a.start ?? Number.MAX_SAFE_INTEGER) - (b.start ?? Number.MAX_SAFE_INTEGER) || a.caption.localeCompare(b.caption));
    res.json({ source: details.source, statements });
  });

  return router;
}

function quoteOf(evidence: Evidence): Omit<Evidence, 'sourceId'> {
  const { sourceId: _, ...rest } = evidence;
  return rest;
}
