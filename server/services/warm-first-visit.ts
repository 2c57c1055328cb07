// Runs, once after a start and after the plans (warm.ts), one of each read a first visit makes, with real ids from
// the database, through the app's own catalog and services: the first screen's, then the first clicks'.
import type { Database } from '../../db/database.ts';
import { LIMITS, NeighborsQuery, PathsQuery, SearchQuery, TimelineQuery } from '../http/endpoints.ts';
import type { Catalog } from './catalog.ts';
import { histogramService } from './histogram.ts';
import { labelTopGraph } from './labels.ts';
import { neighborsOf, nodeWithDetails } from './nodes.ts';
import { overview } from './overview.ts';
import { pathsBetween } from './paths.ts';
import { schemaShape, schemaSummary } from './schema.ts';
import { search } from './search.ts';
import { sourceList, sourceWithStatements } from './sources.ts';
import { subgraphOf } from './subgraph.ts';
import { TimelineService } from './timeline.ts';
import { OWNER_DEFAULT } from './visibility.ts';

/** The warm-up reads as the owner's page does: every dataset, and proposals shown (no status filter at all on a database without recorded facts). */
const EVERYTHING = OWNER_DEFAULT;

/*
 * Why run and not only plan. Planned is not yet fast: right after a start, with every plan cached, the first
 * node details on a 60k-node foreign graph took 775-891 ms (then 13-22 ms) and on an 18-node FtM import
 * 519 ms (issue #26). What the first request paid was the rest: the catalog's first discovery (on a foreign
 * database, a sample of every label), the first execution of each query (Neo4j compiles a plan's code on
 * first use), the pages of the hub's neighbourhood, the name index. So each read the page makes on a first
 * visit runs here once, through the catalog the app serves with (main.ts shares it), on real ids: the
 * most connected node of the largest label and its neighbourhood, a path to the next most connected one,
 * a word of its name, a source.
 */

/** How long the first visit's reads may hold health at 'warming': on a huge database they stop there. */
export const FIRST_VISIT_BUDGET_MS = 30_000;

/** Health's reason while they run. */
export const FIRST_VISIT_REASON = `running one of each read a first visit makes (schema, overview, histogram, a node's details, neighbours, a path, a search, a source, the timeline; at most ${FIRST_VISIT_BUDGET_MS / 1000} s)`;

export interface FirstVisitOptions {
  /** Milliseconds the reads may take in all (default FIRST_VISIT_BUDGET_MS); the one running then goes on in the background. */
  budgetMs?: number;
  /** Above this many nodes the page opens on the schema view rather than the overview (services/schema.ts). */
  overviewMaxNodes: number;
}

export interface FirstVisitResult {
  /** Each read that ran, with its milliseconds. */
  ran: { read: string; ms: number }[];
  failed: string[];
  /** The read the budget ran out on (it and those after it were not waited for). */
  cut?: string;
}

/** A word of a caption that search would be typed with: the longest of its first words. */
function searchWord(caption: string): string | undefined {
  const words = caption.split(/[\s'’(),.°/:-]+/).filter((w) => w.length >= 3 && !/^\d+$/.test(w)).slice(0, 3);
  return words.sort((a, b) => b.length - a.length)[0];
}

export async function warmFirstVisit(db: Database, catalog: Catalog, options: FirstVisitOptions): Promise<FirstVisitResult> {
  const deadline = performance.now() + (options.budgetMs ?? FIRST_VISIT_BUDGET_MS);
  const result: FirstVisitResult = { ran: [], failed: [] };
  /** Runs one read unless the budget is spent; false once it is (the read then finishes on its own). */
  const run = async (read: string, work: () => Promise<unknown>): Promise<boolean> => {
    if (result.cut) return false;
    const left = deadline - performance.now();
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      work().then(
        () => 'done' as const,
        () => 'failed' as const,
      ),
      new Promise<'cut'>((resolve) => (timer = setTimeout(() => resolve('cut'), Math.max(0, left)))),
    ]);
    clearTimeout(timer);
    if (outcome === 'cut') {
      result.cut = read;
      return false;
    }
    if (outcome === 'failed') result.failed.push(read);
    else result.ran.push({ read, ms: Math.round(performance.now() - t0) });
    return true;
  };

  // The first screen: the schema (and the catalog's discovery behind every answer), the shape, the TIME panel's histogram.
  await run('schema', () => schemaSummary(catalog, EVERYTHING));
  const snapshot = await catalog.snapshot().catch(() => undefined);
  if (!snapshot) return result;
  const total = snapshot.labels.reduce((sum, l) => sum + l.count, 0);
  // As the page decides (client/src/state/first-screen.ts): the overview when the database can be drawn whole.
  const opensOnOverview = total <= (snapshot.ours ? options.overviewMaxNodes : LIMITS.graph.default);
  await run('schema graph', () => schemaShape(db, catalog, EVERYTHING));
  await run('histogram', () => histogramService(db, catalog).histogram({}, EVERYTHING));
  if (opensOnOverview) await run('overview', () => overview(db, catalog, LIMITS.graph.default, EVERYTHING));

  // The first clicks, around the most connected node of the largest label (the schema view's first entry).
  const largest = snapshot.labels.filter((l) => l.count > 0).sort((a, b) => b.count - a.count)[0];
  if (largest) {
    let top: Awaited<ReturnType<typeof labelTopGraph>> | undefined;
    await run('label top', async () => (top = await labelTopGraph(db, catalog, largest.label, LIMITS.labelTop.default, EVERYTHING)));
    const hub = top?.nodes[0];
    if (hub) {
      await run('node details', () => nodeWithDetails(db, catalog, hub.id, EVERYTHING));
      await run('neighbours', () => neighborsOf(db, catalog, { id: hub.id, ...NeighborsQuery.parse({ limit: '25' }) }, EVERYTHING));
      // The inspector's story of the node: a page of 100 relationships, then the subgraph for their evidence.
      await run('story', async () => {
        const page = await neighborsOf(db, catalog, { id: hub.id, ...NeighborsQuery.parse({ limit: '100' }) }, EVERYTHING);
        if (page.edges.length) await subgraphOf(db, catalog, [page.node.id, ...page.nodes.map((n) => n.id)], EVERYTHING);
      });
      const word = searchWord(hub.caption);
      if (word) {
        const { q, limit } = SearchQuery.parse({ q: word, limit: '12' });
        await run('search', () => search(db, catalog, { q, labels: null, limit }, EVERYTHING));
      }
      const other = top?.nodes[1];
      if (other) await run('paths', () => pathsBetween(db, catalog, PathsQuery.parse({ from: hub.id, to: other.id }), EVERYTHING));
    }
  }
  if (snapshot.sourceCount > 0) {
    await run('source', async () => {
      const first = (await sourceList(db, catalog, EVERYTHING)).sources[0];
      if (first) await sourceWithStatements(db, catalog, first.id, EVERYTHING);
    });
  }
  // A foreign database searched without a full-text index: its names, read into memory.
  await run('name index', () => catalog.nameIndexReady());
  // The timeline panel's first read (the whole timeline's first page), then what the toolbar's overview reads.
  await run('timeline', () => new TimelineService(db, catalog).window(TimelineQuery.parse({ limit: String(LIMITS.timeline.max) }), EVERYTHING));
  if (!opensOnOverview) await run('overview', () => overview(db, catalog, LIMITS.graph.default, EVERYTHING));
  return result;
}
