// What the read modules share: running a named read by its name, and reading nodes and numbers out of its rows.
import type { Database, PlainNode, PlainValue, RunOptions, RunResult } from '../../../db/database.ts';
import { namedQuery, type ReadName } from '../../../db/named-queries.ts';

export function runNamed(db: Database, name: ReadName, params: Record<string, unknown>, options?: RunOptions): Promise<RunResult> {
  return db.read(namedQuery(name).cypher, params, options);
}

export const asNode = (value: PlainValue | undefined) => value as PlainNode;

/**
 * The datasets a caller reads, every read's $datasets: null for every one (the owner, instance admins, a
 * database someone else built), else the list (perhaps empty). Each query filters by it inside itself.
 */
export type Datasets = readonly string[] | null;

/** A `sources` column (the cited sources the caller may see; null when every dataset is read) as an optional field. */
export function seenSources(value: PlainValue | undefined): { sources?: string[] } {
  return Array.isArray(value) ? { sources: value.map(String) } : {};
}
export const asNumber = (value: PlainValue | undefined) => (typeof value === 'number' ? value : Number(value ?? 0));
