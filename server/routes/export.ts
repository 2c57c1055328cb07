// GET and POST /api/export: a set of nodes and the edges among them as a JSON, CSV or GraphML file.
import { Router, type Response } from 'express';
import type { PlainNode } from '../../db/database.ts';
import { NotFoundError } from '../http/errors.ts';
import { exportFile, type ExportEdge, type ExportNode } from '../services/export.ts';
import { evidenceOf, publicId, toWireEdge, toWireNode } from '../../db/mapping.ts';
import { relationshipsAmongAll, resolveNodes } from '../services/graph-reads.ts';
import { ENDPOINTS, ExportBody, ExportQuery, parseBody, parseQuery } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';

export function exportRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();

  async function send(res: Response, ids: string[], format: 'json' | 'csv' | 'graphml', part: 'nodes' | 'edges'): Promise<void> {
    const unique = [...new Set(ids)];
    const snapshot = await catalog.snapshot();
    const found = await resolveNodes(db, unique, { scanFallback: !snapshot.ours });
    const missing = unique.filter((id) => !found.has(id));
    if (found.size === 0) throw new NotFoundError(`ids: none of the ${unique.length} ids names a node`);
    const byElementId = new Map<string, PlainNode>();
    for (const node of found.values()) byElementId.set(node.elementId, node);
    const caption = await catalog.captionResolver();
    const colorOf = new Map(snapshot.labels.map((l) => [l.label, l.color]));
    const idOf = new Map([...byElementId.values()].map((n) => [n.elementId, publicId(n)]));
    const nodes: ExportNode[] = [...byElementId.values()].map((node) => {
      const color = node.labels.map((l) => colorOf.get(l)).find(Boolean);
      return { ...toWireNode(node, caption), evidence: evidenceOf(node), ...(color ? { color } : {}) };
    });
    const relationships = await relationshipsAmongAll(db, [...byElementId.keys()]);
    const edges: ExportEdge[] = relationships.map((rel) => ({
      ...toWireEdge(rel, idOf.get(rel.startElementId)!, idOf.get(rel.endElementId)!),
      evidence: evidenceOf(rel),
    }));
    const file = exportFile({ nodes, edges, missing }, format, part);
    // attachment() guesses a type from the extension; the exact type is set after it.
    res.attachment(file.filename);
    res.setHeader('Content-Type', file.contentType);
    res.send(file.body);
  }

  define(router, ENDPOINTS.exportGet, async (req, res) => {
    const { ids, format, part } = parseQuery(ExportQuery, req);
    await send(res, ids, format, part);
  });

  define(router, ENDPOINTS.exportPost, async (req, res) => {
    const { ids, format, part } = parseBody(ExportBody, req);
    await send(res, ids, format, part);
  });

  return router;
}
