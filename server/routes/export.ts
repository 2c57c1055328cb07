// GET and POST /api/export: a set of nodes and the edges among them as a JSON, CSV, GraphML, GEXF or FollowTheMoney file.
import { Router, type Response } from 'express';
import type { PlainNode } from '../../db/database.ts';
import { NotFoundError } from '../http/errors.ts';
import { exportFile, type ExportEdge, type ExportFormat, type ExportNode } from '../services/export.ts';
import { evidenceOf, publicId, toWireEdge, toWireNode } from '../../db/mapping.ts';
import { relationshipsAmongAll, resolveNodes } from '../services/reads/nodes.ts';
import { ENDPOINTS, ExportBody, ExportQuery, parseBody, parseQuery } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';
import { SOURCE_LABEL, STORED } from '../../model/index.ts';
import { storedModel } from '../../ingest/model-store.ts';
import { ftmModel } from '../../ingest/ftm/model.ts';
import type { FtmSourceIn } from '../../ingest/ftm/write.ts';

export function exportRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();

  /** The sources the exported evidence cites, for FtM's Document entities. */
  async function sourcesOf(items: { evidence: { sourceId: string }[] }[]): Promise<FtmSourceIn[]> {
    const ids = [...new Set(items.flatMap((i) => i.evidence.map((e) => e.sourceId)))];
    if (!ids.length) return [];
    const { rows } = await db.read(
      `MATCH (s:${SOURCE_LABEL}) WHERE s.${STORED.id} IN $ids RETURN s.${STORED.id} AS id, s.title AS title, s.publisher AS publisher, s.url AS url, s.language AS language, toString(s.published) AS published, s.publishedPrecision AS publishedPrecision ORDER BY id`,
      { ids },
    );
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return rows.map((r) => ({ id: String(r.id), title: text(r.title), publisher: text(r.publisher), url: text(r.url), language: text(r.language), published: text(r.published), publishedPrecision: text(r.publishedPrecision) }));
  }

  async function send(res: Response, ids: string[], format: ExportFormat, part: 'nodes' | 'edges'): Promise<void> {
    const unique = [...new Set(ids)];
    // One seek per id, and the relationships among them by seeks and expansions (export-edges.cypher).
    const [snapshot, found] = await Promise.all([catalog.snapshot(), resolveNodes(db, unique)]);
    const missing = unique.filter((id) => !found.has(id));
    if (found.size === 0) throw new NotFoundError(`ids: none of the ${unique.length} ids names a node`);
    const byElementId = new Map<string, PlainNode>();
    for (const node of found.values()) byElementId.set(node.elementId, node);
    const [caption, relationships] = await Promise.all([catalog.captionResolver(), relationshipsAmongAll(db, [...byElementId.keys()])]);
    const colorOf = new Map(snapshot.labels.map((l) => [l.label, l.color]));
    const typeColorOf = new Map(snapshot.relationshipTypes.map((t) => [t.type, t.color]));
    const idOf = new Map([...byElementId.values()].map((n) => [n.elementId, publicId(n)]));
    const nodes: ExportNode[] = [...byElementId.values()].map((node) => {
      const color = node.labels.map((l) => colorOf.get(l)).find(Boolean);
      return { ...toWireNode(node, caption), evidence: evidenceOf(node), ...(color ? { color } : {}) };
    });
    const edges: ExportEdge[] = relationships.map((rel) => {
      const color = typeColorOf.get(rel.type);
      return { ...toWireEdge(rel, idOf.get(rel.startElementId)!, idOf.get(rel.endElementId)!), evidence: evidenceOf(rel), ...(color ? { color } : {}) };
    });
    const ftm = format === 'ftm' ? { sources: await sourcesOf([...nodes, ...edges]), ftm: ftmModel(await storedModel(db)) } : {};
    const file = exportFile({ nodes, edges, missing, ...ftm }, format, part);
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
