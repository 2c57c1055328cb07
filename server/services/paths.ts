// All shortest paths between two nodes (GET /api/paths), each as a subgraph with its length.
import type { Database } from '../../db/database.ts';
import { SubgraphBuilder, type Subgraph } from '../../db/mapping.ts';
import { BadRequestError } from '../http/errors.ts';
import type { Catalog } from './catalog.ts';
import { NOTHING } from './datasets.ts';
import { notFound, requireNode } from './nodes.ts';
import { shortestPaths } from './reads/paths.ts';
import type { Datasets } from './reads/run.ts';

const PATHS_TIMEOUT_MS = 15_000;

export interface PathsAsk {
  from: string;
  to: string;
  maxLength: number;
  types?: string[];
  limit: number;
}

/** The shortest paths the caller may see whole (every node and relationship in their datasets), between two nodes they see. */
export async function pathsBetween(
  db: Database,
  catalog: Catalog,
  { from, to, maxLength, types, limit }: PathsAsk,
  readable: Datasets,
): Promise<{ paths: (Subgraph & { length: number })[]; maxLength: number }> {
  const { datasets } = await catalog.scope(readable);
  if (datasets === NOTHING) throw notFound(from, 'from');
  const [a, b] = await Promise.all([requireNode(db, from, datasets, 'from'), requireNode(db, to, datasets, 'to')]);
  if (a.elementId === b.elementId) throw new BadRequestError('to: must name another node than from', 'invalid_parameter');
  const [paths, caption] = await Promise.all([
    shortestPaths(db, { from: a.elementId, to: b.elementId, types: types?.length ? types : null, maxLength, limit, datasets }, { timeoutMs: PATHS_TIMEOUT_MS }),
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
