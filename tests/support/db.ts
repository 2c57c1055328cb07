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

/** Deletes every node and relationship; constraints and indexes stay (they are idempotent to re-create). */
export async function resetDatabase(db: Database): Promise<void> {
  await db.write('MATCH (n) DETACH DELETE n');
}
