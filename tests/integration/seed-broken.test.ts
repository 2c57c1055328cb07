// Broken datasets against the real Neo4j: each kind is refused with a message naming file, item and field, and the database stays exactly as it was.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetIssue } from '../../ingest/errors.ts';
import { DatasetWriteError, loadDatasetFile, writePlan } from '../../ingest/dataset/loader.ts';
import { planDataset } from '../../ingest/dataset/plan.ts';
import { validateDataset } from '../../ingest/dataset/validate.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { databaseChecksum, entity, expectRefused, maliDataset, relation, writeDataset } from './seed-support.ts';

interface Case {
  name: string;
  /** Changes a copy of the Mali dataset (or returns raw file text). */
  mutate: (data: any) => any;
  expected: { id?: string; field?: string; message: RegExp; file?: RegExp };
}

const CASES: Case[] = [
  {
    name: 'a quote that is not in its source shows the closest passage',
    mutate: (d) => {
      entity(d, 'org/aeem').evidence[0].quote = 'Association of Pupils and Students in Mali (AEEM)';
      return d;
    },
    expected: {
      id: 'org/aeem',
      field: 'evidence[0].quote',
      message: /^quote not found in source 'src\/hrw-2024-03-15'.*closest passage of the source \(at \d+\): "Association of Pupils and Students of Mali/,
    },
  },
  {
    name: 'a quote retyped with straight apostrophes is refused, saying the source uses other marks',
    mutate: (d) => {
      entity(d, 'authority/junta').evidence[0].quote = "The leader of Mali's junta";
      return d;
    },
    expected: { id: 'authority/junta', field: 'evidence[0].quote', message: /different quotation marks, apostrophes, dashes or case.*"The leader of Mali’s junta"/ },
  },
  {
    name: 'a quote of a corroborating source must come from its excerpt',
    mutate: (d) => {
      relation(d, 'rel/dissolved-observatory').evidence[1].quote = '« de nature à troubler la sécurité »';
      return d;
    },
    expected: { id: 'rel/dissolved-observatory', field: 'evidence[1].quote', message: /quote not found in the excerpt of source 'src\/maliactu-2023-12'.*closest passage: "« de nature à troubler/ },
  },
  {
    name: 'a relation whose end does not exist (dangling)',
    mutate: (d) => {
      relation(d, 'rel/dissolved-kaoural').to = 'org/kaoural';
      return d;
    },
    expected: { id: 'rel/dissolved-kaoural', field: 'to', message: /'org\/kaoural' is not an entity of the dataset \(dangling end\)/ },
  },
  {
    name: 'a duplicate id',
    mutate: (d) => {
      d.entities.push({ ...entity(d, 'org/aeem'), name: 'Another AEEM' });
      return d;
    },
    expected: { id: 'org/aeem', field: 'id', message: /duplicate id: 'org\/aeem' is already used at entities\[\d+\]/ },
  },
  {
    name: 'an unknown entity type',
    mutate: (d) => {
      entity(d, 'org/modele').type = 'Organisation';
      return d;
    },
    expected: { id: 'org/modele', field: 'type', message: /unknown entity type 'Organisation' \(declared types: Person, Organization,/ },
  },
  {
    name: 'an unknown relation type',
    mutate: (d) => {
      relation(d, 'rel/dissolved-cmas').type = 'DISOLVED';
      return d;
    },
    expected: { id: 'rel/dissolved-cmas', field: 'type', message: /unknown relation type 'DISOLVED'/ },
  },
  {
    name: 'a relation type not allowed between those labels',
    mutate: (d) => {
      relation(d, 'rel/dissolved-cmas').from = 'person/seif-magango';
      return d;
    },
    expected: { id: 'rel/dissolved-cmas', field: 'from', message: /DISSOLVED cannot start at 'person\/seif-magango' \(a Person\); it goes from Authority to Organization/ },
  },
  {
    name: 'a date that does not exist',
    mutate: (d) => {
      relation(d, 'rel/dissolved-kaoural').date.on = '2024-02-30';
      return d;
    },
    expected: { id: 'rel/dissolved-kaoural', field: 'date.on', message: /'2024-02-30' does not exist \(2024-02 has 29 days\)/ },
  },
  {
    name: 'a span that ends before it starts',
    mutate: (d) => {
      entity(d, 'event/suspension-2024-04').date.until = '2024-03-10';
      return d;
    },
    expected: { id: 'event/suspension-2024-04', field: 'date.until', message: /'2024-03-10' is before date.on '2024-04-10'/ },
  },
  {
    name: 'a precision that contradicts the date',
    mutate: (d) => {
      relation(d, 'rel/dissolved-cmas').date.precision = 'month';
      return d;
    },
    expected: { id: 'rel/dissolved-cmas', field: 'date.precision', message: /says 'month' but date.on '2024-03-06' is written with day precision/ },
  },
  {
    name: 'a date credited to a source the item does not cite',
    mutate: (d) => {
      relation(d, 'rel/dissolved-cmas').date.source = 'src/aan-2024-03-14';
      return d;
    },
    expected: { id: 'rel/dissolved-cmas', field: 'date.source', message: /must be one of this item's evidence sources \(src\/hrw-2024-03-15\)/ },
  },
  {
    name: 'evidence citing an unknown source',
    mutate: (d) => {
      entity(d, 'person/seif-magango').evidence[0].source = 'src/hrw-2024';
      return d;
    },
    expected: { id: 'person/seif-magango', field: 'evidence[0].source', message: /unknown source 'src\/hrw-2024'/ },
  },
  {
    name: 'an entity without evidence',
    mutate: (d) => {
      entity(d, 'org/modele').evidence = [];
      return d;
    },
    expected: { id: 'org/modele', field: 'evidence', message: /needs at least one piece of evidence/ },
  },
  {
    name: 'a property the type does not declare',
    mutate: (d) => {
      entity(d, 'org/aeem').properties.founded = '1990';
      return d;
    },
    expected: { id: 'org/aeem', field: 'properties.founded', message: /'founded' is not a property of type Organization \(allowed: kind, country, description\)/ },
  },
  {
    name: 'a required property missing (an accusation without its words)',
    mutate: (d) => {
      delete relation(d, 'rel/accused-cmas').properties.words;
      return d;
    },
    expected: { id: 'rel/accused-cmas', field: 'properties.words', message: /is required for relation type ACCUSED/ },
  },
  {
    name: 'a property of the wrong type',
    mutate: (d) => {
      entity(d, 'person/assimi-goita').properties.rank = 3;
      return d;
    },
    expected: { id: 'person/assimi-goita', field: 'properties.rank', message: /must be of type string, got number 3/ },
  },
  {
    name: 'a reserved property name',
    mutate: (d) => {
      entity(d, 'org/aeem').properties.searchText = 'x';
      return d;
    },
    expected: { id: 'org/aeem', field: 'properties.searchText', message: /'searchText' is reserved/ },
  },
  {
    name: 'a reference property naming no entity',
    mutate: (d) => {
      relation(d, 'rel/arrested-aeem-members').properties.claimedBy = 'authority/minister';
      return d;
    },
    expected: { id: 'rel/arrested-aeem-members', field: 'properties.claimedBy', message: /names 'authority\/minister', which is not an entity/ },
  },
  {
    name: 'a misspelt field',
    mutate: (d) => {
      const e = entity(d, 'org/aeem');
      e.evidance = e.evidence;
      delete e.evidence;
      return d;
    },
    expected: { id: 'org/aeem', message: /unknown field 'evidance'/ },
  },
  {
    name: 'a held source text that cannot be read',
    mutate: (d) => {
      d.sources[0].textFile = 'sources/missing.txt';
      return d;
    },
    expected: { id: 'src/hrw-2024-03-15', field: 'textFile', message: /cannot read the source text .*missing\.txt/, file: /missing\.txt$/ },
  },
  {
    name: 'a YAML syntax error',
    mutate: () => 'metadata:\n  id: x\n  title: [unclosed\nsources: []\n',
    expected: { message: /cannot be read as YAML \(line \d+, column \d+\)/ },
  },
  {
    name: 'an id that is not a slug',
    mutate: (d) => {
      entity(d, 'org/modele').id = 'Org/MODELE';
      relation(d, 'rel/sangho-leads-modele').to = 'Org/MODELE';
      return d;
    },
    expected: { id: 'Org/MODELE', field: 'id', message: /must be a lowercase slug/ },
  },
];

describe('broken datasets', () => {
  const db = testDatabase();
  let before: string;

  beforeAll(async () => {
    await resetDatabase(db);
    await loadDatasetFile(db);
    before = await databaseChecksum(db);
  });

  afterAll(async () => {
    await db.close();
  });

  const refusal = (file: string) => expectRefused(db, () => loadDatasetFile(db, file), { before });

  it(`refuses ${CASES.length} kinds of broken dataset`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(10);
  });

  it.each(CASES)('refuses $name, and the database is unchanged', async ({ mutate, expected }) => {
    const file = writeDataset(mutate(maliDataset()));
    const error = await refusal(file);
    const match = error.issues.find((issue: DatasetIssue) => expected.message.test(issue.message));
    expect(match, error.message).toBeDefined();
    expect(match!.file).toMatch(expected.file ?? new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    if (expected.id) expect(match!.id).toBe(expected.id);
    if (expected.field) expect(match!.field).toBe(expected.field);
    expect(error.message).toContain('nothing was loaded');
  });

  it('reports every problem at once, not only the first', async () => {
    const data = maliDataset();
    entity(data, 'org/aeem').type = 'Club';
    relation(data, 'rel/dissolved-cmas').to = 'org/nowhere';
    relation(data, 'rel/dissolved-kaoural').date.on = '2024-13';
    entity(data, 'person/seif-magango').evidence[0].quote = 'Seif Magango said';
    const error = await refusal(writeDataset(data));
    expect(error.issues.map((i) => `${i.id} ${i.field}`)).toEqual([
      'org/aeem type',
      'person/seif-magango evidence[0].quote',
      'rel/dissolved-kaoural date.on',
      'rel/dissolved-cmas to',
    ]);
  });

  it('rolls the whole transaction back when a write fails half way', async () => {
    // Validation is told that an entity exists in the database when it does not: the relationship
    // statement then writes nothing, after the sources and entities were already written in the
    // same transaction. All of it must be undone.
    const data = maliDataset();
    data.entities = data.entities.map((e: any) => (e.id === 'org/aeem' ? { ...e, name: 'Changed name' } : e));
    data.relations.push({ id: 'rel/ghost', type: 'DISSOLVED', from: 'authority/junta', to: 'org/ghost', evidence: [{ source: 'src/hrw-2024-03-15', quote: 'authorities dissolved' }] });
    const valid = validateDataset(data, {
      file: 'ghost.yaml',
      readText: (p) => readFileSync(p, 'utf8'),
      existingEntities: new Map([['org/ghost', 'Organization']]),
    });
    await expect(writePlan(db, planDataset(valid))).rejects.toBeInstanceOf(DatasetWriteError);
    expect(await databaseChecksum(db)).toBe(before);
  });
});
