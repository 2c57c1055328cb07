// The datasets a database holds, the unit of access: our Dataset nodes, or the whole database as one
// dataset ('database') when someone else built it.
import type { Database } from '../../db/database.ts';
import type { Catalog } from './catalog.ts';
import { namedQuery } from './graph-reads.ts';

/** The id a database Civic Graph did not build is granted under: it has no datasets of its own. */
export const WHOLE_DATABASE = 'database';

export async function listDatasets(db: Database, catalog: Catalog): Promise<{ id: string; title: string }[]> {
  const snapshot = await catalog.snapshot();
  if (!snapshot.ours) return [{ id: WHOLE_DATABASE, title: 'This database' }];
  const { rows } = await db.read(namedQuery('datasets-list').cypher, {});
  return rows.map((row) => ({ id: String(row.id), title: String(row.title) }));
}
