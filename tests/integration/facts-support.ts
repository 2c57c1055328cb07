// Shared by the tests of recording and changing facts through the API: two small datasets, a field report to quote
// from, a fact's request body, an authenticated JSON call, and the counts of what a write adds.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { Database } from '../../db/database.ts';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { applySchema } from '../../ingest/schema.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { resetDatabase } from '../support/db.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';
import type { tempDir } from '../support/temp-dir.ts';

export const REPORT = 'On 3 March 2024 Anna Example accused Bruno Example of treason. Omega Union was dissolved. Anna Example accused Bruno Example again.';
export const QUOTE = 'Anna Example accused Bruno Example of treason';
export const SECOND = 'Anna Example accused Bruno Example again';

/** A dataset with one source (an excerpt), a person `person/<who lowercased>` and a club. */
export function smallDataset(id: string, title: string, who: string) {
  const line = `${who} is a member of the club.`;
  return fixtureDataset(id, title, {
    sources: [{ id: `src/${id.replace('/', '-')}-notes`, title: `${title} notes`, publisher: 'Press', url: 'https://example.org/n', language: 'en', excerpt: [line] }],
    entities: [
      { id: `person/${who.toLowerCase()}`, type: 'Person', name: `${who} Example`, evidence: [{ source: `src/${id.replace('/', '-')}-notes`, quote: line }] },
      { id: `org/${id.replace('/', '-')}-club`, type: 'Organization', name: `${title} Club`, evidence: [{ source: `src/${id.replace('/', '-')}-notes`, quote: line }] },
    ],
    relations: [],
  });
}

/** An empty database with the schema and datasets `a` (Anna) and `b` (Zed) loaded from files in `dir`. */
export async function loadTwoDatasets(db: Database, dir: ReturnType<typeof tempDir>, a: string, b: string): Promise<void> {
  await resetDatabase(db);
  await applySchema(db, civicSpaceModel());
  for (const [name, data] of [
    ['a.yaml', smallDataset(a, 'Dataset A', 'Anna')],
    ['b.yaml', smallDataset(b, 'Dataset B', 'Zed')],
  ] as const) {
    writeFileSync(dir.join(name), stringify(data));
    await loadDatasetFile(db, dir.join(name), { schema: false });
  }
}

export interface Answer {
  status: number;
  body: any;
}

export async function call(base: { url: string }, token: string | undefined, method: string, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(base.url + path, {
    method,
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  return { status: response.status, body: await response.json() };
}

export const enc = encodeURIComponent;

export async function counts(db: Database): Promise<Record<string, number>> {
  const { rows } = await db.read('RETURN COUNT { (:Entity) } AS entities, COUNT { (:Entity)-[]->(:Entity) } AS relations, COUNT { (:Source) } AS sources, COUNT { (:Revision) } AS revisions');
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

/** An ACCUSED fact from person/anna to a new Bruno Example, quoting `quote` of the report (source `source`) at its first place. */
export function factBody(source: string, quote: string, extra: Record<string, unknown> = {}) {
  const start = REPORT.indexOf(quote);
  return { type: 'ACCUSED', from: { id: 'person/anna' }, to: { new: { type: 'Person', name: 'Bruno Example' } }, properties: { words: 'treason' }, evidence: { source, quote, start, end: start + quote.length }, ...extra };
}
