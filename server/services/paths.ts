// All shortest paths between two nodes (GET /api/paths), each as a subgraph with its length.
import type { Database } from '../../db/database.ts';
import { SubgraphBuilder, type Subgraph } from '../../db/mapping.ts';
import { BadRequestError } from '../http/errors.ts';
import type { Catalog } from './catalog.ts';
import { NOTHING } from './datasets.ts';
import { notFound, requireNode } from './nodes.ts';
import { shortestPaths } from './reads/paths.ts';
import type { Seen } from './reads/run.ts';
import type { Visibility } from './visibility.ts';

const PATHS_TIMEOUT_MS = 15_000;

export interface PathsAsk {
  from: string;
  to: string;
  maxLength: number;
  types?: string[];
  limit: number;
}

/** The shortest paths the caller may see whole (every node and relationship on them seen), between two nodes they see. */
export async function pathsBetween(
  db: Database,
  catalog: Catalog,
  { from, to, maxLength, types, limit }: PathsAsk,
  asked: Visibility,
): Promise<{ paths: (Subgraph & { length: number })[]; maxLength: number }> {
  const { datasets, statuses } = await catalog.scope(asked);
  if (datasets === NOTHING) throw notFound(from, 'from');
  const seen: Seen = { datasets, statuses };
  const [a, b] = await Promise.all([requireNode(db, from, seen, 'from'), requireNode(db, to, seen, 'to')]);
  if (a.elementId === b.elementId) throw new BadRequestError('to: must name another node than from', 'invalid_parameter');
  const [paths, caption] = await Promise.all([
    shortestPaths(db, { from: a.elementId, to: b.elementId, types: types?.length ? types : null, maxLength, limit }, seen, { timeoutMs: PATHS_TIMEOUT_MS }),
    catalog.captionResolver(),
  ]);
  return {
    paths: paths.map((path) => {
      const builder = new SubgraphBuilder(caption);
      builder.addValue(path);
      return { ...builder.build(), length: path.relationships.length };
    }),
    maxLength,
  };
}
