// Datasets without Neo4j: the rule that an id is one element in one dataset (in the rules, and through the bulk
// validator's look-ups, answered here by a stand-in for the database), the import's --dataset and its defaults, the
// rows every way in writes, and the generator's split into datasets.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { Issues, MemoryIds, Rules, SourceTable, otherDatasetMessage, type IdLookup, type Known } from '../../ingest/rules.ts';
import { datasetIdFromName } from '../../ingest/datasets.ts';
import { validateBulk } from '../../ingest/bulk/importer.ts';
import { importDataset } from '../../ingest/bulk/import-plan.ts';
import { datasetArgs, parseImportArgs } from '../../ingest/import-args.ts';
import { UsageError } from '../../ingest/cli.ts';
import { DatasetError } from '../../ingest/errors.ts';
import { planDataset } from '../../ingest/dataset/plan.ts';
import { validateDataset } from '../../ingest/dataset/validate.ts';
import { datasetParts, generateDataset } from '../../bench/synthetic/generate.ts';
import { tempDir } from '../support/temp-dir.ts';

const MODEL = civicSpaceModel();
const SOURCE = { id: 'src/note', title: 'Note', publisher: 'P', url: 'https://example.org/n', language: 'en', excerpt: 'The ministry acted.' };
const ENTITY = { id: 'authority/ministry', type: 'Authority', name: 'Ministry', evidence: [{ source: 'src/note', quote: 'The ministry' }] };

/** The ids of a file in memory, and what a database holds elsewhere under some of them. */
function lookup(stored: Record<string, Known>): IdLookup {
  const ids = new MemoryIds();
  return { claim: (id, known, at) => ids.claim(id, known, at), find: (id) => ids.find(id), stored: (id) => stored[id] };
}

function rules(stored: Record<string, Known>, dataset?: string): Rules {
  return new Rules({ model: MODEL, ids: lookup(stored), sources: new SourceTable(), issues: new Issues({ fieldInPath: false }), ...(dataset ? { dataset } : {}) });
}

describe('the rule: an id is one element in one dataset', () => {
  it('refuses an item whose id the database holds in another dataset, naming both datasets', () => {
    const r = rules({ 'src/note': { kind: 'source', dataset: 'first' }, 'authority/ministry': { kind: 'entity', dataset: 'first' } }, 'second');
    expect(r.source(SOURCE, 'line 1')).toBeUndefined();
    expect(r.entity(ENTITY, 'line 2')).toBeUndefined();
    expect(r.issues.list.filter((i) => i.field === 'id')).toEqual([
      { file: '', path: 'line 1', id: 'src/note', field: 'id', message: "'src/note' is already a source of the dataset 'first', and this import writes the dataset 'second': an id is one element in one dataset (give it another id, or import it into 'first')" },
      { file: '', path: 'line 2', id: 'authority/ministry', field: 'id', message: otherDatasetMessage('authority/ministry', { kind: 'entity', dataset: 'first' }, 'second') },
    ]);
  });

  it('accepts the same dataset again (a rerun), an element stored before datasets, and any id when no dataset is given', () => {
    const same = rules({ 'authority/ministry': { kind: 'entity', dataset: 'first' } }, 'first');
    same.source(SOURCE, 'line 1');
    expect(same.entity(ENTITY, 'line 2')).toBeDefined();
    expect(same.issues.count).toBe(0);
    const legacy = rules({ 'authority/ministry': { kind: 'entity' } }, 'second');
    legacy.source(SOURCE, 'line 1');
    expect(legacy.entity(ENTITY, 'line 2')).toBeDefined();
    expect(legacy.issues.count).toBe(0);
    const unchecked = rules({ 'authority/ministry': { kind: 'entity', dataset: 'first' } });
    unchecked.source(SOURCE, 'line 1');
    expect(unchecked.entity(ENTITY, 'line 2')).toBeDefined();
    expect(unchecked.issues.count).toBe(0);
  });

  it('is applied by the bulk validator to what it looks up in the database (here a stand-in answering its reads)', async () => {
    const dir = tmp.join('lookups');
    mkdirSync(dir);
    const file = path.join(dir, 'second.ndjson');
    const relation = { id: 'rel/dissolved', type: 'DISSOLVED', from: 'authority/ministry', to: 'org/club', evidence: [{ source: 'src/note', quote: 'The ministry acted.' }] };
    const club = { ...ENTITY, id: 'org/club', type: 'Organization', name: 'Club' };
    writeFileSync(file, [SOURCE, ENTITY, club, relation].map((item) => JSON.stringify(item)).join('\n') + '\n');
    const asked: string[] = [];
    const db = {
      async read(cypher: string, params: Record<string, unknown> = {}) {
        asked.push(cypher);
        if (cypher.includes('ModelExtension')) return { rows: [] };
        if (cypher.includes('MATCH (s:Source)')) return { rows: [{ id: 'src/note', text: null, excerpts: ['The ministry acted.'], dataset: 'first' }] };
        if (cypher.includes('MATCH (d:Dataset)')) return { rows: [{ id: 'first' }] };
        if (cypher.includes('MATCH (n:Entity {id: id}) WHERE n.dataset')) return { rows: (params.ids as string[]).filter((id) => id === 'authority/ministry').map((id) => ({ id, dataset: 'first' })) };
        if (cypher.includes('[r:DISSOLVED')) return { rows: [{ id: 'rel/dissolved', dataset: 'first' }] };
        return { rows: [] };
      },
    } as unknown as Database;
    const error = await validateBulk([file], { db }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    // Without --dataset, the file's name: 'second'.
    expect((error as DatasetError).issues.map((i) => `${i.path} ${i.id}: ${i.message.split(':')[0]}`)).toEqual([
      "line 1 src/note: 'src/note' is already a source of the dataset 'first', and this import writes the dataset 'second'",
      "line 2 authority/ministry: 'authority/ministry' is already an entity of the dataset 'first', and this import writes the dataset 'second'",
      "line 4 rel/dissolved: 'rel/dissolved' is already a relation of the dataset 'first', and this import writes the dataset 'second'",
    ]);
    // Into the dataset 'first' the same file is a rerun: accepted.
    await expect(validateBulk([file], { db, dataset: 'first' })).resolves.toMatchObject({ records: { sources: 1, entities: 2, relations: 1 } });
    // A database of one dataset is not asked about ids at all.
    asked.length = 0;
    const alone = {
      read: async (cypher: string) => {
        asked.push(cypher);
        return { rows: [] };
      },
    } as unknown as Database;
    await validateBulk([file], { db: alone });
    expect(asked.filter((q) => q.includes('.dataset <> $dataset'))).toEqual([]);
  });
});

const tmp = tempDir('civic-graph-datasets-');

describe('the dataset an import writes', () => {
  it('takes a slug of the first file\'s base name, a folder\'s name, an FtM file\'s name', () => {
    expect(datasetIdFromName('/data/People 2024.csv.gz')).toBe('people-2024');
    expect(datasetIdFromName('exports/entities.ftm.json')).toBe('entities');
    expect(datasetIdFromName('dumps/sanctions.ijson')).toBe('sanctions');
    expect(datasetIdFromName('tests/fixtures/admin-csv/casework')).toBe('casework');
    expect(datasetIdFromName('Élèves_et_Étudiants.ndjson')).toBe('eleves-et-etudiants');
    expect(datasetIdFromName('---.csv')).toBe('imported');
    expect(importDataset(['/x/nodes-2024.csv', '/x/rels.csv'])).toEqual({ id: 'nodes-2024', title: 'nodes-2024', synthetic: false });
    expect(importDataset(['/x/a.csv'], { dataset: 'court-records', datasetTitle: 'Court records' })).toEqual({ id: 'court-records', title: 'Court records', synthetic: false });
  });

  it('refuses a --dataset that is not a dataset id', () => {
    expect(() => importDataset(['/x/a.csv'], { dataset: 'Court Records' })).toThrow(DatasetError);
    expect(() => importDataset(['/x/a.csv'], { dataset: 'Court Records' })).toThrow(/--dataset 'Court Records' is not a dataset id/);
  });

  it('takes the generator\'s dataset from its manifest, one per part of a split graph, and refuses parts mixed in one import', async () => {
    const one = tmp.join('one');
    const manifest = await generateDataset({ nodes: 200, seed: 3, outDir: one });
    expect(manifest.dataset).toEqual({ id: 'synthetic-200-seed3', title: 'Synthetic graph (200 nodes, seed 3)' });
    expect(importDataset([path.join(one, 'nodes.csv'), path.join(one, 'relationships.csv')])).toEqual({ ...manifest.dataset, synthetic: true });
    // A manifest written before datasets names none: the same id, from its size and seed.
    const old = JSON.parse(readFileSync(path.join(one, 'manifest.json'), 'utf8'));
    delete old.dataset;
    writeFileSync(path.join(one, 'manifest.json'), JSON.stringify(old));
    expect(importDataset([path.join(one, 'nodes.csv')]).id).toBe('synthetic-200-seed3');

    const two = tmp.join('two');
    const split = await generateDataset({ nodes: 600, seed: 3, outDir: two, datasets: 2 });
    const parts = datasetParts(two, split);
    expect(parts.map((p) => [p.id, p.files.map((f) => path.basename(f))])).toEqual([
      ['synthetic-600-seed3-1', ['nodes-1.csv', 'relationships-1.csv']],
      ['synthetic-600-seed3-2', ['nodes-2.csv', 'relationships-2.csv']],
    ]);
    for (const part of parts) expect(importDataset(part.files).id).toBe(part.id);
    expect(() => importDataset(parts.flatMap((p) => p.files))).toThrow(/belong to the datasets 'synthetic-600-seed3-1' and 'synthetic-600-seed3-2'/);
    // Each part is a graph of its own: its relations join its own entities, its evidence cites its own sources.
    for (const part of parts) {
      const nodes = readFileSync(part.files[0]!, 'utf8').trim().split('\n').slice(1);
      const ids = new Set(nodes.map((line) => line.slice(0, line.indexOf(','))));
      const relations = readFileSync(part.files[1]!, 'utf8').trim().split('\n').slice(1);
      expect(relations.length).toBeGreaterThan(0);
      for (const line of relations) {
        const [from, to] = line.split(',');
        expect(ids.has(from!) && ids.has(to!), line).toBe(true);
      }
      const sources = nodes.filter((line) => line.includes(',Source,')).map((line) => line.slice(0, line.indexOf(',')));
      for (const line of [...nodes, ...relations]) for (const cited of line.match(/source\/g\d+/g) ?? []) expect(sources, line).toContain(cited);
    }
    expect(split.datasets!.reduce((sum, d) => sum + d.entities, 0)).toBe(split.entities);
  });
});

describe('npm run import -- --dataset ID --dataset-title TITLE', () => {
  it('passes a dataset id and title on to the importers', () => {
    const { dataset, positionals } = parseImportArgs(['--dataset', 'mali-2023-2024', '--dataset-title', ' Mali, 2023-2024 ', 'a.csv', 'b.csv']);
    expect(dataset).toEqual({ dataset: 'mali-2023-2024', datasetTitle: 'Mali, 2023-2024' });
    expect(positionals).toEqual(['a.csv', 'b.csv']);
    expect(parseImportArgs(['--dataset=courts/2024', 'DIR']).dataset).toEqual({ dataset: 'courts/2024' });
    // Absent: the importer's default (the first file's name).
    expect(parseImportArgs(['a.csv']).dataset).toEqual({});
  });

  it('refuses an id that is not a slug, and an empty title, as usage errors', () => {
    expect(() => parseImportArgs(['--dataset', 'Mali 2024', 'a.csv'])).toThrow(UsageError);
    expect(() => datasetArgs({ dataset: 'mali/' })).toThrow(/--dataset 'mali\/' is not a dataset id: a lowercase slug/);
    expect(() => datasetArgs({ dataset: 'ok', 'dataset-title': '  ' })).toThrow(/--dataset-title must not be empty/);
    expect(() => parseImportArgs(['--dataset'])).toThrow();
  });
});

describe('the rows every way in writes', () => {
  it('carry the dataset file\'s id on every source, entity and relation', () => {
    const valid = validateDataset(
      {
        metadata: { id: 'small', title: 'Small' },
        sources: [SOURCE],
        entities: [ENTITY, { ...ENTITY, id: 'org/club', type: 'Organization', name: 'Club' }],
        relations: [{ id: 'rel/dissolved', type: 'DISSOLVED', from: 'authority/ministry', to: 'org/club', evidence: [{ source: 'src/note', quote: 'The ministry acted.' }] }],
      },
      { file: 'small.yaml' },
    );
    const plan = planDataset(valid);
    const rows = plan.statements.flatMap((s) => (Array.isArray(s.params.rows) ? (s.params.rows as { props: Record<string, unknown> }[]) : []));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.props.dataset).toBe('small');
    expect(plan.check).toMatchObject({ id: 'small', file: 'small.yaml', ids: { sources: ['src/note'], entities: ['authority/ministry', 'org/club'] } });
    expect(plan.check.places.get('rel/dissolved')).toBe('relations[0]');
  });
});
