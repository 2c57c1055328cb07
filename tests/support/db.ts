// Test access to the run's Neo4j: a connection, and a reset that leaves it empty.
import { inject } from 'vitest';
import { Database } from '../../db/database.ts';

/** The run's credentials (global-setup puts the embedded Neo4j's in TEST_NEO4J_*). */
export function testCredentials(): { username?: string; password?: string } {
  return { username: process.env.TEST_NEO4J_USERNAME, password: process.env.TEST_NEO4J_PASSWORD };
}

/** A connection to the run's Neo4j, logged in. */
export function testDatabase(): Database {
  return new Database({ uri: inject('neo4jUri'), ...testCredentials() });
}

/**
 * Deletes every node and relationship; constraints and indexes stay (they are idempotent to re-create).
 * In batches: one transaction deleting a foreign graph of ~160k nodes and relationships outgrows the
 * memory the test Neo4j allows a transaction.
 */
export async function resetDatabase(db: Database): Promise<void> {
  while (Number((await db.write('MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted')).rows[0]?.deleted ?? 0) > 0);
}
