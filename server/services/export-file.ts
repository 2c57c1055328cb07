// The export endpoints' service (GET and POST /api/export): the subgraph of the ids asked for, with the sources it cites and FtM's model for format=ftm, as a file.
import type { Database } from '../../db/database.ts';
import { ftmModel } from '../../ingest/ftm/model.ts';
import { storedModel } from '../../ingest/model-store.ts';
import type { Catalog } from './catalog.ts';
import { exportFile, type ExportFile, type ExportFormat } from './export.ts';
import { exportSources } from './reads/sources.ts';
import { subgraphOf } from './subgraph.ts';

export async function exportIds(db: Database, catalog: Catalog, ids: string[], format: ExportFormat, part: 'nodes' | 'edges'): Promise<ExportFile> {
  const { nodes, edges, missing } = await subgraphOf(db, catalog, ids);
  // FtM's Document entities: the sources the exported evidence cites.
  const cited = () => [...new Set([...nodes, ...edges].flatMap((i) => i.evidence.map((e) => e.sourceId)))];
  const ftm = format === 'ftm' ? { sources: await exportSources(db, cited()), ftm: ftmModel(await storedModel(db)) } : {};
  return exportFile({ nodes, edges, missing, ...ftm }, format, part);
}
