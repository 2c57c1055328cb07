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
  expect(issues).toContainEqual(expect.objectContaining({ id: says.id, ...(says.field ? { field: says.field } : {}), message: expect.stringMatching(says.message) }));
}

describe('the valid dataset', () => {
  it.each(WAYS)('goes in by %s', async (way) => {
    expect(await ways.check(way, way === 'ftm' ? ftmBase() : base())).toEqual([]);
  });
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
  if ('na' in ftm) {
    it.skip(`ftm: cannot be written (${ftm.na})`, () => {});
  } else {
    it(`ftm: ${ftm.says ? `in its own words (${ftm.why})` : 'the same id, field and message'}`, async () => {
      expectIssue(await ways.check('ftm', brokenFtm(ftm)), ftm.says ?? row.says);
    });
  }
});
