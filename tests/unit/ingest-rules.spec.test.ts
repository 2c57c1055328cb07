// The ingest rules' specification without a database: every rule (a row) broken alike in every way in (a column:
// dataset YAML and JSON, bulk NDJSON and CSV, a neo4j-admin folder, FtM) and refused with the same id, field and message.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetIssue } from '../../ingest/errors.ts';
import { base, broken, brokenFtm, ftmBase, RULES, type Expected, type RuleRow } from '../support/ingest-rules-spec.ts';
import { agreed, WAYS, WaysIn } from '../support/ways-in.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-rules-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const ways = new WaysIn(root);

/** The dataset file's issues for a row: what the other ways in are held to. */
const reference = new Map<RuleRow, Promise<DatasetIssue[]>>();
const referenceOf = (row: RuleRow) => {
  if (!reference.has(row)) reference.set(row, ways.check('yaml', broken(row)));
  return reference.get(row)!;
};

function expectIssue(issues: DatasetIssue[], says: Expected): void {
  const id = typeof says.id === 'string' ? says.id : expect.stringMatching(says.id);
  expect(issues).toContainEqual(expect.objectContaining({ id, ...(says.field ? { field: says.field } : {}), message: expect.stringMatching(says.message) }));
}

describe('the valid dataset', () => {
  it.each(WAYS)('goes in by %s', async (way) => {
    expect(await ways.check(way, way === 'ftm' ? ftmBase() : base())).toEqual([]);
  });
});

/** The rules FtM cannot express (each row's `na` says why): they get no FtM test, and the list is held here so none drops out unnoticed. */
const FTM_CANNOT_EXPRESS = [
  'a quote not in the held text',
  'a quote retyped with straight apostrophes',
  'a quote not in the excerpt',
  'a quote missing where the model wants quotes',
  'an unknown relation type',
  'a property of the wrong type',
  'a reserved property name',
  'a required property missing',
  'a reference naming no entity',
  'an alias repeating the name',
  'a precision that contradicts the date',
  'a date credited to a source the item does not cite',
  'a misspelt field',
];

it('FtM cannot express exactly the expected rules, each with its reason', () => {
  const na = RULES.flatMap((row) => ('na' in row.ftm ? [[row.rule, row.ftm.na] as const] : []));
  expect(na.map(([rule]) => rule)).toEqual(FTM_CANNOT_EXPRESS);
  for (const [, why] of na) expect(why).not.toBe('');
});

describe.each(RULES.map((row) => [row.rule, row] as const))('%s', (_rule, row) => {
  it('yaml: refused with its id, field and message', async () => {
    expectIssue(await referenceOf(row), row.says);
  });

  for (const way of ['json', 'ndjson', 'csv', 'admin'] as const) {
    const otherwise = row.otherwise?.[way as 'csv' | 'admin'];
    if (!otherwise) {
      it(`${way}: the same issues as yaml`, async () => {
        const issues = await ways.check(way, broken(row));
        expect(agreed(issues)).toEqual(agreed(await referenceOf(row)));
      });
    } else if ('accepts' in otherwise) {
      it(`${way}: accepted (${otherwise.accepts})`, async () => {
        expect(await ways.check(way, broken(row))).toEqual([]);
      });
    } else {
      it(`${way}: in its own words (${otherwise.why})`, async () => {
        expectIssue(await ways.check(way, broken(row)), otherwise.says);
      });
    }
  }

  const ftm = row.ftm;
  if (!('na' in ftm)) {
    it(`ftm: ${ftm.says ? `in its own words (${ftm.why})` : 'the same id, field and message'}`, async () => {
      expectIssue(await ways.check('ftm', brokenFtm(ftm)), ftm.says ?? row.says);
    });
  }
});
