// GET /api/search: names and aliases through the full-text index (fuzzy, prefix, folded) or a scan on foreign databases, ranked by tier; sources by title and publisher.
import { Router } from 'express';
import { captionResolverFor } from '../services/catalog.ts';
import type { PlainNode } from '../../db/database.ts';
import type { WireNode } from '../../db/mapping.ts';
import { SOURCE_LABEL } from '../../model/storage.ts';
import { toWireNode } from '../../db/mapping.ts';
import { namedQuery } from '../../db/named-queries.ts';
import { nodesByElementIds, resolveNode } from '../services/reads/nodes.ts';
import { searchFullText, searchNamesScan, searchScan } from '../services/reads/search.ts';
import { luceneQuery, matchBonus, matchTier, namesOf, namesScanPattern, rankScore, scanPattern, sourceHit, spellingScore } from '../services/search.ts';
import { ENDPOINTS, parseQuery, SearchQuery } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';

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

export function searchRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();
  define(router, ENDPOINTS.search, async (req, res) => {
    const { q, labels, limit } = parseQuery(SearchQuery, req);
    const labelFilter = labels && labels.length ? labels : null;
    const snapshot = await catalog.snapshot();
    const caption = captionResolverFor(snapshot.captions, snapshot.dates);
    const merged = new Map<string, { node: PlainNode; score: number }>();
    const keep = (node: PlainNode, score: number) => {
      if (node.labels.includes('Source')) return;
      if (labelFilter && !node.labels.some((l) => labelFilter.includes(l))) return;
      const previous = merged.get(node.elementId);
      if (!previous || previous.score < score) merged.set(node.elementId, { node, score });
    };

    if (LOOKS_LIKE_ID.test(q)) {
      const exact = await resolveNode(db, q);
      if (exact) keep(exact, Number.MAX_SAFE_INTEGER);
    }

    // Fetch more than asked: the bonus for whole-name matches may reorder them.
    const fetch = Math.min(limit * 3, 300);
    if (snapshot.search.mode === 'fulltext') {
      const options = { timeoutMs: SEARCH_TIMEOUT_MS };
      const all = luceneQuery(q, 'all');
      let hits = all ? await searchFullText(db, { index: snapshot.search.index, query: all, labels: labelFilter, limit: fetch }, options) : [];
      if (hits.length === 0) {
        const any = luceneQuery(q, 'any');
        if (any && any !== all) hits = await searchFullText(db, { index: snapshot.search.index, query: any, labels: labelFilter, limit: fetch }, options);
      }
      for (const hit of hits) {
        const shown = caption(hit.node.labels, hit.node.properties);
        const names = namesOf(hit.node, shown);
        // The spelling score puts the one-typo person above others the fuzzy terms found.
        keep(hit.node, rankScore(matchTier(names, q), hit.score + (snapshot.ours ? 0 : spellingScore(names, q) * 10), matchBonus(hit.node, shown, q)));
      }
    } else if (!snapshot.ours) {
      // A foreign database: its name properties only, every word within one typo, a bounded number of nodes per label.
      // The server's in-memory name index (then only the hits are fetched, by element id), awaited a while when it is
      // being read, else a bounded scan.
      const index = await catalog.nameIndex(snapshot, NAME_INDEX_WAIT_MS);
      const targets = snapshot.nameTargets.filter((t) => !labelFilter || labelFilter.includes(t.label));
      const pattern = index ? undefined : namesScanPattern(q);
      const nodes = index
        ? await nodesByElementIds(db, index.search(q, labelFilter, fetch))
        : pattern
          ? await searchNamesScan(db, { targets, pattern, examine: NAME_SCAN_EXAMINE, limit: Math.max(fetch, 200) }, { timeoutMs: SEARCH_TIMEOUT_MS })
          : [];
      for (const node of nodes) {
        const shown = caption(node.labels, node.properties);
        const names = namesOf(node, shown);
        keep(node, rankScore(matchTier(names, q), spellingScore(names, q), matchBonus(node, shown, q)));
      }
    } else {
      const pattern = scanPattern(q);
      const nodes = pattern ? await searchScan(db, { pattern, labels: labelFilter, limit: Math.max(fetch, 200) }, { timeoutMs: SEARCH_TIMEOUT_MS }) : [];
      for (const node of nodes) {
        const shown = caption(node.labels, node.properties);
        keep(node, rankScore(matchTier(namesOf(node, shown), q), 1, matchBonus(node, shown, q)));
      }
    }

    // A publisher or a title finds the sources (what a publisher published); below entities of the same tier.
    const sources: { node: WireNode; score: number }[] = [];
    // Not asked where the catalog counted no source (a foreign database): a round trip that finds nothing.
    const sourcePattern = snapshot.sourceCount > 0 && (!labelFilter || labelFilter.includes(SOURCE_LABEL)) ? scanPattern(q) : undefined;
    if (sourcePattern) {
      const { rows } = await db.read(namedQuery('search-sources').cypher, { pattern: sourcePattern, limit }, { timeoutMs: SEARCH_TIMEOUT_MS });
      for (const row of rows) {
        const hit = sourceHit(row);
        sources.push({ node: hit, score: rankScore(matchTier([hit.caption, String(hit.properties.publisher ?? '')], q), 0) });
      }
    }

    const results = [
      ...[...merged.values()].map(({ node, score }) => ({ node: toWireNode(node, caption), score: score === Number.MAX_SAFE_INTEGER ? 1000 : score })),
      ...sources,
    ]
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ node, score }) => ({ node, score: Math.round(score * 1000) / 1000 }));
    res.json({
      results,
      mode: snapshot.search.mode,
      ...(snapshot.search.createIndex ? { createIndex: snapshot.search.createIndex } : {}),
    });
  });
  return router;
}
