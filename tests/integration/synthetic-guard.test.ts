// Synthetic data stays apart from real data: the generator uses invented names and marks what it writes,
// and the bulk importer refuses to put synthetic and real datasets into one database.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { datasetFiles, generateDataset, type Manifest } from '../../bench/synthetic/generate.ts';
import { importBulk } from '../../ingest/bulk/importer.ts';
import { DEFAULT_DATASET, loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { projectRoot } from '../../db/config.ts';
import { parse, stringify } from 'yaml';
import { datasetKinds, isSyntheticBulk, SYNTHETIC_NOTE, SyntheticMixError } from '../../ingest/synthetic-guard.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { fingerprint } from '../support/reliability.ts';

/** Names of real people, places and publishers the generator once used; none may appear in what it writes. */
const REAL_NAMES = ['Assimi', 'Goïta', 'Goita', 'Choguel', 'Maïga', 'Bamako', 'Mali', 'Amnesty', 'Human Rights Watch', 'Jeune Afrique', 'Tombouctou', 'Sahel'];

/** A small real-data bulk file (one source, one entity quoting it), as a researcher would write it. */
function realFile(dir: string): string {
  const file = path.join(dir, 'real.ndjson');
  const items = [
    { kind: 'source', id: 'src/field-notes', title: 'Field notes', publisher: 'A research team', url: 'https://example.org/field-notes', published: '2024-05-01', language: 'en', excerpt: ['The association was dissolved by decree.'] },
    { kind: 'entity', id: 'org/example-association', type: 'Organization', name: 'Example Association', evidence: [{ source: 'src/field-notes', quote: 'The association was dissolved by decree.' }] },
  ];
  writeFileSync(file, items.map((item) => JSON.stringify(item)).join('\n') + '\n');
  return file;
}

// Imports on the shared two-core machine can take a while (the first one also builds the schema); no test asserts a duration.
describe('synthetic data never shares a database with real data', { timeout: 240_000 }, () => {
  const db = testDatabase();
  let dir: string;
  let manifest: Manifest;
  let synthetic: string[];
  let real: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-synthetic-'));
    manifest = await generateDataset({ nodes: 200, seed: 5, outDir: path.join(dir, 'generated'), formats: ['csv', 'ndjson'] });
    synthetic = datasetFiles(path.join(dir, 'generated'), manifest);
    mkdirSync(path.join(dir, 'real'));
    real = realFile(path.join(dir, 'real'));
  });

  // The importer applies the schema itself.
  beforeEach(() => resetDatabase(db));

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await resetDatabase(db);
    await db.close();
  });

  it('generates invented names only, and says it is synthetic in the manifest and in every source', () => {
    expect(manifest.synthetic).toBe(true);
    for (const file of [...synthetic, ...datasetFiles(path.join(dir, 'generated'), manifest, 'ndjson')]) {
      const text = readFileSync(file, 'utf8');
      for (const name of REAL_NAMES) expect(text.includes(name), `${name} in ${path.basename(file)}`).toBe(false);
    }
    const sources = readFileSync(synthetic[0]!, 'utf8').split('\n').filter((line) => line.includes(',Source,'));
    expect(sources).toHaveLength(manifest.sources);
    for (const line of sources) expect(line).toContain(SYNTHETIC_NOTE);
    expect(isSyntheticBulk(synthetic)).toBe(true);
    expect(isSyntheticBulk([real])).toBe(false);
  });

  it('marks every source of a synthetic import synthetic in the database', async () => {
    await importBulk(db, synthetic);
    const { rows } = await db.read('MATCH (s:Source) RETURN count(s) AS sources, count(CASE WHEN s.synthetic = true THEN 1 END) AS marked');
    expect(Number(rows[0]!.sources)).toBe(manifest.sources);
    expect(Number(rows[0]!.marked)).toBe(manifest.sources);
    expect(await datasetKinds(db)).toEqual({ synthetic: true, real: false });
  });

  it('refuses synthetic data in a database that holds a real dataset, and writes nothing', async () => {
    await importBulk(db, [real]);
    const before = await fingerprint(db);
    const error = await importBulk(db, synthetic).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SyntheticMixError);
    expect((error as SyntheticMixError).code).toBe('synthetic_mix');
    expect((error as SyntheticMixError).incomingIsSynthetic).toBe(true);
    expect(await fingerprint(db)).toEqual(before);
  });

  it('refuses a real dataset in a database that holds synthetic data, and writes nothing', async () => {
    await importBulk(db, synthetic);
    const before = await fingerprint(db);
    const error = await importBulk(db, [real]).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SyntheticMixError);
    expect((error as SyntheticMixError).incomingIsSynthetic).toBe(false);
    expect(await fingerprint(db)).toEqual(before);
  });

  it('knows the sources of an interrupted synthetic import by their note, before they are flagged', async () => {
    await db.write('CREATE (:Source {id: "source/g0", title: "t", notes: $note})', { note: SYNTHETIC_NOTE });
    expect(await datasetKinds(db)).toEqual({ synthetic: true, real: false });
    await expect(importBulk(db, [real])).rejects.toBeInstanceOf(SyntheticMixError);
  });

  it('imports either kind into an empty database', async () => {
    expect(await datasetKinds(db)).toEqual({ synthetic: false, real: false });
    await importBulk(db, [real]);
    expect(await datasetKinds(db)).toEqual({ synthetic: false, real: true });
  });

  it('keeps the dataset loader to the same rule: the Mali dataset is refused beside synthetic data, a synthetic dataset file beside Mali', async () => {
    await importBulk(db, synthetic);
    const before = await fingerprint(db);
    await expect(loadDatasetFile(db, DEFAULT_DATASET)).rejects.toBeInstanceOf(SyntheticMixError);
    expect(await fingerprint(db)).toEqual(before);

    await resetDatabase(db);
    await loadDatasetFile(db, DEFAULT_DATASET);
    const file = path.join(dir, 'synthetic-dataset.yaml');
    const maliLike = parse(readFileSync(path.join(projectRoot, 'seed', 'examples', 'land-dispute.yaml'), 'utf8')) as { metadata: Record<string, unknown> };
    maliLike.metadata.synthetic = true;
    // Its source text sits beside the example; the copy reads it from there.
    writeFileSync(file, stringify(maliLike).replaceAll('textFile: sources/', `textFile: ${path.join(projectRoot, 'seed', 'examples', 'sources')}/`));
    const mali = await fingerprint(db);
    await expect(loadDatasetFile(db, file)).rejects.toBeInstanceOf(SyntheticMixError);
    expect(await fingerprint(db)).toEqual(mali);

    // Into an empty database it loads, and its sources say they are synthetic.
    await resetDatabase(db);
    await loadDatasetFile(db, file);
    expect(await datasetKinds(db)).toEqual({ synthetic: true, real: false });
  });
});
