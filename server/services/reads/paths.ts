// The paths read: all shortest paths between two nodes by their element ids.
import type { Database, PlainPath, RunOptions } from '../../../db/database.ts';
import { runNamed, seenParams, type Seen } from './run.ts';

export async function shortestPaths(
  db: Database,
  params: { from: string; to: string; types: string[] | null; maxLength: number; limit: number },
  seen: Seen,
  options?: RunOptions,
): Promise<PlainPath[]> {
  const { rows } = await runNamed(db, 'paths', { ...params, ...seenParams(seen) }, options);
  return rows.map((row) => row.p as PlainPath);
}
