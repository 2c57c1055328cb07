// A dataset that declares its own labels and relationship types (seed/examples/land-dispute.yaml) loads with
// no TypeScript change: its extension is stored beside the data, the schema covers its types, storedModel reads it back.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../db/config.ts';
import { loadDatasetFile, validateDatasetFile } from '../../ingest/dataset/loader.ts';
import { importBulk } from '../../ingest/bulk/importer.ts';
import { storedModel } from '../../ingest/model-store.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { tempDir } from '../support/temp-dir.ts';
import { databaseChecksum, expectRefused } from './seed-support.ts';

const LAND_DISPUTE = path.join(projectRoot, 'seed', 'examples', 'land-dispute.yaml');

describe('a dataset with labels and relationship types of its own', () => {
  const db = testDatabase();
  const dir = tempDir('civic-graph-extension-');

  beforeAll(async () => {
    await resetDatabase(db);
    await loadDatasetFile(db, LAND_DISPUTE);
  });

  afterAll(async () => {
    await resetDatabase(db);
    await db.close();
  });

  it('stores its entities under its own labels and its relations under its own types', async () => {
    const labels = (await db.read("MATCH (n:Entity) RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label ORDER BY id")).rows;
    expect(labels).toContainEqual({ id: 'company/northwind', label: 'Company' });
    expect(labels).toContainEqual({ id: 'parcel/brackenmoor-plot-7', label: 'Parcel' });
    const types = (await db.read('MATCH ()-[r]->() RETURN type(r) AS type ORDER BY type')).rows.map((r) => r.type);
    expect(types).toEqual(['CHAIRS', 'CLAIMS', 'EVICTED', 'HOLDS_LEASE_ON', 'LEASED']);
    // A declared date property of its own label is a DATE; its number property a number.
    const parcel = (await db.read("MATCH (p:Parcel) RETURN valueType(p.registeredOn) AS t, p.registeredOn AS on, p.areaHectares AS area")).rows[0];
    expect(parcel).toEqual({ t: 'DATE NOT NULL', on: '1987-05-04', area: 412.5 });
  });

  it('keeps document-level evidence as such (no quote, no offsets) beside quoted evidence', async () => {
    const { rows } = await db.read("MATCH (p:Parcel) RETURN p.evidenceSources AS sources, p.evidenceQuotes AS quotes, p.evidenceStarts AS starts");
    expect(rows[0]!.sources).toEqual(['src/valdoria-land-register', 'src/brackenmoor-bulletin-14']);
    expect((rows[0]!.quotes as string[])[0]).toBe('');
    expect((rows[0]!.starts as number[])[0]).toBe(-1);
    expect((rows[0]!.starts as number[])[1]).toBeGreaterThan(0);
  });

  it('stores its extension in one ModelExtension node, which storedModel reads back', async () => {
    const { rows } = await db.read('MATCH (m:ModelExtension) RETURN m.id AS id, m.file AS file, m.extension AS extension');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 'example-land-dispute', file: 'land-dispute.yaml' });
    expect(Object.keys(JSON.parse(String(rows[0]!.extension)).labels)).toEqual(['Company', 'Parcel']);
    const model = await storedModel(db);
    expect(model.label('Parcel')).toMatchObject({ color: '#6f8f2f', shape: 'barrel', evidence: 'document' });
    expect(model.relation('EVICTED')).toMatchObject({ from: ['Company', 'Authority'], to: ['Organization', 'Person'] });
    expect(model.label('Person')).toBeDefined();
  });

  it('applies the schema of the extended model: date, fact-status and id indexes for its own types, search over its names', async () => {
    const names = (await db.read("SHOW INDEXES YIELD name, state WHERE name STARTS WITH 'rel_evicted' RETURN name, state ORDER BY name")).rows;
    expect(names).toEqual([
      { name: 'rel_evicted_date', state: 'ONLINE' },
      { name: 'rel_evicted_end_date', state: 'ONLINE' },
      { name: 'rel_evicted_fact_status', state: 'ONLINE' },
      { name: 'rel_evicted_id', state: 'ONLINE' },
    ]);
    const found = (await db.read("CALL db.index.fulltext.queryNodes('entity_search', 'northwind') YIELD node RETURN node.id AS id LIMIT 1")).rows;
    expect(found).toEqual([{ id: 'company/northwind' }]);
  });

  it('loads again without changing anything', async () => {
    const before = await databaseChecksum(db);
    await loadDatasetFile(db, LAND_DISPUTE);
    expect(await databaseChecksum(db)).toBe(before);
  });

  it('refuses an extension that conflicts with the model, naming both places, and writes nothing', async () => {
    const data = parse(readFileSync(LAND_DISPUTE, 'utf8'));
    data.model.labels.Person = { description: 'A person, again.', color: '#123456', shape: 'star' };
    data.sources[0].textFile = path.join(projectRoot, 'seed', 'examples', data.sources[0].textFile);
    const file = dir.join('conflict.yaml');
    writeFileSync(file, stringify(data));
    const error = await expectRefused(db, () => loadDatasetFile(db, file));
    expect(error.issues).toEqual([
      expect.objectContaining({ file, path: 'model.labels.Person', message: expect.stringMatching(/^conflicts with the label declared in model\/civic-space\.yaml: labels\.Person$/) }),
    ]);
  });

  it('still wants a quote for a label at the quote level, beside document-level ones', () => {
    const data = parse(readFileSync(LAND_DISPUTE, 'utf8'));
    data.entities.find((e: { id: string }) => e.id === 'company/northwind').evidence = [{ source: 'src/valdoria-land-register' }];
    data.sources[0].textFile = path.join(projectRoot, 'seed', 'examples', data.sources[0].textFile);
    const file = dir.join('no-quote.yaml');
    writeFileSync(file, stringify(data));
    expect(() => validateDatasetFile(file)).toThrow(/company\/northwind evidence\[0\]\.quote: is required: type Company needs a verbatim quote/);
  });

  it('the bulk importer takes the same labels from a model file (--model) and stores it the same way', async () => {
    const modelFile = dir.join('courts.yaml');
    writeFileSync(
      modelFile,
      stringify({
        id: 'courts',
        title: 'Courts',
        extends: 'civic-space',
        evidence: 'document',
        labels: { Court: { description: 'A court of law.', color: '#4a5a8a', shape: 'octagon' } },
        relations: { HEARD: { description: 'A court heard a case brought by someone.', from: ['Court'], to: ['Organization'], color: '#4a5a8a' } },
      }),
    );
    const ndjson = dir.join('courts.ndjson');
    writeFileSync(
      ndjson,
      [
        { kind: 'source', id: 'src/court-roll', title: 'Court roll (fictitious)', publisher: 'Valdoria High Court', url: 'https://example.org/roll', language: 'en' },
        { kind: 'entity', id: 'court/valdoria-high', type: 'Court', name: 'High Court of Valdoria', evidence: [{ source: 'src/court-roll' }] },
        { kind: 'relation', id: 'rel/heard-greenhollow', type: 'HEARD', from: 'court/valdoria-high', to: 'org/greenhollow', evidence: [{ source: 'src/court-roll' }] },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n',
    );
    // Without the model file the label is unknown, and nothing is written.
    const refused = await expectRefused(db, () => importBulk(db, [ndjson]));
    expect(refused.issues.map((i) => i.message)).toContainEqual(expect.stringMatching(/^unknown entity type 'Court'/));
    const result = await importBulk(db, [ndjson], { modelFile });
    expect(result.counts.entities.created).toBe(1);
    expect(result.counts.relations.created).toBe(1);
    const model = await storedModel(db);
    expect(model.label('Court')).toMatchObject({ evidence: 'document', shape: 'octagon' });
    expect(model.label('Parcel')).toBeDefined();
    const stored = (await db.read("MATCH (m:ModelExtension {id: 'courts'}) RETURN m.file AS file")).rows;
    expect(stored).toEqual([{ file: 'courts.yaml' }]);
  });
});
