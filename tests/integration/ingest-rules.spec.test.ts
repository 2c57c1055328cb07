// One specification of broken inputs, each written once and run against every way in (a dataset file and
// bulk NDJSON): the same ids, fields and messages, and the database left exactly as it was.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetIssue } from '../../ingest/errors.ts';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { importBulk } from '../../ingest/bulk/importer.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { databaseChecksum, expectRefused, fixtureDataset, FIXTURE_TEXT } from './seed-support.ts';


/** A valid dataset touching every rule; each case breaks a copy of it. */
function base() {
  return fixtureDataset('test/ingest-rules', 'Ingest rules', {
    entities: [
      { id: 'org/aeem', type: 'Organization', name: 'Association des Élèves', aliases: ['AEEM'], properties: { kind: 'student association' }, evidence: [{ source: 'src/text', quote: 'Association des Élèves' }] },
      { id: 'authority/mat', type: 'Authority', name: 'Ministère', evidence: [{ source: 'src/excerpt', quote: 'The ministry' }] },
      { id: 'person/leader', type: 'Person', name: 'Moussa Exemple', evidence: [{ source: 'src/excerpt', quote: 'Its leader' }] },
      { id: 'event/coup', type: 'Event', name: 'Coup', date: { on: '2021-05-24', inferred: false, source: 'src/text' }, evidence: [{ source: 'src/text', quote: 'Le 24 mai 2021' }] },
    ] as any[],
    relations: [
      { id: 'rel/dissolved', type: 'DISSOLVED', from: 'authority/mat', to: 'org/aeem', date: { on: '2024-03', inferred: true }, evidence: [{ source: 'src/excerpt', quote: 'The ministry dissolved the association.' }] },
      { id: 'rel/accused', type: 'ACCUSED', from: 'authority/mat', to: 'org/aeem', properties: { words: 'troubler l’ordre public' }, evidence: [{ source: 'src/text', quote: 'troubler l’ordre public' }] },
      { id: 'rel/arrested', type: 'ARRESTED', from: 'authority/mat', to: 'person/leader', properties: { claimedBy: 'authority/mat' }, evidence: [{ source: 'src/excerpt', quote: 'Its leader was arrested.' }] },
    ] as any[],
  });
}

type Dataset = ReturnType<typeof base>;
const byId = (items: { id: string }[], id: string): any => items.find((i) => i.id === id)!;

interface Case {
  name: string;
  break: (d: Dataset) => void;
  /** What the issues must include (id, field, message). */
  expect: { id: string; field?: string; message: RegExp };
}

const CASES: Case[] = [
  { name: 'a quote not in the held text', break: (d) => (byId(d.entities, 'org/aeem').evidence[0].quote = 'Association des Parents'), expect: { id: 'org/aeem', field: 'evidence[0].quote', message: /^quote not found in source 'src\/text' \(even after folding whitespace\); closest passage/ } },
  { name: 'a quote retyped with straight apostrophes', break: (d) => (byId(d.relations, 'rel/accused').evidence[0].quote = "troubler l'ordre public"), expect: { id: 'rel/accused', field: 'evidence[0].quote', message: /different quotation marks, apostrophes, dashes or case/ } },
  { name: 'a quote not in the excerpt', break: (d) => (byId(d.entities, 'person/leader').evidence[0].quote = 'Its chairman'), expect: { id: 'person/leader', field: 'evidence[0].quote', message: /^quote not found in the excerpt of source 'src\/excerpt'/ } },
  { name: 'a quote missing where the model wants quotes', break: (d) => delete byId(d.entities, 'person/leader').evidence[0].quote, expect: { id: 'person/leader', field: 'evidence[0].quote', message: /^is required: type Person needs a verbatim quote/ } },
  { name: 'evidence citing an unknown source', break: (d) => (byId(d.entities, 'person/leader').evidence[0].source = 'src/nowhere'), expect: { id: 'person/leader', field: 'evidence[0].source', message: /^unknown source 'src\/nowhere' \(sources: src\/excerpt, src\/text\)$/ } },
  { name: 'evidence citing an entity as its source', break: (d) => (byId(d.relations, 'rel/accused').evidence[0].source = 'org/aeem'), expect: { id: 'rel/accused', field: 'evidence[0].source', message: /^'org\/aeem' is not a source \(it is an entity\)/ } },
  { name: 'an entity without evidence', break: (d) => (byId(d.entities, 'authority/mat').evidence = []), expect: { id: 'authority/mat', field: 'evidence', message: /needs at least one piece of evidence/ } },
  { name: 'an unknown entity type', break: (d) => (byId(d.entities, 'person/leader').type = 'Wizard'), expect: { id: 'person/leader', field: 'type', message: /^unknown entity type 'Wizard' \(declared types: Person, Organization/ } },
  { name: 'an unknown relation type', break: (d) => (byId(d.relations, 'rel/dissolved').type = 'DISOLVED'), expect: { id: 'rel/dissolved', field: 'type', message: /^unknown relation type 'DISOLVED'/ } },
  { name: 'an end whose label the type does not allow', break: (d) => (byId(d.relations, 'rel/dissolved').from = 'person/leader'), expect: { id: 'rel/dissolved', field: 'from', message: /^DISSOLVED cannot start at 'person\/leader' \(a Person\); it goes from Authority to Organization$/ } },
  { name: 'a dangling end', break: (d) => (byId(d.relations, 'rel/dissolved').to = 'org/ghost'), expect: { id: 'rel/dissolved', field: 'to', message: /^'org\/ghost' is not an entity of the dataset \(dangling end\)$/ } },
  { name: 'a relation to a source', break: (d) => (byId(d.relations, 'rel/accused').to = 'src/text'), expect: { id: 'rel/accused', field: 'to', message: /^'src\/text' is a source, not an entity/ } },
  { name: 'a relation from an entity to itself', break: (d) => Object.assign(byId(d.relations, 'rel/accused'), { from: 'org/aeem', to: 'org/aeem' }), expect: { id: 'rel/accused', field: 'to', message: /^a relation from 'org\/aeem' to itself$/ } },
  { name: 'an undeclared property', break: (d) => (byId(d.entities, 'org/aeem').properties.founded = '1990'), expect: { id: 'org/aeem', field: 'properties.founded', message: /^'founded' is not a property of type Organization \(allowed: / } },
  { name: 'a property of the wrong type', break: (d) => (byId(d.entities, 'org/aeem').properties.kind = 3), expect: { id: 'org/aeem', field: 'properties.kind', message: /^must be of type string, got number 3$/ } },
  { name: 'a reserved property name', break: (d) => (byId(d.entities, 'org/aeem').properties.searchText = 'x'), expect: { id: 'org/aeem', field: 'properties.searchText', message: /^'searchText' is reserved/ } },
  { name: 'a required property missing', break: (d) => delete byId(d.relations, 'rel/accused').properties.words, expect: { id: 'rel/accused', field: 'properties.words', message: /^is required for relation type ACCUSED/ } },
  { name: 'a reference naming no entity', break: (d) => (byId(d.relations, 'rel/arrested').properties.claimedBy = 'authority/nobody'), expect: { id: 'rel/arrested', field: 'properties.claimedBy', message: /^names 'authority\/nobody', which is not an entity of the dataset$/ } },
  { name: 'an alias repeating the name', break: (d) => byId(d.entities, 'org/aeem').aliases.push('association des élèves'), expect: { id: 'org/aeem', field: 'aliases[1]', message: /repeats the name or another alias/ } },
  { name: 'a date that does not exist', break: (d) => (byId(d.entities, 'event/coup').date.on = '2021-02-30'), expect: { id: 'event/coup', field: 'date.on', message: /^'2021-02-30' does not exist \(2021-02 has 28 days\)$/ } },
  { name: 'a span that ends before it starts', break: (d) => (byId(d.relations, 'rel/dissolved').date.until = '2023-01'), expect: { id: 'rel/dissolved', field: 'date.until', message: /^'2023-01' is before date\.on '2024-03'$/ } },
  { name: 'a precision that contradicts the date', break: (d) => (byId(d.entities, 'event/coup').date.precision = 'year'), expect: { id: 'event/coup', field: 'date.precision', message: /^says 'year' but date\.on '2021-05-24' is written with day precision$/ } },
  { name: 'a date credited to a source the item does not cite', break: (d) => (byId(d.entities, 'event/coup').date.source = 'src/excerpt'), expect: { id: 'event/coup', field: 'date.source', message: /^'src\/excerpt' must be one of this item's evidence sources \(src\/text\)$/ } },
  { name: 'a duplicate id', break: (d) => d.entities.push({ ...byId(d.entities, 'person/leader'), name: 'Another' }), expect: { id: 'person/leader', field: 'id', message: /^duplicate id: 'person\/leader' is already used / } },
  { name: 'an id that is not a slug', break: (d) => d.entities.push({ ...byId(d.entities, 'person/leader'), id: 'Person/Other' }), expect: { id: 'Person/Other', field: 'id', message: /must be a lowercase slug/ } },
  { name: 'a misspelt field', break: (d) => (byId(d.entities, 'org/aeem').evidance = []), expect: { id: 'org/aeem', message: /^unknown field 'evidance'$/ } },
];

/** What both ways must agree on. Where a duplicate was first seen is said in each way's own terms (entities[2], earlier in the files). */
function agreed(issues: DatasetIssue[]): string[] {
  return issues.map((i) => `${i.id ?? ''} ${i.field ?? ''}: ${i.message.replace(/ is already used .*$/, ' is already used ...')}`).sort();
}

describe('one set of rules: every broken input refused alike by the dataset loader and the bulk importer', () => {
  const db = testDatabase();
  let dir: string;
  let before: string;
  let counter = 0;

  const write = (name: string, text: string): string => {
    const file = path.join(dir, `${++counter}-${name}`);
    writeFileSync(file, text);
    return file;
  };
  const ndjson = (d: Dataset): string =>
    [...d.sources.map((s) => ({ kind: 'source', ...s })), ...d.entities.map((e) => ({ kind: 'entity', ...e })), ...d.relations.map((r) => ({ kind: 'relation', ...r }))]
      .map((line) => JSON.stringify(line))
      .join('\n') + '\n';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-ingest-rules-'));
    writeFileSync(path.join(dir, 'text.txt'), FIXTURE_TEXT);
    await resetDatabase(db);
    // The valid dataset is loaded: the broken copies are checked against a database that holds data.
    await loadDatasetFile(db, write('base.yaml', stringify(base())));
    // The bulk importer's own bookkeeping (its run-slot constraint, the ImportRun label token) comes with
    // its first run; once there, it is part of the state every refused import must leave as it was.
    await importBulk(db, [write('base.ndjson', ndjson(base()))]);
    before = await databaseChecksum(db);
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  });

  it('the valid dataset goes in both ways (bulk finds it all present and creates nothing)', async () => {
    const result = await importBulk(db, [write('base.ndjson', ndjson(base()))]);
    expect(result.counts.entities).toEqual({ rows: 4, created: 0 });
    expect(await databaseChecksum(db)).toBe(before);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', { timeout: 120_000 }, async (_name, c) => {
    const broken = base();
    c.break(broken);
    const fromFile = await expectRefused(db, () => loadDatasetFile(db, write('broken.yaml', stringify(broken))), { before });
    const fromBulk = await expectRefused(db, () => importBulk(db, [write('broken.ndjson', ndjson(broken))]), { before });
    expect(fromFile.issues).toContainEqual(expect.objectContaining({ id: c.expect.id, ...(c.expect.field ? { field: c.expect.field } : {}), message: expect.stringMatching(c.expect.message) }));
    expect(agreed(fromBulk.issues)).toEqual(agreed(fromFile.issues));
    expect(fromFile.code).toBe('invalid_dataset');
    expect(fromBulk.code).toBe(fromFile.code);
    // Each way names the place in its own file: a path in the dataset, a line in the bulk file.
    for (const issue of fromBulk.issues) if (!issue.field?.startsWith('textFile')) expect(issue.path).toMatch(/^line \d+$/);
  });
});
