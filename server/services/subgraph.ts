// These nodes and the relationships among them, with evidence and display colours: the content of an export and the answer of POST /api/subgraph.
import type { Database, PlainNode } from '../../db/database.ts';
import { evidenceOf, publicId, toWireEdge, toWireNode } from '../../db/mapping.ts';
import { NotFoundError } from '../http/errors.ts';
import type { Catalog } from './catalog.ts';
import { ownProperties, type ExportEdge, type ExportNode } from './export.ts';
import { relationshipsAmongAll, resolveNodes } from './reads/nodes.ts';

export interface SubgraphOfIds {
  nodes: ExportNode[];
  edges: ExportEdge[];
  /** Requested ids that name no node. */
  missing: string[];
}

/** The nodes public ids name and every relationship among them; a NotFoundError when none of the ids names a node. */
export async function subgraphOf(db: Database, catalog: Catalog, ids: string[]): Promise<SubgraphOfIds> {
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
    // What the user stored, as every export says it: computed storage (searchText, ...) stays out.
    return ownProperties({ ...toWireNode(node, caption), evidence: evidenceOf(node), ...(color ? { color } : {}) });
  });
  const edges: ExportEdge[] = relationships.map((rel) => {
    const color = typeColorOf.get(rel.type);
    return ownProperties({ ...toWireEdge(rel, idOf.get(rel.startElementId)!, idOf.get(rel.endElementId)!), evidence: evidenceOf(rel), ...(color ? { color } : {}) });
  });
  return { nodes, edges, missing };
}
