// The start command's preparation: seeds an empty database once, keeps ours as it is (giving what was stored before
// datasets existed its dataset, once), and leaves a foreign graph untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../server/prepare.ts';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { applySchema } from '../../ingest/schema.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { elementsOutside, expectAllInDataset, resetDatabase, testDatabase } from '../support/db.ts';
import { databaseChecksum } from './seed-support.ts';

/** A store as it was before datasets: the Mali dataset without the property on any element. */
async function storeWithoutDatasets(db: ReturnType<typeof testDatabase>): Promise<void> {
  await resetDatabase(db);
  await loadDatasetFile(db);
  await db.write('MATCH (n) WHERE n:Entity OR n:Source REMOVE n.dataset');
  await db.write('MATCH ()-[r]->() REMOVE r.dataset');
  expect(await elementsOutside(db, 'mali-2023-2024')).toMatchObject({ entities: 28, sources: 6, relationships: 38 });
}

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

  it('gives every element stored before datasets the store\'s only dataset, once', async () => {
    await storeWithoutDatasets(db);
    const lines: string[] = [];
    expect(await prepareDatabase(db, { seedWhenEmpty: true, log: (l) => lines.push(l) })).toBe('ours');
    await expectAllInDataset(db, 'mali-2023-2024');
    expect(lines).toContainEqual(expect.stringMatching(/^database: 28 entities, 6 sources and 38 relationships stored before datasets now belong to the dataset 'mali-2023-2024' \(the only dataset the store recorded\)$/));
    // Done: the next start finds nothing to do, and writes nothing.
    const before = await databaseChecksum(db);
    const again: string[] = [];
    expect(await prepareDatabase(db, { seedWhenEmpty: true, log: (l) => again.push(l) })).toBe('ours');
    expect(await databaseChecksum(db)).toBe(before);
    expect(again.filter((l) => l.includes('before datasets'))).toEqual([]);
  });

  it('gives them a dataset \'imported\' when the store records none (or several), and leaves an element that has one as it is', async () => {
    await storeWithoutDatasets(db);
    await db.write('MATCH (d:Dataset) DELETE d');
    await db.write("MATCH (n:Entity {id: 'org/aeem'}) SET n.dataset = 'written-since'");
    const lines: string[] = [];
    expect(await prepareDatabase(db, { seedWhenEmpty: true, log: (l) => lines.push(l) })).toBe('ours');
    expect(await elementsOutside(db, 'imported')).toMatchObject({ entities: 1, sources: 0, relationships: 0 });
    expect((await db.read("MATCH (n:Entity {id: 'org/aeem'}) RETURN n.dataset AS dataset")).rows).toEqual([{ dataset: 'written-since' }]);
    expect((await db.read('MATCH (d:Dataset) RETURN d.id AS id, d.title AS title, d.synthetic AS synthetic')).rows).toEqual([{ id: 'imported', title: 'Imported before datasets', synthetic: false }]);
    expect(lines).toContainEqual(expect.stringMatching(/27 entities, 6 sources and 38 relationships .* the dataset 'imported' \(the store recorded no dataset or several: created\)$/));
  });
});
