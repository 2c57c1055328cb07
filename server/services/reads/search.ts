// Search's reads: the full-text index, our own scan, a foreign database's bounded name scan, and the sources by title and publisher.
import type { Database, PlainNode, RunOptions, Row } from '../../../db/database.ts';
import { asNode, asNumber, runNamed, seenParams, type Seen } from './run.ts';

export interface ScoredNode {
  node: PlainNode;
  score: number;
}

/**
 * How many best hits Lucene keeps before the label and dataset filters: the limit itself when nothing is filtered
 * (the index holds no Source), else a bound wide enough for a label or a dataset among many (a label past the
 * 5,000 best hits of a common word is not found by that word; a second word narrows it). Not for the fact
 * statuses: the actors a fact not accepted created are few, and search fetches three times what it shows.
 */
export function fullTextCandidates(labels: string[] | null, limit: number, seen?: Seen): number {
  return labels || seen?.datasets ? Math.max(limit, LABELLED_CANDIDATES) : limit;
}
const LABELLED_CANDIDATES = 5_000;

export async function searchFullText(
  db: Database,
  params: { index: string; query: string; labels: string[] | null; limit: number },
  seen: Seen,
  options?: RunOptions,
): Promise<ScoredNode[]> {
  const { rows } = await runNamed(db, 'search-fulltext', { ...params, ...seenParams(seen), candidates: fullTextCandidates(params.labels, params.limit, seen) }, options);
  return rows.map((row) => ({ node: asNode(row.node), score: asNumber(row.score) }));
}

export async function searchScan(db: Database, params: { pattern: string; labels: string[] | null; limit: number }, seen: Seen, options?: RunOptions): Promise<PlainNode[]> {
  const { rows } = await runNamed(db, 'search-scan', { ...params, ...seenParams(seen) }, options);
  return rows.map((row) => asNode(row.node));
}

/** The bounded scan of a foreign database's name properties (search-names-scan.cypher): at most `examine` nodes read per label. */
export async function searchNamesScan(
  db: Database,
  params: { targets: { label: string; properties: string[] }[]; pattern: string; examine: number; limit: number },
  options?: RunOptions,
): Promise<PlainNode[]> {
  if (params.targets.length === 0) return [];
  const { rows } = await runNamed(db, 'search-names-scan', params, options);
  return rows.map((row) => asNode(row.node));
}

/** Sources whose title or publisher matches the scan pattern (search-sources.cypher), as rows. */
export async function searchSources(db: Database, params: { pattern: string; limit: number }, seen: Seen, options?: RunOptions): Promise<Row[]> {
  const { rows } = await runNamed(db, 'search-sources', { ...params, ...seenParams(seen) }, options);
  return rows;
}
