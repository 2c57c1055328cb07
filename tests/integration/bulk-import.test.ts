// The bulk path on a real Neo4j: the seeded generator, the streaming importer (CSV and NDJSON), reruns,
// bad files, an import killed midway, the import lock, and agreement with the seed loader's storage (the messages: ingest-rules.spec.test.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { applySchema } from '../../ingest/schema.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { datasetFiles, datasetParts, generateDataset, type Manifest } from '../../bench/synthetic/generate.ts';
import type { DatasetError } from '../../ingest/errors.ts';
import { importBulk } from '../../ingest/bulk/importer.ts';
import { beginRun, ImportBusyError } from '../../ingest/bulk/runs.ts';
import { elementsOutside, expectAllInDataset, resetDatabase, testDatabase } from '../support/db.ts';
import { fingerprint, waitFor, type Fingerprint } from '../support/reliability.ts';
import { expectRefused, startIngestCommand, fixtureDataset, FIXTURE_TEXT } from './seed-support.ts';
import { DATASET_LABEL } from '../../model/index.ts';

const NODES = 600;
/** Imports on the shared two-core machine can take a while; no test asserts a duration. */
const SLOW = { timeout: 240_000 };

describe('bulk generator and importer', () => {
  const db = testDatabase();
  let dir: string;
  let manifest: Manifest;
  let clean: Fingerprint;

  beforeAll(async () => {
    await resetDatabase(db);
    await applySchema(db, civicSpaceModel());
    dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-bulk-test-'));
    manifest = await generateDataset({ nodes: NODES, seed: 7, outDir: path.join(dir, 'a'), formats: ['csv', 'ndjson'] });
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  });

  it('generates the same bytes from the same seed and other bytes from another seed', async () => {
    const again = await generateDataset({ nodes: NODES, seed: 7, outDir: path.join(dir, 'b') });
    const other = await generateDataset({ nodes: NODES, seed: 8, outDir: path.join(dir, 'c') });
    const read = (d: string, f: string) => readFileSync(path.join(dir, d, f), 'utf8');
    expect(read('b', 'nodes.csv')).toBe(read('a', 'nodes.csv'));
    expect(read('b', 'relationships.csv')).toBe(read('a', 'relationships.csv'));
    expect(read('c', 'relationships.csv')).not.toBe(read('a', 'relationships.csv'));
    expect(again.relations).toBe(NODES * 3);
    expect(other.nodes).toBe(NODES);
  });

  it('generates a civic-space-like graph: every label, hubs, diacritics, aliases, dates of each precision', () => {
    expect(manifest.nodes).toBe(NODES);
    expect(manifest.sources + manifest.entities).toBe(NODES);
    for (const label of ['Person', 'Organization', 'Authority', 'Institution', 'Event', 'Publication']) expect(manifest.byLabel[label], label).toBeGreaterThan(0);
    const rels = readFileSync(path.join(dir, 'a', 'relationships.csv'), 'utf8').split('\n').slice(1).filter(Boolean);
    const degree = new Map<string, number>();
    for (const line of rels) {
      const [from, to] = line.split(',');
      degree.set(from!, (degree.get(from!) ?? 0) + 1);
      degree.set(to!, (degree.get(to!) ?? 0) + 1);
    }
    const average = (2 * rels.length) / manifest.entities;
    for (const hub of manifest.hubs) expect(degree.get(hub) ?? 0, hub).toBeGreaterThan(average * 10);
    const nodes = readFileSync(path.join(dir, 'a', 'nodes.csv'), 'utf8');
    expect(nodes).toMatch(/[éèïëôâ]/);
    expect(nodes).toMatch(/,day,/);
    expect(nodes).toMatch(/,month,/);
    expect(nodes).toMatch(/,year,/);
  });

  it('imports the CSV files: counts as generated, and the storage contract on every node and relationship', SLOW, async () => {
    const result = await importBulk(db, datasetFiles(path.join(dir, 'a'), manifest, 'csv'), { batchSize: 250 });
    // The dataset the generator's manifest names, on every element, and recorded for the catalog.
    expect(manifest.dataset).toEqual({ id: 'synthetic-600-seed7', title: 'Synthetic graph (600 nodes, seed 7)' });
    expect(result.dataset).toBe('synthetic-600-seed7');
    await expectAllInDataset(db, 'synthetic-600-seed7');
    expect((await db.read('MATCH (d:Dataset) RETURN d.id AS id, d.title AS title, d.synthetic AS synthetic')).rows).toEqual([{ ...manifest.dataset, synthetic: true }]);
    expect(result.counts.entities.created).toBe(manifest.entities);
    expect(result.counts.sources.created).toBe(manifest.sources);
    expect(result.counts.relations.created).toBe(manifest.relations);
    const { rows } = await db.read(`
      MATCH (n:Entity)
      RETURN count(n) AS entities,
             count(CASE WHEN size(labels(n)) = 2 THEN 1 END) AS twoLabels,
             count(CASE WHEN n.searchText STARTS WITH n.name THEN 1 END) AS searchText,
             count(CASE WHEN size(n.evidenceSources) >= 1 AND size(n.evidenceSources) = size(n.evidenceQuotes)
                         AND size(n.evidenceQuotes) = size(n.evidenceStarts) AND size(n.evidenceStarts) = size(n.evidenceEnds) THEN 1 END) AS evidence,
             count(CASE WHEN size(n.aliases) = size(n.aliasLanguages) THEN 1 END) AS aliases,
             count(CASE WHEN n.date IS NOT NULL AND NOT n.date IS :: DATE THEN 1 END) AS badDates,
             count(CASE WHEN n.date IS NOT NULL AND n.datePrecision IN ['day', 'month', 'year'] AND n.dateInferred IS :: BOOLEAN THEN 1 END) AS dated`);
    const r = rows[0]!;
    expect(r.entities).toBe(manifest.entities);
    expect(r.twoLabels).toBe(manifest.entities);
    expect(r.searchText).toBe(manifest.entities);
    expect(r.evidence).toBe(manifest.entities);
    expect(r.aliases).toBe(manifest.entities);
    expect(r.badDates).toBe(0);
    expect(Number(r.dated)).toBeGreaterThan(manifest.entities / 10);
    const rels = await db.read(`
      MATCH ()-[r]->()
      RETURN count(r) AS total, count(DISTINCT r.id) AS ids,
             count(CASE WHEN size(r.evidenceSources) >= 1 THEN 1 END) AS evidence,
             count(CASE WHEN r.date IS NOT NULL AND NOT r.date IS :: DATE THEN 1 END) AS badDates`);
    expect(rels.rows[0]).toEqual({ total: manifest.relations, ids: manifest.relations, evidence: manifest.relations, badDates: 0 });
    // The bookkeeping of the run is gone once it completed.
    const left = await db.read('MATCH (n:ImportRun|ImportJournal) RETURN count(n) AS n');
    expect(left.rows[0]!.n).toBe(0);
    // Full-text search folds diacritics on the imported names.
    const hub = await db.read("CALL db.index.fulltext.queryNodes('entity_search', 'eleves AND etudiants') YIELD node RETURN count(node) AS n");
    expect(Number(hub.rows[0]!.n)).toBeGreaterThan(0);
    clean = await fingerprint(db);
  });

  it('a rerun of the same files creates nothing and changes nothing', SLOW, async () => {
    const result = await importBulk(db, datasetFiles(path.join(dir, 'a'), manifest, 'csv'));
    expect(result.counts.entities).toEqual({ rows: manifest.entities, created: 0 });
    expect(result.counts.relations).toEqual({ rows: manifest.relations, created: 0 });
    expect(await fingerprint(db)).toEqual(clean);
  });

  it('the NDJSON files give the same database as the CSV files', SLOW, async () => {
    await resetDatabase(db);
    await importBulk(db, datasetFiles(path.join(dir, 'a'), manifest, 'ndjson'), { concurrency: 1 });
    expect(await fingerprint(db)).toEqual(clean);
  });

  it('splits into two datasets that import one by one, each element in its own', SLOW, async () => {
    await resetDatabase(db);
    const splitDir = path.join(dir, 'split');
    const split = await generateDataset({ nodes: NODES, seed: 7, outDir: splitDir, datasets: 2 });
    const parts = datasetParts(splitDir, split);
    expect(parts.map((p) => p.id)).toEqual(['synthetic-600-seed7-1', 'synthetic-600-seed7-2']);
    // All files at once would be two datasets in one import: refused before anything is written.
    const mixed = await importBulk(db, parts.flatMap((p) => p.files)).catch((e: unknown) => e);
    expect((mixed as DatasetError).issues[0]!.message).toMatch(/belong to the datasets 'synthetic-600-seed7-1' and 'synthetic-600-seed7-2'/);
    for (const part of parts) expect((await importBulk(db, part.files)).dataset).toBe(part.id);
    const { rows } = await db.read('MATCH (n:Entity) RETURN n.dataset AS dataset, count(*) AS n ORDER BY dataset');
    expect(rows.map((r) => r.dataset)).toEqual(['synthetic-600-seed7-1', 'synthetic-600-seed7-2']);
    expect(Number(rows[0]!.n) + Number(rows[1]!.n)).toBe(split.entities);
    expect(Math.abs(Number(rows[0]!.n) - Number(rows[1]!.n))).toBeLessThan(split.entities / 10);
    // Relationships stay inside their dataset, ends and all.
    const across = await db.read('MATCH (a:Entity)-[r]->(b:Entity) WHERE a.dataset <> r.dataset OR b.dataset <> r.dataset RETURN count(r) AS n');
    expect(across.rows[0]!.n).toBe(0);
    expect((await elementsOutside(db, 'synthetic-600-seed7-1')).relationships).toBe(split.datasets![1]!.relations);
    await resetDatabase(db);
    await importBulk(db, datasetFiles(path.join(dir, 'a'), manifest, 'csv'));
    expect(await fingerprint(db)).toEqual(clean);
  });

  it('a file with one bad record writes nothing; in single-pass mode what was written is rolled back', SLOW, async () => {
    const before = await fingerprint(db);
    const source = readFileSync(path.join(dir, 'a', 'nodes.csv'), 'utf8').trimEnd().split('\n');
    // New ids (so a write would show), and a broken last row: an undeclared label.
    const renamed = source.map((line, i) => (i === 0 ? line : line.replace(/^([a-z]+)\/g(\d+)/, '$1/x$2')));
    renamed.push(renamed[renamed.length - 1]!.replace(/^([a-z]+\/x\d+),[A-Za-z]+,/, '$1-bad,Wizard,'));
    // Beside the generator's manifest: the copy is synthetic data too (ingest/synthetic-guard.ts).
    const file = path.join(dir, 'a', 'bad-nodes.csv');
    writeFileSync(file, renamed.join('\n') + '\n');
    for (const validateFirst of [true, false]) {
      const error = await expectRefused(db, () => importBulk(db, [file], { validateFirst, batchSize: 100 }), { before, checksum: fingerprint });
      expect(error.issues).toContainEqual({ file, path: `line ${renamed.length}`, id: expect.stringMatching(/-bad$/), field: 'type', message: expect.stringMatching(/unknown entity type 'Wizard'/) });
    }
  });

  it('an import killed midway is rolled back by the next import, which then completes', SLOW, async () => {
    await resetDatabase(db);
    const files = datasetFiles(path.join(dir, 'a'), manifest, 'csv');
    const child = startIngestCommand('ingest/import-cli.ts', ['--batch-size', '100', '--concurrency', '1', '--pause-after', '4', ...files]);
    await waitFor(async () => /paused after 4 batches/.test(child.output()), 180_000, 50);
    const midway = await db.read('MATCH (n:Entity) RETURN count(n) AS n');
    expect(Number(midway.rows[0]!.n)).toBeGreaterThan(0);
    child.kill();
    await child.exited;
    const result = await importBulk(db, files);
    expect(result.recovered?.outcome).toBe('rolled-back');
    expect(result.recovered!.deleted.entities + result.recovered!.deleted.sources).toBeGreaterThan(0);
    expect(await fingerprint(db)).toEqual(clean);
  });

  it('refuses to start while another import holds the lock and is alive', SLOW, async () => {
    const { handle } = await beginRun(db, 'test-live-run', ['elsewhere.csv']);
    try {
      const error = await importBulk(db, datasetFiles(path.join(dir, 'a'), manifest, 'csv')).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ImportBusyError);
      expect((error as ImportBusyError).code).toBe('import_busy');
    } finally {
      await handle.rollBack();
    }
    expect(await fingerprint(db)).toEqual(clean);
  });
});

/** A small dataset in the seed file's shape, exercising every stored field. */
function smallDataset() {
  return fixtureDataset('test/bulk-parity', 'Bulk parity', {
    entities: [
      {
        id: 'org/aeem',
        type: 'Organization',
        name: 'Association des Élèves et Étudiants du Mali',
        aliases: ['AEEM', { name: 'Association des eleves et etudiants du Mali', language: 'fr' }],
        properties: { kind: 'student association', country: 'Mali' },
        date: { on: '1990', inferred: true, note: 'founding year, inferred' },
        evidence: [{ source: 'src/text', quote: 'Association des   Élèves' }, { source: 'src/excerpt', quote: 'dissolved the association' }],
      },
      { id: 'authority/mat', type: 'Authority', name: 'Ministère de l’Administration territoriale', evidence: [{ source: 'src/excerpt', quote: 'The ministry' }] },
      { id: 'person/leader', type: 'Person', name: 'Moussa Exemple', properties: { rank: 'Dr' }, evidence: [{ source: 'src/excerpt', quote: 'Its leader' }] },
      { id: 'event/coup', type: 'Event', name: 'Coup d’État', date: { on: '2021-05', until: '2021-06', inferred: false, source: 'src/text' }, evidence: [{ source: 'src/text', quote: 'Le 24 mai 2021' }] },
    ],
    relations: [
      { id: 'rel/dissolved', type: 'DISSOLVED', from: 'authority/mat', to: 'org/aeem', properties: { instrument: 'arrêté' }, date: { on: '2024-03-06', inferred: false }, evidence: [{ source: 'src/excerpt', quote: 'The ministry dissolved the association.' }] },
      { id: 'rel/accused', type: 'ACCUSED', from: 'authority/mat', to: 'org/aeem', properties: { words: 'troubler l’ordre public' }, evidence: [{ source: 'src/text', quote: 'troubler l’ordre public' }] },
      { id: 'rel/leads', type: 'LEADS', from: 'person/leader', to: 'org/aeem', properties: { role: 'secrétaire général' }, evidence: [{ source: 'src/excerpt', quote: 'Its leader' }] },
    ],
  });
}

function writeNdjson(file: string, dataset: { sources: object[]; entities: object[]; relations: object[] }): void {
  const lines = [
    ...dataset.sources.map((s) => JSON.stringify({ kind: 'source', ...s })),
    ...dataset.entities.map((e) => JSON.stringify({ kind: 'entity', ...e })),
    ...dataset.relations.map((r) => JSON.stringify({ kind: 'relation', ...r })),
  ];
  writeFileSync(file, lines.join('\n') + '\n');
}

describe('bulk import agrees with the seed loader', () => {
  const db = testDatabase();
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-bulk-parity-'));
    writeFileSync(path.join(dir, 'text.txt'), FIXTURE_TEXT);
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  });

  /** The small dataset as first.ndjson, imported into an emptied database (its dataset: 'first', after the file). */
  async function importedAsFirst() {
    const dataset = smallDataset();
    const file = path.join(dir, 'first.ndjson');
    writeNdjson(file, dataset);
    await resetDatabase(db);
    await importBulk(db, [file]);
    return { dataset, file };
  }

  it('stores exactly what the seed loader stores for the same items', SLOW, async () => {
    const dataset = smallDataset();
    const yamlFile = path.join(dir, 'dataset.yaml');
    writeFileSync(yamlFile, stringify(dataset));
    const ndjsonFile = path.join(dir, 'dataset.ndjson');
    writeNdjson(ndjsonFile, dataset);
    await resetDatabase(db);
    await loadDatasetFile(db, yamlFile);
    await expectAllInDataset(db, 'test/bulk-parity');
    // The loader also records the dataset file itself (title, description); bulk files carry no such
    // metadata. What is compared is the graph both store: sources, entities, relations.
    await db.write(`MATCH (d:${DATASET_LABEL}) DELETE d`);
    const seeded = await fingerprint(db);
    await resetDatabase(db);
    // The same dataset: every element carries its id, as the loader's do.
    await importBulk(db, [ndjsonFile], { dataset: 'test/bulk-parity', datasetTitle: 'Bulk parity' });
    await expectAllInDataset(db, 'test/bulk-parity');
    expect((await db.read(`MATCH (d:${DATASET_LABEL}) RETURN d.title AS title`)).rows).toEqual([{ title: 'Bulk parity' }]);
    await db.write(`MATCH (d:${DATASET_LABEL}) DELETE d`);
    expect(await fingerprint(db)).toEqual(seeded);
    expect(seeded.nodes).toBe(6);
    expect(seeded.relationships).toBe(3);
  });

  it('with update, overwrites what exists: its properties, and its label when its type changed', SLOW, async () => {
    const dataset = smallDataset();
    const file = path.join(dir, 'dataset.ndjson');
    writeNdjson(file, dataset);
    await resetDatabase(db);
    // Without --dataset, the first file's name: dataset.ndjson is the dataset 'dataset'.
    expect((await importBulk(db, [file])).dataset).toBe('dataset');
    // Entities of every label go in one batch (ingest/bulk/writer.ts); the one whose type changed moves label.
    const entities = dataset.entities.map((e) => (e.id === 'authority/mat' ? { ...e, type: 'Institution', name: 'Ministère (renommé)' } : e));
    const updateFile = path.join(dir, 'update.ndjson');
    writeNdjson(updateFile, { sources: [], entities, relations: [] });
    const result = await importBulk(db, [updateFile], { update: true, dataset: 'dataset' });
    expect(result.counts.entities).toEqual({ rows: 4, created: 0 });
    expect(result.counts.byLabel).toEqual({ Organization: 1, Institution: 1, Person: 1, Event: 1 });
    const { rows } = await db.read("MATCH (n:Entity {id: 'authority/mat'}) RETURN labels(n) AS labels, n.name AS name");
    expect([...(rows[0]!.labels as string[])].sort()).toEqual(['Entity', 'Institution']);
    expect(rows[0]!.name).toBe('Ministère (renommé)');
    await expectAllInDataset(db, 'dataset');
  });

  it('refuses ids another dataset holds, naming both datasets, while validating: nothing is written', SLOW, async () => {
    const { dataset, file } = await importedAsFirst();
    await expectAllInDataset(db, 'first');
    for (const update of [false, true]) {
      const error = await expectRefused(db, () => importBulk(db, [file], { dataset: 'second', update }), { checksum: fingerprint });
      // Every source, entity and relation of the file, each named once, on its line.
      expect(error.issues.map((i) => i.id).sort()).toEqual([...dataset.sources, ...dataset.entities, ...dataset.relations].map((i) => i.id).sort());
      expect(error.issues).toContainEqual({
        file,
        path: 'line 3',
        id: 'org/aeem',
        field: 'id',
        message: "'org/aeem' is already an entity of the dataset 'first', and this import writes the dataset 'second': an id is one element in one dataset (give it another id, or import it into 'first')",
      });
      expect(error.issues).toContainEqual(expect.objectContaining({ id: 'rel/leads', message: expect.stringMatching(/^'rel\/leads' is already a relation of the dataset 'first'/) }));
    }
  });

  it('refuses them when writing too, where validation could not know (no record of the other dataset), rolling the run back', SLOW, async () => {
    const { dataset } = await importedAsFirst();
    // Without its Dataset node, validation does not look ids up (a store of one dataset costs no query).
    await db.write(`MATCH (d:${DATASET_LABEL}) DELETE d`);
    // New sources (written in a batch of their own, then rolled back), then entities whose ids the dataset 'first' holds.
    const renamed = (id: string) => `${id}-2`;
    const again = path.join(dir, 'again.ndjson');
    writeNdjson(again, {
      sources: dataset.sources.map((s) => ({ ...s, id: renamed(s.id) })),
      entities: dataset.entities.map((e: any) => ({
        ...e,
        evidence: e.evidence.map((piece: any) => ({ ...piece, source: renamed(piece.source) })),
        ...(e.date ? { date: { ...e.date, ...(e.date.source ? { source: renamed(e.date.source) } : {}) } } : {}),
      })),
      relations: [],
    });
    const error = await expectRefused(db, () => importBulk(db, [again], { dataset: 'second', batchSize: 2, concurrency: 1 }), { checksum: fingerprint });
    expect(error.issues).toHaveLength(2);
    expect(error.issues[0]).toMatchObject({ id: 'org/aeem', field: 'id', message: expect.stringMatching(/^'org\/aeem' is already an entity of the dataset 'first', and this import writes the dataset 'second'/) });
    expect((await db.read('MATCH (n:ImportRun|ImportJournal) RETURN count(n) AS n')).rows[0]!.n).toBe(0);
  });
});
