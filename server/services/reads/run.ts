// What the read modules share: running a named read by its name, and reading nodes and numbers out of its rows.
import type { Database, PlainNode, PlainValue, RunOptions, RunResult } from '../../../db/database.ts';
import { namedQuery, type ReadName } from '../../../db/named-queries.ts';

export function runNamed(db: Database, name: ReadName, params: Record<string, unknown>, options?: RunOptions): Promise<RunResult> {
  return db.read(namedQuery(name).cypher, params, options);
}

export const asNode = (value: PlainValue | undefined) => value as PlainNode;
export const asNumber = (value: PlainValue | undefined) => (typeof value === 'number' ? value : Number(value ?? 0));
