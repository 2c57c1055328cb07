// The overview's reads: the graph whole when it fits, else a sample of well-connected neighbourhoods across labels, the edges among them, and the count of nodes.
import type { Database, PlainNode, PlainRelationship } from '../../../db/database.ts';
import { builtQuery } from '../../../db/built-queries.ts';
import { RECORD_LABELS } from '../../../model/index.ts';
import { asNode, asNumber, runNamed, seenParams, type Seen } from './run.ts';

export async function overviewNodes(db: Database, limit: number, seen: Seen): Promise<PlainNode[]> {
  const { rows } = await runNamed(db, 'overview-nodes', { limit, recordLabels: RECORD_LABELS, ...seenParams(seen) });
  return rows.map((row) => asNode(row.n));
}

/**
 * A sample of a graph too large to draw whole: a few well-connected seeds per label, taken in turn
 * across labels (every label's first seed, then every label's second...), each with its neighbours,
 * so the sample shows how the labels connect instead of a grid of isolated nodes.
 */
export async function overviewSample(
  db: Database,
  params: { labels: readonly string[]; limit: number; seen: Seen; seedsPerLabel?: number; sample?: number; perSeed?: number },
): Promise<PlainNode[]> {
  const labels = params.labels.filter((l) => !RECORD_LABELS.includes(l));
  if (!labels.length) return [];
  const seedsPerLabel = params.seedsPerLabel ?? 3;
  const { rows } = await db.read(builtQuery('overview-seeds', labels), { sample: params.sample ?? 200, seedsPerLabel, ...seenParams(params.seen) });
  const byLabel = new Map<number, string[]>();
  for (const row of rows) {
    const rank = asNumber(row.labelRank);
    byLabel.set(rank, [...(byLabel.get(rank) ?? []), String(row.seed)]);
  }
  const seeds: string[] = [];
  for (let turn = 0; turn < seedsPerLabel; turn++) for (const list of byLabel.values()) if (list[turn]) seeds.push(list[turn]!);
  if (!seeds.length) return [];
  // Enough neighbours per seed that the first seed of every label fits within the limit.
  const perSeed = params.perSeed ?? Math.max(3, Math.floor(params.limit / Math.max(1, byLabel.size)) - 1);
  const neighbourhoods = await runNamed(db, 'overview-neighbourhoods', { seeds, perSeed, limit: params.limit, recordLabels: RECORD_LABELS, ...seenParams(params.seen) });
  return neighbourhoods.rows.map((row) => asNode(row.n));
}

export async function relationshipsAmong(db: Database, elementIds: string[], limit: number, seen: Seen): Promise<PlainRelationship[]> {
  if (elementIds.length === 0) return [];
  const { rows } = await runNamed(db, 'overview-edges', { elementIds, limit, ...seenParams(seen) });
  return rows.map((row) => row.r as PlainRelationship);
}

/** Every node the graph views can show, from the count store (a caller who does not see everything takes the catalog's visible counts). */
export async function countNodes(db: Database): Promise<number> {
  const { rows } = await db.read(builtQuery('count-nodes'));
  return asNumber(rows[0]?.total);
}
