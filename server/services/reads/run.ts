// What the read modules share: running a named read by its name, and reading nodes and numbers out of its rows.
import type { Database, PlainNode, PlainValue, RunOptions, RunResult } from '../../../db/database.ts';
import { namedQuery, type ReadName } from '../../../db/named-queries.ts';
import type { FactStatus } from '../../../model/index.ts';

export function runNamed(db: Database, name: ReadName, params: Record<string, unknown>, options?: RunOptions): Promise<RunResult> {
  return db.read(namedQuery(name).cypher, params, options);
}

export const asNode = (value: PlainValue | undefined) => value as PlainNode;

/**
 * The datasets a caller reads, every read's $datasets: null for every one (the owner, instance admins, a
 * database someone else built), else the list (perhaps empty). Each query filters by it inside itself.
 */
export type Datasets = readonly string[] | null;

/**
 * The fact statuses a caller's reads show, every read's $statuses: null for every status (no fact was ever recorded
 * in the database, or the caller asked for all), else the list (always with 'accepted', which imported elements count as).
 */
export type Statuses = readonly FactStatus[] | null;

/** What a caller sees, the two parameters of every read (SEEN(x) in the .cypher files, db/named-queries.ts). */
export type Seen = {
  datasets: Datasets;
  statuses: Statuses;
};

/** No filter at all: the owner's reads on a database without recorded facts, a foreign database's, the warm-up's plans. */
export const SEE_ALL: Seen = { datasets: null, statuses: null };

/** A read's $datasets and $statuses, and nothing else of whatever object carried them. */
export function seenParams(seen: Seen): Seen {
  return { datasets: seen.datasets, statuses: seen.statuses };
}

/** A `sources` column (the cited sources the caller may see; null when every dataset is read) as an optional field. */
export function seenSources(value: PlainValue | undefined): { sources?: string[] } {
  return Array.isArray(value) ? { sources: value.map(String) } : {};
}
export const asNumber = (value: PlainValue | undefined) => (typeof value === 'number' ? value : Number(value ?? 0));
