// Test access to the run's Neo4j: a connection, and a reset that leaves it empty.
import { inject } from 'vitest';
import { Database } from '../../db/database.ts';

/** Logs in with the run's credentials (global-setup puts the embedded Neo4j's in TEST_NEO4J_*). */
export function testDatabase(): Database {
  return new Database({ uri: inject('neo4jUri'), password: process.env.TEST_NEO4J_PASSWORD, username: process.env.TEST_NEO4J_USERNAME });
}

/** Deletes every node and relationship; constraints and indexes stay (they are idempotent to re-create). */
export async function resetDatabase(db: Database): Promise<void> {
  await db.write('MATCH (n) DETACH DELETE n');
}
