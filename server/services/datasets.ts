// The datasets a database holds, the unit of access: our Dataset nodes, or the whole database as one
// dataset ('database') when someone else built it; and what a caller's reads take as $datasets here.
import type { Catalog } from './catalog.ts';
import type { Datasets } from './reads/run.ts';

/** The id a database Civic Graph did not build is granted under: it has no datasets of its own. */
export const WHOLE_DATABASE = 'database';

/** A caller who may read nothing of a database someone else built (no grant on WHOLE_DATABASE). */
export const NOTHING = 'nothing';

/** Every read's $datasets (null: every dataset), or NOTHING: the reads are not run at all. */
export type Scope = Datasets | typeof NOTHING;

/**
 * What a caller who reads `readable` (readableDatasets: null for every dataset) reads of this database. Ours
 * carries a dataset on every element, and each read filters by the list inside its query. A database someone
 * else built carries none: it is one unit, `WHOLE_DATABASE`, read whole by a caller with a grant on it, and
 * not at all (NOTHING: empty answers, 404s, no query run) by anyone else; an authorization decision on that
 * one unit, not a filter.
 */
export function scopeOf(ours: boolean, readable: Datasets): Scope {
  if (readable === null) return null;
  if (ours) return readable;
  return readable.includes(WHOLE_DATABASE) ? null : NOTHING;
}

/** From the catalog's snapshot (cached for a few seconds), so asking costs no query. */
export async function listDatasets(catalog: Catalog): Promise<{ id: string; title: string }[]> {
  const snapshot = await catalog.snapshot();
  if (!snapshot.ours) return [{ id: WHOLE_DATABASE, title: 'This database' }];
  return snapshot.datasets.map(({ id, title }) => ({ id, title }));
}
