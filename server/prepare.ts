// Makes a database ready to explore: applies the schema, and loads the seed dataset when it is empty.
import type { Database } from './db.ts';

export interface PrepareOptions {
  seedWhenEmpty: boolean;
  log?: (line: string) => void;
}

/** Filled in by the dataset work: schema statements and the default seed loader. */
export async function prepareDatabase(db: Database, options: PrepareOptions): Promise<void> {
  const { rows } = await db.read('MATCH (n) RETURN count(n) AS count');
  options.log?.(`database holds ${rows[0]?.count ?? 0} nodes`);
}
