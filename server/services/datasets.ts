// The datasets a database holds, the unit of access: our Dataset nodes, or the whole database as one
// dataset ('database') when someone else built it.
import type { Catalog } from './catalog.ts';

/** The id a database Civic Graph did not build is granted under: it has no datasets of its own. */
export const WHOLE_DATABASE = 'database';

/** From the catalog's snapshot (cached for a few seconds), so asking costs no query. */
export async function listDatasets(catalog: Catalog): Promise<{ id: string; title: string }[]> {
  const snapshot = await catalog.snapshot();
  if (!snapshot.ours) return [{ id: WHOLE_DATABASE, title: 'This database' }];
  return snapshot.datasets.map(({ id, title }) => ({ id, title }));
}
