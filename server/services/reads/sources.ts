// The source records: the list with how many statements each supports, one source with its text and what cites it, and the sources an export cites.
import type { Database, PlainNode, PlainRelationship, PlainValue } from '../../../db/database.ts';
import type { FtmSourceIn } from '../../../ingest/ftm/write.ts';
import { asNumber, runNamed, seenParams, type Seen } from './run.ts';

export interface SourceRecord {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  published: string | null;
  language: string | null;
  hasText: boolean;
}

export function sourceRecord(row: Record<string, PlainValue>): SourceRecord {
  const str = (v: PlainValue | undefined) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(row.id),
    title: String(row.title ?? row.id),
    publisher: str(row.publisher),
    url: str(row.url),
    published: str(row.published),
    language: str(row.language),
    hasText: row.hasText === true,
  };
}

/** The sources the caller may see, each with the evidence they may see that cites it. */
export async function listSources(db: Database, seen: Seen): Promise<(SourceRecord & { statementCount: number })[]> {
  const { rows } = await runNamed(db, 'sources-list', seenParams(seen));
  return rows.map((row) => ({ ...sourceRecord(row), statementCount: asNumber(row.statementCount) }));
}

export interface SourceDetailsRow {
  source: SourceRecord & { text: string | null };
  /** The dataset the source belongs to (for the audit of sensitive reads), when it carries one. */
  dataset: string | null;
  nodes: PlainNode[];
  relationships: { relationship: PlainRelationship; from: PlainNode; to: PlainNode }[];
}

/** One source the caller may see (undefined for another, exactly as for an unknown id), and what cites it that they may see. */
export async function sourceDetails(db: Database, id: string, seen: Seen): Promise<SourceDetailsRow | undefined> {
  const { rows } = await runNamed(db, 'source-details', { id, ...seenParams(seen) });
  const row = rows[0];
  if (!row) return undefined;
  return {
    source: { ...sourceRecord(row), text: typeof row.text === 'string' ? row.text : null },
    dataset: typeof row.dataset === 'string' ? row.dataset : null,
    nodes: (row.nodes as PlainNode[]) ?? [],
    relationships: (row.relationships as unknown as SourceDetailsRow['relationships']) ?? [],
  };
}

/** The sources exported evidence cites, as FollowTheMoney's Document entities need them (export-sources.cypher). */
export async function exportSources(db: Database, ids: string[], seen: Seen): Promise<FtmSourceIn[]> {
  if (!ids.length) return [];
  const { rows } = await runNamed(db, 'export-sources', { ids, ...seenParams(seen) });
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return rows.map((r) => ({ id: String(r.id), title: text(r.title), publisher: text(r.publisher), url: text(r.url), language: text(r.language), published: text(r.published), publishedPrecision: text(r.publishedPrecision) }));
}
