// Shared by the ingest tests: a checksum of everything in the database, broken copies of the Mali dataset, and "import a broken file, expect a refusal, compare checksums".
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { expect, inject } from 'vitest';
import { projectRoot } from '../../db/config.ts';
import type { Database } from '../../db/database.ts';
import { importAdminFolder } from '../../ingest/bulk/admin.ts';
import type { AdminOptions } from '../../ingest/bulk/admin-model.ts';
import { DEFAULT_DATASET } from '../../ingest/dataset/loader.ts';
import { DatasetError, type DatasetIssue } from '../../ingest/errors.ts';
import { parseDataset } from '../../ingest/dataset/validate.ts';
import { databaseChecksum as everythingChecksum } from './api-support.ts';

/**
 * Every node (element id, labels, properties), every relationship (element id, type, ends,
 * properties), and the schema. With `elementIds: false` it compares content only, for a
 * database rebuilt from scratch.
 */
export async function databaseChecksum(db: Database, options: { elementIds?: boolean } = {}): Promise<string> {
  const withIds = options.elementIds !== false;
  const nodes = await db.read(
    `MATCH (n) WITH n ORDER BY coalesce(n.id, ''), elementId(n)
     RETURN collect([${withIds ? 'elementId(n), ' : ''}COLLECT { UNWIND labels(n) AS l RETURN l ORDER BY l }, properties(n)]) AS all`,
  );
  const rels = await db.read(
    `MATCH (a)-[r]->(b) WITH a, r, b ORDER BY coalesce(r.id, ''), elementId(r)
     RETURN collect([${withIds ? 'elementId(r), elementId(a), elementId(b), ' : ''}type(r), a.id, b.id, properties(r)]) AS all`,
  );
  const indexes = await db.read('SHOW INDEXES YIELD name, type, labelsOrTypes, properties ORDER BY name RETURN collect([name, type, labelsOrTypes, properties]) AS all');
  const constraints = await db.read('SHOW CONSTRAINTS YIELD name ORDER BY name RETURN collect(name) AS all');
  return createHash('sha256')
    .update(canonicalJson([nodes.rows, rels.rows, indexes.rows, constraints.rows]))
    .digest('hex');
}

/**
 * JSON with map keys sorted: Neo4j returns a node's properties in store order, which can differ
 * for the same content after a rewrite (it depends on which property records were free), so
 * the checksum must not depend on it.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

export const MALI_TEXT_FILE = path.join(path.dirname(DEFAULT_DATASET), 'sources', 'hrw-2024-03-15-mali-deepens-crackdown-on-civil-society.txt');

/** The Mali dataset as plain data, with its text file made absolute so a copy can live anywhere. */
export function maliDataset(): any {
  const data = parseDataset(DEFAULT_DATASET, readFileSync(DEFAULT_DATASET, 'utf8')) as any;
  for (const source of data.sources) if (source.textFile) source.textFile = path.resolve(path.dirname(DEFAULT_DATASET), source.textFile);
  return data;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-seed-'));
let counter = 0;

/** Writes a dataset (data or raw text) to a fresh file and returns its path. */
export function writeDataset(data: unknown, extension: 'yaml' | 'json' = 'yaml'): string {
  const file = path.join(tmp, `dataset-${++counter}.${extension}`);
  writeFileSync(file, typeof data === 'string' ? data : extension === 'json' ? JSON.stringify(data, null, 2) : stringify(data));
  return file;
}

export function entity(data: any, id: string): any {
  const found = data.entities.find((e: { id: string }) => e.id === id);
  if (!found) throw new Error(`no entity ${id}`);
  return found;
}

export function relation(data: any, id: string): any {
  const found = data.relations.find((r: { id: string }) => r.id === id);
  if (!found) throw new Error(`no relation ${id}`);
  return found;
}

/**
 * Runs an import that must be refused: expects a DatasetError (never a stack trace in its message)
 * and an unchanged database, by `checksum` (default: databaseChecksum) taken before unless given.
 */
export async function expectRefused<T = string>(
  db: Database,
  load: () => Promise<unknown>,
  options: { before?: T; checksum?: (db: Database) => Promise<T> } = {},
): Promise<DatasetError> {
  const checksum = options.checksum ?? ((d: Database) => databaseChecksum(d) as Promise<T>);
  const before = options.before ?? (await checksum(db));
  const error = await load().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the import must be refused').toBeInstanceOf(DatasetError);
  expect((error as DatasetError).message).not.toMatch(/\bat [\w.<>]+ \(/);
  expect(await checksum(db), 'the database must be unchanged').toEqual(before);
  return error as DatasetError;
}

/** A neo4j-admin folder of these files, whose import must be refused leaving everything as it was (tokens too); its issues. */
export async function refusedAdminFolder(db: Database, files: Record<string, string>, options: AdminOptions): Promise<DatasetIssue[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'admin-refused-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return (await expectRefused(db, () => importAdminFolder(db, dir, options), { checksum: everythingChecksum })).issues;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface IngestCommand {
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Its exit code; null when it was killed. */
  exited: Promise<number | null>;
  kill(): void;
}

/** Runs `npm run seed` / `npm run import` as a child process against the test run's Neo4j (tests kill it midway). */
export function startIngestCommand(script: 'ingest/seed-cli.ts' | 'ingest/import-cli.ts', args: string[]): IngestCommand {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: projectRoot,
    env: { ...process.env, NEO4J_URI: inject('neo4jUri') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return {
    output: () => output,
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    kill: () => child.kill('SIGKILL'),
  };
}

export { FIXTURE_TEXT, fixtureDataset } from '../support/fixture-dataset.ts';
