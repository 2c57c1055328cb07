// Search (GET /api/search): an exact id, then names and aliases by one of three strategies (the full-text index, a foreign database's name index or bounded scan, our own scan), and sources by title and publisher, all ranked by tier.
import type { Database, PlainNode } from '../../db/database.ts';
import { toWireNode, type CaptionResolver, type WireNode } from '../../db/mapping.ts';
import { SOURCE_LABEL } from '../../model/storage.ts';
import type { Catalog, CatalogSnapshot, SearchInfo } from './catalog.ts';
import { captionResolverFor } from './catalog-labels.ts';
import { NOTHING } from './datasets.ts';
import { nodesByElementIds, resolveNode } from './reads/nodes.ts';
import type { Seen } from './reads/run.ts';
import type { Visibility } from './visibility.ts';
import { searchFullText, searchNamesScan, searchScan, searchSources } from './reads/search.ts';
import { luceneQuery, matchBonus, matchTier, namesOf, namesScanPattern, rankScore, scanPattern, sourceHit, spellingScore } from './search-text.ts';

/** Ids look like 'org/aeem' or '~4:...'; such a query is also tried as an exact id. */
const LOOKS_LIKE_ID = /^(~\S+|[\w-]+\/[\w./-]+)$/;
const SEARCH_TIMEOUT_MS = 10_000;
/**
 * Nodes read per label by the name scan of a foreign database without the index: it bounds the cost of a
 * keystroke (a label scan of at most this many nodes per label, each a regex over its name properties).
 */
export const NAME_SCAN_EXAMINE = 25_000;
/**
 * How long a search waits for the name index's first read before it scans instead: the read took 1 s
 * at 60k nodes and a scan 2–4 s, so waiting up to about a scan's time is never much slower.
 */
export const NAME_INDEX_WAIT_MS = 3_000;

export interface SearchParams {
  q: string;
  labels: string[] | null;
  limit: number;
}

export interface SearchAnswer {
  results: { node: WireNode; score: number }[];
  mode: SearchInfo['mode'];
  createIndex?: string;
}

/** A node found and its rank score. */
type Keep = (node: PlainNode, score: number) => void;

/** What a strategy needs: the query, how many hits to fetch, the labels asked for, what the caller sees, and how nodes are captioned. */
interface Strategy {
  db: Database;
  snapshot: CatalogSnapshot;
  q: string;
  labels: string[] | null;
  seen: Seen;
  fetch: number;
  caption: CaptionResolver;
  keep: Keep;
}

/** Through the full-text index: every word first, any word if that finds nothing. */
async function fullText({ db, snapshot, q, labels, seen, fetch, caption, keep }: Strategy): Promise<void> {
  const options = { timeoutMs: SEARCH_TIMEOUT_MS };
  const all = luceneQuery(q, 'all');
  let hits = all ? await searchFullText(db, { index: snapshot.search.index, query: all, labels, limit: fetch }, seen, options) : [];
  if (hits.length === 0) {
    const any = luceneQuery(q, 'any');
    if (any && any !== all) hits = await searchFullText(db, { index: snapshot.search.index, query: any, labels, limit: fetch }, seen, options);
  }
  for (const hit of hits) {
    const shown = caption(hit.node.labels, hit.node.properties);
    const names = namesOf(hit.node, shown);
    // The spelling score puts the one-typo person above others the fuzzy terms found.
    keep(hit.node, rankScore(matchTier(names, q), hit.score + (snapshot.ours ? 0 : spellingScore(names, q) * 10), matchBonus(hit.node, shown, q)));
  }
}

/**
 * A foreign database without the index: its name properties only, every word within one typo, a bounded
 * number of nodes per label. The server's in-memory name index (then only the hits are fetched, by element
 * id), awaited a while when it is being read, else a bounded scan. Only a caller who reads the whole
 * database gets here (search answers nothing to others), so `seen.datasets` is null.
 */
async function foreignNames({ db, snapshot, q, labels, seen, fetch, caption, keep }: Strategy, catalog: Catalog): Promise<void> {
  const index = await catalog.nameIndex(snapshot, NAME_INDEX_WAIT_MS);
  const targets = snapshot.nameTargets.filter((t) => !labels || labels.includes(t.label));
  const pattern = index ? undefined : namesScanPattern(q);
  const nodes = index
    ? await nodesByElementIds(db, index.search(q, labels, fetch), seen)
    : pattern
      ? await searchNamesScan(db, { targets, pattern, examine: NAME_SCAN_EXAMINE, limit: Math.max(fetch, 200) }, { timeoutMs: SEARCH_TIMEOUT_MS })
      : [];
  for (const node of nodes) {
    const shown = caption(node.labels, node.properties);
    const names = namesOf(node, shown);
    keep(node, rankScore(matchTier(names, q), spellingScore(names, q), matchBonus(node, shown, q)));
  }
}

/** Our own data without the index: a case- and accent-insensitive scan. */
async function ownScan({ db, q, labels, seen, fetch, caption, keep }: Strategy): Promise<void> {
  const pattern = scanPattern(q);
  const nodes = pattern ? await searchScan(db, { pattern, labels, limit: Math.max(fetch, 200) }, seen, { timeoutMs: SEARCH_TIMEOUT_MS }) : [];
  for (const node of nodes) {
    const shown = caption(node.labels, node.properties);
    keep(node, rankScore(matchTier(namesOf(node, shown), q), 1, matchBonus(node, shown, q)));
  }
}

/** A publisher or a title finds the sources (what a publisher published); below entities of the same tier. */
async function sources(db: Database, snapshot: CatalogSnapshot, { q, labels, limit }: SearchParams, seen: Seen): Promise<{ node: WireNode; score: number }[]> {
  // Not asked where the catalog counted no source (a foreign database): a round trip that finds nothing.
  const pattern = snapshot.sourceCount > 0 && (!labels || labels.includes(SOURCE_LABEL)) ? scanPattern(q) : undefined;
  if (!pattern) return [];
  const rows = await searchSources(db, { pattern, limit }, seen, { timeoutMs: SEARCH_TIMEOUT_MS });
  return rows.map((row) => {
    const hit = sourceHit(row);
    return { node: hit, score: rankScore(matchTier([hit.caption, String(hit.properties.publisher ?? '')], q), 0) };
  });
}

/** What the caller may see (`asked`: the datasets they read, the fact statuses shown) that the words find: every strategy filters inside its query. */
export async function search(db: Database, catalog: Catalog, params: SearchParams, asked: Visibility): Promise<SearchAnswer> {
  const { q, labels, limit } = params;
  const { snapshot, datasets, statuses } = await catalog.scope(asked);
  // A database someone else built that the caller holds no grant on: nothing is found, nothing is run.
  if (datasets === NOTHING) return { results: [], mode: snapshot.search.mode };
  const seen: Seen = { datasets, statuses };
  const caption = captionResolverFor(snapshot.captions, snapshot.dates);
  const merged = new Map<string, { node: PlainNode; score: number }>();
  const keep: Keep = (node, score) => {
    if (node.labels.includes('Source')) return;
    if (labels && !node.labels.some((l) => labels.includes(l))) return;
    const previous = merged.get(node.elementId);
    if (!previous || previous.score < score) merged.set(node.elementId, { node, score });
  };

  if (LOOKS_LIKE_ID.test(q)) {
    const exact = await resolveNode(db, q, seen);
    if (exact) keep(exact, Number.MAX_SAFE_INTEGER);
  }

  // Fetch more than asked: the bonus for whole-name matches may reorder them.
  const strategy: Strategy = { db, snapshot, q, labels, seen, fetch: Math.min(limit * 3, 300), caption, keep };
  if (snapshot.search.mode === 'fulltext') await fullText(strategy);
  else if (!snapshot.ours) await foreignNames(strategy, catalog);
  else await ownScan(strategy);

  const found = await sources(db, snapshot, params, seen);
  const results = [
    ...[...merged.values()].map(({ node, score }) => ({ node: toWireNode(node, caption), score: score === Number.MAX_SAFE_INTEGER ? 1000 : score })),
    ...found,
  ]
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ node, score }) => ({ node, score: Math.round(score * 1000) / 1000 }));
  return {
    results,
    mode: snapshot.search.mode,
    // The command names every label with nodes: for the operator, who reads everything.
    ...(snapshot.search.createIndex && datasets === null ? { createIndex: snapshot.search.createIndex } : {}),
  };
}
