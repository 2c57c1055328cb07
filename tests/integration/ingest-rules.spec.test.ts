// The writers refuse alike: a few rules of the specification (tests/support/ingest-rules-spec.ts, checked in full
// without a database by tests/unit/ingest-rules.spec.test.ts) run through every writer against Neo4j, which
// reports exactly the issues the database-free validation reports for the same files, and leaves the database as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { importAdminFolder } from '../../ingest/bulk/admin.ts';
import { importBulk } from '../../ingest/bulk/importer.ts';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { importFtm } from '../../ingest/ftm/import.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { tempDir } from '../support/temp-dir.ts';
import { base, broken, brokenFtm, RULES } from '../support/ingest-rules-spec.ts';
import { agreed, WaysIn, type Way } from '../support/ways-in.ts';
import { databaseChecksum, expectRefused } from './seed-support.ts';

/**
 * Each writer, as the commands call it (`npm run seed`, `npm run import` of files, an FtM stream, a neo4j-admin
 * folder), into the dataset the loaded copy is (the fixture's metadata.id): an id is one element in one dataset,
 * so the same ids imported under another dataset would be refused for that reason first.
 */
const DATASET = { dataset: base().metadata.id };
const WRITERS: Partial<Record<Way, (db: Database, files: string[]) => Promise<unknown>>> = {
  yaml: (db, files) => loadDatasetFile(db, files[0]),
  ndjson: (db, files) => importBulk(db, files, DATASET),
  csv: (db, files) => importBulk(db, files, DATASET),
  admin: (db, files) => importAdminFolder(db, files[0]!, DATASET),
  ftm: (db, files) => importFtm(db, files, DATASET),
};

/** One rule per concern: quotes, sources, relation ends, dates, ids. */
const REPRESENTATIVE = ['a quote not in the held text', 'evidence citing an unknown source', 'an end whose label the type does not allow', 'a date that does not exist', 'a duplicate id'];

const cases = RULES.filter((row) => REPRESENTATIVE.includes(row.rule)).flatMap((row) =>
  (Object.keys(WRITERS) as Way[])
    .filter((way) => way !== 'ftm' || !('na' in row.ftm))
    .map((way) => [`${row.rule}, ${way}`, row, way] as const),
);

describe('one set of rules: every writer refuses as the database-free validation does', () => {
  const db = testDatabase();
  const tmp = tempDir('civic-graph-ingest-rules-');
  let ways: WaysIn;
  let before: string;

  beforeAll(async () => {
    ways = new WaysIn(tmp.join());
    await resetDatabase(db);
    // The valid dataset is loaded: the broken copies are checked against a database that holds data.
    await loadDatasetFile(db, ways.write('yaml', base())[0]);
    // The bulk importer's own bookkeeping (its run-slot constraint, the ImportRun label token) comes with
    // its first run; once there, it is part of the state every refused import must leave as it was.
    await importBulk(db, ways.write('ndjson', base()), DATASET);
    before = await databaseChecksum(db);
  });

  afterAll(() => db.close());

  it('the valid dataset goes in again by bulk and creates nothing', async () => {
    const result = await importBulk(db, ways.write('ndjson', base()), DATASET);
    expect(result.counts.entities).toEqual({ rows: 4, created: 0 });
    expect(await databaseChecksum(db)).toBe(before);
  });

  it.each(cases)('%s', { timeout: 120_000 }, async (_name, row, way) => {
    const files = ways.write(way, way === 'ftm' && !('na' in row.ftm) ? brokenFtm(row.ftm) : broken(row));
    const refused = await expectRefused(db, () => WRITERS[way]!(db, files), { before });
    expect(refused.code).toBe('invalid_dataset');
    expect(refused.issues.length).toBeGreaterThan(0);
    expect(agreed(refused.issues)).toEqual(agreed(await ways.validate(way, files)));
  });
});
