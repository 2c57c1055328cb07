// FtM in and out on the real Neo4j: a fictitious FtM stream imported and explored through the API, a broken
// stream refused whole, the Mali export checked by FtM's own `ftm validate`, and Mali -> FtM -> empty database.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { DatasetError } from '../../ingest/errors.ts';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { exportFtm } from '../../ingest/ftm/export.ts';
import { importFtm } from '../../ingest/ftm/import.ts';
import { ensurePypiTool, FTM_TOOL } from '../../scripts/pypi-tool.ts';
import { expectAllInDataset, resetDatabase, testDatabase } from '../support/db.ts';
import { tempDir } from '../support/temp-dir.ts';
import { getJson, nodePath, startApiServer } from './api-support.ts';

const SLOW = { timeout: 600_000 };
const FIXTURES = path.resolve('tests/fixtures/ftm');

async function exportToFile(db: Database, file: string): Promise<void> {
  const lines: string[] = [];
  await exportFtm(db, (line) => {
    lines.push(line);
  });
  writeFileSync(file, lines.join(''));
}

/** What the round trip must keep: actors, relations, dates, and which sources evidence each. */
async function snapshot(db: Database) {
  const entities = await db.read(
    `MATCH (n:Entity) RETURN n.id AS id, n.name AS name, n.aliases AS aliases, toString(n.date) AS date, n.datePrecision AS precision, toString(n.endDate) AS endDate,
       n.evidenceSources AS sources ORDER BY id`,
  );
  const relations = await db.read(
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE r.id IS NOT NULL RETURN r.id AS id, a.id AS from, b.id AS to, toString(r.date) AS date, r.datePrecision AS precision,
       toString(r.endDate) AS endDate, r.evidenceSources AS sources ORDER BY id`,
  );
  const sort = (rows: Record<string, unknown>[]) => rows.map((r) => ({ ...r, aliases: Array.isArray(r.aliases) ? [...r.aliases].sort() : r.aliases, sources: [...new Set(r.sources as string[])].sort() }));
  return { entities: sort(entities.rows), relations: sort(relations.rows) };
}

describe('FollowTheMoney in and out', () => {
  const db = testDatabase();
  const dir = tempDir('civic-graph-ftm-');

  beforeAll(async () => {
    await resetDatabase(db);
  }, SLOW.timeout);

  afterAll(async () => {
    await resetDatabase(db);
    await db.close();
  });

  it('refuses a broken FtM file with precise errors and writes nothing', SLOW, async () => {
    const error = await importFtm(db, [path.join(FIXTURES, 'broken.ftm.json')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    const issues = (error as DatasetError).issues.map((i) => `${i.path} ${i.id} ${i.field}: ${i.message}`);
    expect(issues).toEqual([
      expect.stringMatching(/^line 3 x-1 schema: unknown FtM schema 'Spaceship'/),
      expect.stringMatching(/^line 5 ev-b properties\.date: '2021-13-40' has no month 13/),
      expect.stringMatching(/^line 4 own-b to: 'c-missing' is not an entity/),
    ]);
    const { rows } = await db.read('MATCH (n) WHERE NOT n:ImportRun RETURN count(n) AS n');
    expect(rows[0]!.n).toBe(0);
  });

  it('imports a fictitious FtM stream (every edge schema) that answers search, neighbours, paths, timeline and evidence', SLOW, async () => {
    const file = path.join(FIXTURES, 'fictional.ftm.json');
    const first = await importFtm(db, [file]);
    expect(first.counts.entities.created).toBe(15);
    expect(first.counts.relations.created).toBe(21);
    const again = await importFtm(db, [file]);
    expect(again.counts.entities.created + again.counts.relations.created + again.counts.sources.created).toBe(0);
    // Without --dataset, the dataset is the file's name.
    expect(first.dataset).toBe('fictional');
    await expectAllInDataset(db, 'fictional');

    const server = await startApiServer(db);
    try {
      const search = await getJson(`${server.url}/api/search?q=${encodeURIComponent('Brassfield')}`);
      expect(search.status).toBe(200);
      expect(search.body.results[0].node).toMatchObject({ id: 'nk-brass1', labels: expect.arrayContaining(['Company']) });

      const node = await getJson(`${server.url}${nodePath('nk-brass1')}`);
      expect(node.body.evidence).toEqual([{ sourceId: 'doc-register', level: 'document' }]);

      const neighbours = await getJson(`${server.url}${nodePath('nk-brass1')}/neighbors?limit=50`);
      const types = new Set(neighbours.body.edges.map((e: { type: string }) => e.type));
      for (const type of ['OWNERSHIP', 'DIRECTORSHIP', 'SANCTION_ENTITY', 'PAYMENT_BENEFICIARY', 'DEBT', 'DOCUMENTATION', 'COURT_CASE_PARTY', 'PROJECT_PARTICIPANT']) expect(types, type).toContain(type);

      const paths = await getJson(`${server.url}/api/paths?from=${encodeURIComponent('p-cyra')}&to=${encodeURIComponent('nk-brass1')}&maxLength=4`);
      expect(paths.status).toBe(200);
      expect(paths.body.paths.length).toBeGreaterThan(0);

      const timeline = await getJson(`${server.url}/api/timeline?from=2021-01-01&to=2022-12-31`);
      const events = timeline.body.events.map((e: { id: string; date: string; precision: string }) => `${e.id} ${e.date} ${e.precision}`);
      expect(events).toEqual(expect.arrayContaining(['ev-summit 2021-08-14 day', 's-brass 2022-03-01 month']));

      const sanction = await getJson(`${server.url}${nodePath('s-brass')}`);
      expect(sanction.body.evidence[0]).toMatchObject({ level: 'document' });
      const source = await getJson(`${server.url}/api/sources/${encodeURIComponent(sanction.body.evidence[0].sourceId)}`);
      expect(source.body.source).toMatchObject({ url: 'https://sanctions.example.org/list/brass', publisher: 'Example Sanctions Office' });
    } finally {
      await server.close();
    }
  });

  it('exports the Mali dataset as FtM that `ftm validate` accepts, and the round trip keeps actors, relations, dates and evidence', SLOW, async () => {
    await resetDatabase(db);
    await loadDatasetFile(db);
    const before = await snapshot(db);
    const file = dir.join('mali.ftm.json');
    await exportToFile(db, file);

    const ftmBinary = ensurePypiTool(FTM_TOOL);
    const validated = spawnSync(ftmBinary, ['validate', '-i', file, '-o', dir.join('validated.json')], { encoding: 'utf8' });
    expect(validated.stderr).not.toMatch(/Error|Traceback/);
    expect(validated.status).toBe(0);

    await resetDatabase(db);
    // FtM carries no dataset of ours: the import names it, and every element of the round trip is back in it.
    await importFtm(db, [file], { dataset: 'mali-2023-2024' });
    await expectAllInDataset(db, 'mali-2023-2024');
    const after = await snapshot(db);
    expect(after.entities).toEqual(before.entities);
    expect(after.relations).toEqual(before.relations);
  });
});
