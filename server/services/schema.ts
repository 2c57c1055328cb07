// What GET /api/schema and GET /api/schema/graph answer: the catalog's labels, types, search mode and datasets, and the database's shape with counts and colours.
// Both as the caller sees the graph: the count store when nothing is hidden from them, a count of what they see (the catalog's, cached) otherwise.
import type { Database } from '../../db/database.ts';
import type { Catalog, CatalogSnapshot } from './catalog.ts';
import { NOTHING } from './datasets.ts';
import type { Visibility } from './visibility.ts';
import { schemaGraph } from './reads/schema.ts';
import { LIMITS } from '../http/endpoints.ts';

/**
 * Above this many nodes (the labels' counts, which the catalog reads from the count store) a database is
 * too large to draw whole, and the page opens on its schema view rather than an overview: the largest
 * overview the page draws is LIMITS.graph.max (2,000, the toolbar's largest size); a database beyond it can
 * only ever be sampled, and a sample of a large graph was mostly one label around a few hubs (issue #26).
 * OVERVIEW_MAX_NODES overrides it (server/config.ts).
 */
export const OVERVIEW_MAX_NODES: number = LIMITS.graph.max;

export async function schemaSummary(
  catalog: Catalog,
  asked: Visibility,
): Promise<Pick<CatalogSnapshot, 'labels' | 'relationshipTypes' | 'search' | 'evidence' | 'sourceCount' | 'datasets'>> {
  const { snapshot } = await catalog.view(asked);
  return {
    labels: snapshot.labels,
    relationshipTypes: snapshot.relationshipTypes,
    search: snapshot.search,
    evidence: snapshot.evidence,
    sourceCount: snapshot.sourceCount,
    datasets: snapshot.datasets,
  };
}

export interface SchemaShape {
  labels: { label: string; count: number; color: string; shape: string }[];
  relationships: { type: string; from: string; to: string; count: number; color: string }[];
}

export async function schemaShape(db: Database, catalog: Catalog, asked: Visibility): Promise<SchemaShape> {
  // Every dataset: the shape is read while the (cached) snapshot is awaited, as it always was (left unused when the catalog counts what the caller sees).
  const reading = asked.datasets === null ? schemaGraph(db) : undefined;
  reading?.catch(() => undefined);
  const { snapshot, datasets, counts } = await catalog.view(asked);
  if (datasets === NOTHING) return { labels: [], relationships: [] };
  // The catalog's labels (with nodes, ours without Entity and record labels) and their looks; the pattern's ends must be among them.
  const labels = new Map(snapshot.labels.filter((l) => l.count > 0).map((l) => [l.label, l] as const));
  const types = new Map(snapshot.relationshipTypes.map((t) => [t.type, t] as const));
  const relationships: SchemaShape['relationships'] = [];
  const add = (r: { type: string; from: string; to: string }, count: number) => {
    if (!labels.has(r.from) || !labels.has(r.to) || !types.has(r.type) || count <= 0) return;
    relationships.push({ type: r.type, from: r.from, to: r.to, count, color: types.get(r.type)!.color });
  };
  if (counts) {
    // A caller who does not see everything: the patterns of what they see, counted exactly.
    for (const pattern of counts.patterns) add(pattern, pattern.count);
  } else {
    const graph = await (reading ?? schemaGraph(db));
    const seen = new Set<string>();
    for (const r of graph.relationships) {
      const key = `${r.from}\u0000${r.type}\u0000${r.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add(r, Math.min(graph.outgoing.get(`${r.type}\u0000${r.from}`) ?? 0, graph.incoming.get(`${r.type}\u0000${r.to}`) ?? 0));
    }
  }
  return {
    labels: [...labels.values()].map((l) => ({ label: l.label, count: l.count, color: l.color, shape: l.shape })),
    relationships: relationships.sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
  };
}
