// The source records (GET /api/sources) and one source with its text and the statements the dataset takes from it, in reading order (GET /api/sources/:id).
import type { Database } from '../../db/database.ts';
import { evidenceOf, publicId, type Evidence } from '../../db/mapping.ts';
import { NotFoundError } from '../http/errors.ts';
import type { Catalog } from './catalog.ts';
import { NOTHING } from './datasets.ts';
import type { Visibility } from './visibility.ts';
import { listSources, sourceDetails, type SourceDetailsRow, type SourceRecord } from './reads/sources.ts';

/** The sources the caller may see, each with the evidence they may see that cites it. */
export async function sourceList(db: Database, catalog: Catalog, asked: Visibility): Promise<{ sources: (SourceRecord & { statementCount: number })[] }> {
  const { datasets, statuses } = await catalog.scope(asked);
  if (datasets === NOTHING) return { sources: [] };
  return { sources: await listSources(db, { datasets, statuses }) };
}

export interface SourceStatement extends Omit<Evidence, 'sourceId'> {
  kind: 'node' | 'relationship';
  id: string;
  caption: string;
  type: string;
}

/**
 * One source the caller may see, its text, and what they may see of what cites it; a source of another dataset
 * answers the same 404 as an unknown id. `dataset` (the source's) is for the audit of sensitive reads, not the wire.
 */
export async function sourceWithStatements(
  db: Database,
  catalog: Catalog,
  id: string,
  asked: Visibility,
): Promise<{ source: SourceDetailsRow['source']; statements: SourceStatement[]; dataset: string | null }> {
  const notFound = () => new NotFoundError(`id: no source has the id '${id}'`);
  const { datasets, statuses } = await catalog.scope(asked);
  if (datasets === NOTHING) throw notFound();
  const [details, caption] = await Promise.all([sourceDetails(db, id, { datasets, statuses }), catalog.captionResolver()]);
  if (!details) throw notFound();
  const statements: SourceStatement[] = [];
  for (const node of details.nodes) {
    for (const evidence of evidenceOf(node)) {
      if (evidence.sourceId !== id) continue;
      const label = node.labels.find((l) => l !== 'Entity') ?? node.labels[0] ?? '';
      statements.push({ kind: 'node' as const, id: publicId(node), caption: caption(node.labels, node.properties), type: label, ...quoteOf(evidence) });
    }
  }
  for (const { relationship, from, to } of details.relationships) {
    for (const evidence of evidenceOf(relationship)) {
      if (evidence.sourceId !== id) continue;
      const text = `${caption(from.labels, from.properties)} —${relationship.type}→ ${caption(to.labels, to.properties)}`;
      statements.push({ kind: 'relationship' as const, id: publicId(relationship, [publicId(from), publicId(to)]), caption: text, type: relationship.type, ...quoteOf(evidence) });
    }
  }
  // In reading order of the source: quotes with offsets first by position, the rest after.
  statements.sort((a, b) => (a.start ?? Number.MAX_SAFE_INTEGER) - (b.start ?? Number.MAX_SAFE_INTEGER) || a.caption.localeCompare(b.caption));
  return { source: details.source, statements, dataset: details.dataset };
}

function quoteOf(evidence: Evidence): Omit<Evidence, 'sourceId'> {
  const { sourceId: _, ...rest } = evidence;
  return rest;
}
