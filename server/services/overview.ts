// The overview for the first drawing of the canvas (GET /api/graph): the whole graph when it fits, else connected neighbourhoods across labels.
import type { Database, PlainNode } from '../../db/database.ts';
import { SubgraphBuilder, type Subgraph } from '../../db/mapping.ts';
import { ENTITY_LABEL } from '../../model/index.ts';
import type { Catalog } from './catalog.ts';
import { NOTHING } from './datasets.ts';
import { countNodes, overviewNodes, overviewSample, relationshipsAmong } from './reads/overview.ts';
import type { Seen } from './reads/run.ts';
import type { Visibility } from './visibility.ts';

/** Edges drawn per node at most, so a dense overview stays drawable. */
const EDGES_PER_NODE = 10;

/**
 * The labels a sampled overview seeds from, in the order their seeds are taken: those with nodes, the
 * largest first (then declared before discovered, then by name, as the catalog lists them). The seeds'
 * statement is written from this list, so the warm-up plans it from the same function (warm.ts).
 */
export function overviewLabels(labels: readonly { label: string; count: number; declared: boolean }[]): string[] {
  return labels
    .filter((l) => l.count > 0 && l.label !== ENTITY_LABEL)
    .sort((a, b) => b.count - a.count || Number(b.declared) - Number(a.declared) || a.label.localeCompare(b.label))
    .map((l) => l.label);
}

/**
 * The sample filled up to the limit with the graph's first nodes: a graph of few labels yields few
 * seeds, and a view asked for 2,000 nodes should not open on 70.
 */
async function topUp(sample: PlainNode[], more: () => Promise<PlainNode[]>, limit: number): Promise<PlainNode[]> {
  if (sample.length >= limit) return sample;
  const seen = new Set(sample.map((n) => n.elementId));
  const extra = (await more()).filter((n) => !seen.has(n.elementId)).slice(0, limit - sample.length);
  return sample.concat(extra);
}

/** The overview of what the caller may see (`asked`): counts, sample, nodes and edges all of what they see. */
export async function overview(db: Database, catalog: Catalog, limit: number, asked: Visibility): Promise<Subgraph & { total: number; truncated: boolean }> {
  const { snapshot, datasets, statuses, counts } = await catalog.view(asked);
  if (datasets === NOTHING) return { nodes: [], edges: [], total: 0, truncated: false };
  const seen: Seen = { datasets, statuses };
  // A graph that fits is drawn whole (the Mali dataset); a larger one is sampled around
  // well-connected nodes of every label, so the first screen shows how the labels connect.
  const labels = overviewLabels(snapshot.labels);
  // When the catalog's counts say the graph will not fit, the sample is read while the nodes are
  // counted rather than after: one round trip less on every overview of a large graph.
  const likelyLarge = snapshot.labels.reduce((sum, l) => sum + l.count, 0) > limit;
  const sampling = likelyLarge ? overviewSample(db, { labels, limit, seen }) : undefined;
  sampling?.catch(() => undefined);
  // The count store when nothing is hidden; the catalog's count of what they see otherwise.
  const total = counts ? counts.nodes : await countNodes(db);
  const nodes =
    total <= limit
      ? await overviewNodes(db, limit, seen)
      : await topUp(await (sampling ?? overviewSample(db, { labels, limit, seen })), () => overviewNodes(db, limit, seen), limit);
  const [rels, caption] = await Promise.all([relationshipsAmong(db, nodes.map((n) => n.elementId), limit * EDGES_PER_NODE, seen), catalog.captionResolver()]);
  const builder = new SubgraphBuilder(caption);
  for (const node of nodes) builder.addNode(node);
  for (const rel of rels) builder.addRelationship(rel);
  const graph = builder.build();
  return { ...graph, total, truncated: total > graph.nodes.length };
}
