// A label's most connected nodes and their links (GET /api/labels/:label/top), for a click on a label of the schema view.
import type { Database } from '../../db/database.ts';
import { SubgraphBuilder, type Subgraph } from '../../db/mapping.ts';
import { NotFoundError } from '../http/errors.ts';
import type { Catalog } from './catalog.ts';
import { NOTHING } from './datasets.ts';
import { labelTop } from './reads/labels.ts';
import type { Visibility } from './visibility.ts';

/** A label's most connected nodes as the caller sees them (`asked`); a label with none they see answers 404, as an unknown one. */
export async function labelTopGraph(db: Database, catalog: Catalog, label: string, limit: number, asked: Visibility): Promise<Subgraph> {
  const { snapshot, datasets, statuses } = await catalog.view(asked);
  // Only a label the database reports (with nodes the caller sees) reaches the query (as a parameter even then).
  if (datasets === NOTHING || !snapshot.labels.some((l) => l.label === label && l.count > 0)) throw new NotFoundError(`label: '${label}' is not a label of this database`);
  const top = await labelTop(db, label, limit, { datasets, statuses });
  const builder = new SubgraphBuilder(await catalog.captionResolver());
  for (const node of top.nodes) builder.addNode(node);
  for (const rel of top.relationships) builder.addRelationship(rel);
  return builder.build();
}
