// These nodes and the relationships among them, with evidence and display colours: the content of an export and the answer of POST /api/subgraph.
import type { Database } from '../../db/database.ts';
import { evidenceOf, publicId, toWireEdge, toWireNode } from '../../db/mapping.ts';
import { NotFoundError } from '../http/errors.ts';
import type { Catalog } from './catalog.ts';
import { NOTHING } from './datasets.ts';
import { ownProperties, type ExportEdge, type ExportNode } from './export.ts';
import { relationshipsAmongAll, resolveNodes, type SeenNode } from './reads/nodes.ts';
import type { Visibility } from './visibility.ts';

export interface SubgraphOfIds {
  nodes: ExportNode[];
  edges: ExportEdge[];
  /** Requested ids that name no node (the caller may see). */
  missing: string[];
}

/**
 * The nodes public ids name and every relationship among them, of what the caller may see (`asked`); a
 * NotFoundError when none of the ids names a node they see. Ids of nodes they may not see are `missing`,
 * exactly as unknown ids are; evidence citing a source they may not see is left out (the queries say which).
 */
export async function subgraphOf(db: Database, catalog: Catalog, ids: string[], asked: Visibility): Promise<SubgraphOfIds> {
  const unique = [...new Set(ids)];
  const { snapshot, datasets, statuses } = await catalog.scope(asked);
  const none = () => new NotFoundError(`ids: none of the ${unique.length} ids names a node`);
  if (datasets === NOTHING) throw none();
  // One seek per id, and the relationships among them by seeks and expansions (export-edges.cypher).
  const found = await resolveNodes(db, unique, { datasets, statuses });
  const missing = unique.filter((id) => !found.has(id));
  if (found.size === 0) throw none();
  const byElementId = new Map<string, SeenNode>();
  for (const seen of found.values()) byElementId.set(seen.node.elementId, seen);
  const [caption, relationships] = await Promise.all([catalog.captionResolver(), relationshipsAmongAll(db, [...byElementId.keys()], { datasets, statuses })]);
  const colorOf = new Map(snapshot.labels.map((l) => [l.label, l.color]));
  const typeColorOf = new Map(snapshot.relationshipTypes.map((t) => [t.type, t.color]));
  const idOf = new Map([...byElementId.values()].map(({ node }) => [node.elementId, publicId(node)]));
  const nodes: ExportNode[] = [...byElementId.values()].map(({ node, sources }) => {
    const color = node.labels.map((l) => colorOf.get(l)).find(Boolean);
    // What the user stored, as every export says it: computed storage (searchText, ...) stays out.
    return ownProperties({ ...toWireNode(node, caption), evidence: evidenceOf(node, sources), ...(color ? { color } : {}) });
  });
  const edges: ExportEdge[] = relationships.map(({ relationship: rel, sources }) => {
    const color = typeColorOf.get(rel.type);
    return ownProperties({ ...toWireEdge(rel, idOf.get(rel.startElementId)!, idOf.get(rel.endElementId)!), evidence: evidenceOf(rel, sources), ...(color ? { color } : {}) });
  });
  return { nodes, edges, missing };
}
