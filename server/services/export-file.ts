// The export endpoints' service (GET and POST /api/export): the subgraph of the ids asked for, with the sources it cites and FtM's model for format=ftm, as a file.
import type { Database } from '../../db/database.ts';
import { ftmModel } from '../../ingest/ftm/model.ts';
import { storedModel } from '../../ingest/model-store.ts';
import type { Catalog } from './catalog.ts';
import { exportFile, type ExportFile, type ExportFormat } from './export.ts';
import { NOTHING } from './datasets.ts';
import type { Visibility } from './visibility.ts';
import { exportSources } from './reads/sources.ts';
import { subgraphOf } from './subgraph.ts';

/** What the caller may see (`asked`) of the ids asked for, as a file: every format from the same filtered subgraph. */
export async function exportIds(db: Database, catalog: Catalog, ids: string[], format: ExportFormat, part: 'nodes' | 'edges', asked: Visibility): Promise<ExportFile> {
  const { nodes, edges, missing } = await subgraphOf(db, catalog, ids, asked);
  // FtM's Document entities: the sources the exported evidence cites (evidence the caller sees, sources they see).
  const cited = () => [...new Set([...nodes, ...edges].flatMap((i) => i.evidence.map((e) => e.sourceId)))];
  // subgraphOf answered, so the caller reads something here: their datasets (or null), never NOTHING.
  const { datasets, statuses } = await catalog.scope(asked);
  const ftm = format === 'ftm' && datasets !== NOTHING ? { sources: await exportSources(db, cited(), { datasets, statuses }), ftm: ftmModel(await storedModel(db)) } : {};
  return exportFile({ nodes, edges, missing, ...ftm }, format, part);
}
