// Test access to the run's Neo4j: a connection, and a reset that leaves it empty.
import { expect, inject } from 'vitest';
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

/**
 * How many of our elements do NOT carry `dataset` (none at all, or another), by kind: every entity, every
 * source, every relationship between entities. A way in that writes its dataset everywhere answers zeros.
 */
export async function elementsOutside(db: Database, dataset: string): Promise<{ entities: number; sources: number; relationships: number; total: { entities: number; sources: number; relationships: number } }> {
  const { rows } = await db.read(
    `RETURN COUNT { MATCH (n:Entity) WHERE n.dataset IS NULL OR n.dataset <> $dataset } AS entities,
            COUNT { MATCH (s:Source) WHERE s.dataset IS NULL OR s.dataset <> $dataset } AS sources,
            COUNT { MATCH (:Entity)-[r]->(:Entity) WHERE r.dataset IS NULL OR r.dataset <> $dataset } AS relationships,
            COUNT { (:Entity) } AS allEntities, COUNT { (:Source) } AS allSources, COUNT { (:Entity)-[]->(:Entity) } AS allRelationships`,
    { dataset },
  );
  const r = rows[0]!;
  return {
    entities: Number(r.entities),
    sources: Number(r.sources),
    relationships: Number(r.relationships),
    total: { entities: Number(r.allEntities), sources: Number(r.allSources), relationships: Number(r.allRelationships) },
  };
}

/** Asserts that every entity, source and relationship carries `dataset`, that there is something to carry it, and that its Dataset node exists. */
export async function expectAllInDataset(db: Database, dataset: string): Promise<void> {
  const { total, ...outside } = await elementsOutside(db, dataset);
  expect(outside, `elements outside the dataset '${dataset}'`).toEqual({ entities: 0, sources: 0, relationships: 0 });
  expect(total.entities).toBeGreaterThan(0);
  expect(total.sources).toBeGreaterThan(0);
  const records = (await db.read('MATCH (d:Dataset {id: $dataset}) RETURN count(d) AS n', { dataset })).rows[0]!.n;
  expect(records, `the Dataset node '${dataset}' the catalog lists`).toBe(1);
}
