// One set of rules (issue #25): every rule of ingest/ that a single recorded relation can express refuses the same bad
// input through the write API (POST /api/datasets/:dataset/facts) as through an import of a dataset file, with the same
// messages, and those the specification expects (tests/support/ingest-rules-spec.ts). The rules a recorded fact cannot
// express are listed, each with why, and the request schema refuses the attempt to say them.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetIssue } from '../../ingest/errors.ts';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { applySchema } from '../../ingest/schema.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { FIXTURE_TEXT } from '../support/fixture-dataset.ts';
import { base, RULES } from '../support/ingest-rules-spec.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { tempDir } from '../support/temp-dir.ts';
import { WaysIn } from '../support/ways-in.ts';
import { databaseChecksum } from './api-support.ts';
import { call, enc } from './facts-support.ts';

const db = testDatabase();
const dir = tempDir('civic-graph-rules-api-');
let ways: WaysIn;
const DATASET = base().metadata.id;

const WORDS = 'troubler l’ordre public';
const AT = FIXTURE_TEXT.indexOf(WORDS);

type End = { id: string } | { new: { type: string; name: string } };
interface Body {
  type: string;
  from: End;
  to: End;
  properties?: Record<string, unknown>;
  date?: Record<string, unknown>;
  evidence: { source: string; quote: string; start: number; end: number };
  [key: string]: unknown;
}

/** A fact the rules accept: the ministry accused the association, in the held text's words. */
const valid = (): Body => ({ type: 'ACCUSED', from: { id: 'authority/mat' }, to: { id: 'org/aeem' }, properties: { words: WORDS }, evidence: { source: 'src/text', quote: WORDS, start: AT, end: AT + WORDS.length } });

/** The rules a recorded relation can express: each row of the specification, broken in a fact's request body. */
const EXPRESSED: Record<string, (b: Body) => void> = {
  'a quote not in the held text': (b) => (b.evidence.quote = 'troubler l’ordre privé'),
  'a quote retyped with straight apostrophes': (b) => (b.evidence.quote = "troubler l'ordre public"),
  'a quote not in the excerpt': (b) => Object.assign(b.evidence, { source: 'src/excerpt', quote: 'Its chairman' }),
  'evidence citing an unknown source': (b) => (b.evidence.source = 'src/nowhere'),
  'evidence citing an entity as its source': (b) => (b.evidence.source = 'org/aeem'),
  'an unknown entity type': (b) => (b.to = { new: { type: 'Wizard', name: 'Merlin' } }),
  'an unknown relation type': (b) => (b.type = 'DISOLVED'),
  'an end whose label the type does not allow': (b) => Object.assign(b, { type: 'DISSOLVED', from: { id: 'person/leader' }, properties: {} }),
  'a dangling end': (b) => (b.to = { id: 'org/ghost' }),
  'a relation to a source': (b) => (b.to = { id: 'src/text' }),
  'a relation from an entity to itself': (b) => Object.assign(b, { from: { id: 'org/aeem' }, to: { id: 'org/aeem' } }),
  'an undeclared property': (b) => (b.properties!.founded = '1990'),
  'a property of the wrong type': (b) => (b.properties!.words = 3),
  'a reserved property name': (b) => (b.properties!.synthetic = 'x'),
  'a required property missing': (b) => delete b.properties!.words,
  'a reference naming no entity': (b) => Object.assign(b, { type: 'ARRESTED', to: { id: 'person/leader' }, properties: { claimedBy: 'authority/nobody' } }),
  'a date that does not exist': (b) => (b.date = { on: '2021-02-30', inferred: false }),
  'a span that ends before it starts': (b) => (b.date = { on: '2024-03', until: '2023-01', inferred: true }),
  'a precision that contradicts the date': (b) => (b.date = { on: '2021-05-24', precision: 'year', inferred: false }),
  'a date credited to a source the item does not cite': (b) => (b.date = { on: '2021-05-24', inferred: false, source: 'src/excerpt' }),
};

/** What the API adds to the import's words for a row: a passage is quoted from a held text, by its offsets. */
const API_ALSO: Record<string, string[]> = {
  'a quote not in the excerpt': ["fact.evidence[0].source: 'src/excerpt' holds no text: a fact recorded from a passage quotes a held text, by its offsets"],
};

/** Rows where the specification broke an entity: the same rule on the relation names its type, or its own property. */
const ON_THE_RELATION: Record<string, { message?: RegExp; field?: string }> = {
  'an undeclared property': { message: /^'founded' is not a property of relation type ACCUSED \(allowed: / },
  'a property of the wrong type': { field: 'properties.words' },
};

/** The rules a recorded fact cannot express, why, and the request that tries: the request schema refuses it (400) before any rule. */
const CANNOT_EXPRESS: Record<string, { why: string; tries: (b: Body) => void }> = {
  'a quote missing where the model wants quotes': { why: 'a fact is recorded from a passage: the quote is required by the request', tries: (b) => delete (b.evidence as Partial<Body['evidence']>).quote },
  'an entity without evidence': { why: "a new actor's evidence is the fact's passage; the request names none of its own", tries: (b) => (b.to = { new: { type: 'Person', name: 'Nobody', evidence: [] } as never }) },
  'an alias repeating the name': { why: 'a new actor has a name only; aliases come with a merge', tries: (b) => (b.to = { new: { type: 'Person', name: 'Ana', aliases: ['ana'] } as never }) },
  'a duplicate id': { why: 'the server chooses every id (a fresh one, numbered when taken)', tries: (b) => (b.id = 'rel-accused') },
  'an id that is not a slug': { why: 'the server chooses every id, always a slug', tries: (b) => (b.to = { id: 'Person/Other' }) },
  'a misspelt field': { why: 'the request is a strict schema: an unknown field is refused before the rules', tries: (b) => (b.nmae = 'Association') },
};

/** The same fact as a dataset file writes it: the relation `rel-api`, and its new ends as entities with the fact's passage. */
function asDataset(body: Body) {
  const d = base();
  const newId = (end: End) => ('id' in end ? end.id : `${end.new.type.toLowerCase()}/${end.new.name.toLowerCase()}`);
  const evidence = [{ source: body.evidence.source, quote: body.evidence.quote }];
  for (const end of [body.from, body.to]) if ('new' in end) d.entities.push({ id: newId(end), type: end.new.type, name: end.new.name, evidence });
  d.relations.push({ id: 'rel-api', type: body.type, from: newId(body.from), to: newId(body.to), ...(body.properties ? { properties: body.properties } : {}), ...(body.date ? { date: body.date } : {}), evidence });
  return d;
}

/** The import's problems with the added items, in the API's terms: `fact.<field>` for the relation, `to.new.<field>` for a new end. */
function asProblems(issues: DatasetIssue[], body: Body): string[] {
  const newEnd = 'new' in body.to ? `${body.to.new.type.toLowerCase()}/${body.to.new.name.toLowerCase()}` : undefined;
  return issues.flatMap((i) => (i.id === 'rel-api' ? [`fact.${i.field}: ${i.message}`] : i.id === newEnd ? [`to.new.${i.field}: ${i.message}`] : []));
}

describe('the ingest rules through the write API and through import', () => {
  let server: RunningServer;
  let checksum = '';
  const post = (body: unknown) => call(server, undefined, 'POST', `/api/datasets/${enc(DATASET)}/facts`, body);

  beforeAll(async () => {
    await resetDatabase(db);
    await applySchema(db, civicSpaceModel());
    ways = new WaysIn(dir.join('.'));
    writeFileSync(dir.join('base.yaml'), stringify(base()));
    await loadDatasetFile(db, dir.join('base.yaml'), { schema: false });
    server = await startServer(db, { security: { rateLimits: false } });
    // The valid fact goes in both ways (so every refusal below is the rule's, not the fixture's).
    expect(await ways.check('yaml', asDataset(valid()))).toEqual([]);
    const accepted = await post(valid());
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    checksum = await databaseChecksum(db);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('every rule of the specification is either expressed by a recorded fact or listed as one it cannot express', () => {
    const rules = RULES.map((r) => r.rule);
    expect([...Object.keys(EXPRESSED), ...Object.keys(CANNOT_EXPRESS)].sort()).toEqual([...rules].sort());
    for (const { why } of Object.values(CANNOT_EXPRESS)) expect(why).not.toBe('');
  });

  describe.each(Object.keys(EXPRESSED).map((rule) => [rule, RULES.find((r) => r.rule === rule)!] as const))('%s', (rule, row) => {
    it('is refused through the API with the import’s messages, the specification’s among them', async () => {
      const body = valid();
      EXPRESSED[rule]!(body);
      const imported = asProblems(await ways.check('yaml', asDataset(body)), body);
      expect(imported.length, 'the import refuses it').toBeGreaterThan(0);
      const answer = await post(body);
      expect([answer.status, answer.body.error.code], JSON.stringify(answer.body)).toEqual([400, 'invalid_fact']);
      expect([...answer.body.error.problems].sort()).toEqual([...imported, ...(API_ALSO[rule] ?? [])].sort());
      // The specification's message, on its field (of the fact, or of its new actor).
      const says = { message: row.says.message, field: row.says.field, ...ON_THE_RELATION[rule] };
      const onField = answer.body.error.problems.filter((p: string) => !says.field || p.startsWith(`fact.${says.field}: `) || p.startsWith(`to.new.${says.field}: `));
      expect(onField.map((p: string) => p.slice(p.indexOf(': ') + 2))).toContainEqual(expect.stringMatching(says.message));
    });
  });

  it.each(Object.keys(CANNOT_EXPRESS))('cannot express %s: the request schema refuses the attempt', async (rule) => {
    const body = valid();
    CANNOT_EXPRESS[rule]!.tries(body);
    const answer = await post(body);
    expect([answer.status, answer.body.error.code]).toEqual([400, 'invalid_parameter']);
  });

  it('wrote nothing for any refusal', async () => {
    expect(await databaseChecksum(db)).toBe(checksum);
  });
});
