// Applies the schema derived from a model (model/cypher-schema.ts) to a database: what it lacks, then waits for the indexes.
import type { Database } from '../db/database.ts';
import { schemaStatements, type Model } from '../model/index.ts';

/**
 * Applies the statements the database lacks (each in its own transaction: Neo4j does not mix
 * schema and data changes) and waits until the indexes are online, so search works at once.
 * Skipping what exists by name keeps a reload fast; IF NOT EXISTS keeps each statement safe on
 * its own in cypher-shell.
 */
export async function applySchema(db: Database, model: Model): Promise<number> {
  const indexes = (await db.read('SHOW INDEXES YIELD name RETURN name')).rows;
  const constraints = (await db.read('SHOW CONSTRAINTS YIELD name RETURN name')).rows;
  const existing = new Set([...indexes, ...constraints].map((row) => String(row.name)));
  let applied = 0;
  for (const statement of schemaStatements(model)) {
    if (existing.has(statement.name)) continue;
    await db.write(statement.cypher);
    applied++;
  }
  if (applied > 0) await db.read('CALL db.awaitIndexes(300)');
  return applied;
}
