// The start command's preparation: seeds an empty database once, keeps ours as it is, and leaves a foreign graph untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../server/prepare.ts';
import { applySchema } from '../../ingest/schema.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { databaseChecksum } from './seed-support.ts';

async function dropSchema(db: ReturnType<typeof testDatabase>): Promise<void> {
  for (const row of (await db.read('SHOW CONSTRAINTS YIELD name RETURN name')).rows) await db.write(`DROP CONSTRAINT \`${String(row.name)}\``);
  for (const row of (await db.read("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")).rows) await db.write(`DROP INDEX \`${String(row.name)}\``);
}

describe('prepareDatabase', () => {
  const db = testDatabase();
  const log: string[] = [];

  beforeAll(async () => {
    await resetDatabase(db);
    await dropSchema(db);
  });

  afterAll(async () => {
    // Later files expect our schema.
    await resetDatabase(db);
    await applySchema(db, civicSpaceModel());
    await db.close();
  });

  it('seeds an empty database with the schema and the Mali dataset, then leaves it alone', async () => {
    expect(await prepareDatabase(db, { seedWhenEmpty: true, log: (l) => log.push(l) })).toBe('seeded');
    const counts = (await db.read('RETURN COUNT { (:Entity) } AS entities, COUNT { (:Source) } AS sources, COUNT { ()-[]->() } AS relationships')).rows[0];
    expect(counts).toEqual({ entities: 28, sources: 6, relationships: 38 });
    const search = (await db.read("CALL db.index.fulltext.queryNodes('entity_search', 'Eleves') YIELD node RETURN node.id AS id LIMIT 1")).rows;
    expect(search).toEqual([{ id: 'org/aeem' }]);
    expect(log.some((l) => /loaded .*dataset\.yaml: 6 sources, 28 entities, 38 relations/.test(l))).toBe(true);

    const before = await databaseChecksum(db);
    expect(await prepareDatabase(db, { seedWhenEmpty: true })).toBe('ours');
    expect(await databaseChecksum(db)).toBe(before);
  });

  it('applies the schema but loads nothing when seeding is off', async () => {
    await resetDatabase(db);
    await dropSchema(db);
    expect(await prepareDatabase(db, { seedWhenEmpty: false })).toBe('empty');
    expect((await db.read('RETURN COUNT { (n) } AS n')).rows[0]).toEqual({ n: 0 });
    expect((await db.read("SHOW INDEXES YIELD name WHERE name = 'entity_search' RETURN name")).rows).toHaveLength(1);
  });

  it('leaves a database holding another graph exactly as it is (no schema, no seed)', async () => {
    await resetDatabase(db);
    await dropSchema(db);
    await db.write("CREATE (:Person {name: 'Keanu Reeves'})-[:ACTED_IN]->(:Movie {title: 'The Matrix'})");
    const before = await databaseChecksum(db);
    expect(await prepareDatabase(db, { seedWhenEmpty: true })).toBe('foreign');
    expect(await databaseChecksum(db)).toBe(before);
  });
});
