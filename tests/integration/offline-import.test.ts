// The initial load through Neo4j's offline importer (ingest/bulk/offline.ts) stores, element by element, what the
// transactional importer stores from the same generated files, and refuses bad files with the same errors, writing nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetFiles, generateDataset } from '../../bench/synthetic/generate.ts';
import { freePort } from '../../bench/lib/net.ts';
import type { Database } from '../../db/database.ts';
import { embeddedStoreExists } from '../../db/embedded-neo4j.ts';
import type { EmbeddedOptions } from '../../db/config.ts';
import { importBulk } from '../../ingest/bulk/importer.ts';
import { emptyForOffline, importOffline } from '../../ingest/bulk/offline.ts';
import { DatasetError } from '../../ingest/errors.ts';
import { applySchema } from '../../ingest/schema.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { expectAllInDataset, resetDatabase, testDatabase } from '../support/db.ts';

const SLOW = { timeout: 400_000 };

/** Every entity and source, every relationship between entities: labels, properties and their Cypher types. */
async function elements(db: Database) {
  const nodes = await db.read(
    `MATCH (n) WHERE n:Entity OR n:Source
     RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, [k IN keys(n) | k + ': ' + valueType(n[k])] AS types ORDER BY id`,
  );
  const relationships = await db.read(
    `MATCH (a:Entity)-[r]->(b:Entity)
     RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props, [k IN keys(r) | k + ': ' + valueType(r[k])] AS types ORDER BY id`,
  );
  const sorted = (rows: Record<string, unknown>[]): Record<string, unknown>[] =>
    rows.map((row) => ({ ...row, ...(row.labels ? { labels: [...(row.labels as string[])].sort() } : {}), types: [...(row.types as string[])].sort() }));
  return { nodes: sorted(nodes.rows), relationships: sorted(relationships.rows) };
}

async function embeddedOptions(dataDir: string): Promise<EmbeddedOptions> {
  return { boltHost: '127.0.0.1', boltPort: await freePort(), dataDir, heap: '512m', pageCache: '128m', txMemory: '128m', txMemoryGlobal: '256m', txTimeoutSeconds: 60 };
}

describe('initial load through the offline importer', () => {
  const shared = testDatabase();
  let dir: string;
  let files: string[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-offline-test-'));
    const manifest = await generateDataset({ nodes: 1500, seed: 11, outDir: path.join(dir, 'data'), formats: ['csv'] });
    files = datasetFiles(path.join(dir, 'data'), manifest, 'csv');
  });

  afterAll(async () => {
    await resetDatabase(shared);
    await shared.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'stores the same labels, properties (evidence and search text included) and relationships as the transactional path',
    async () => {
      await resetDatabase(shared);
      await applySchema(shared, civicSpaceModel());
      const transactional = await importBulk(shared, files);
      const expected = await elements(shared);
      await expectAllInDataset(shared, 'synthetic-1500-seed11');

      const dataDir = path.join(dir, 'offline-store');
      const lines: string[] = [];
      const offline = await importOffline(files, { embedded: await embeddedOptions(dataDir), target: 'fresh', importerHeap: '512m', keepRunning: true, log: (l) => lines.push(l) });
      try {
        const db = offline.running!.db;
        const actual = await elements(db);
        // The dataset is a column of the importer's CSV: on every element, its record for the catalog beside them.
        expect(offline.dataset).toBe('synthetic-1500-seed11');
        await expectAllInDataset(db, 'synthetic-1500-seed11');
        const records = async (d: Database) => (await d.read('MATCH (r:Dataset) RETURN properties(r) AS record')).rows;
        expect(await records(db)).toEqual(await records(shared));
        expect(offline.records.entities).toBe(transactional.counts.entities.rows);
        expect(offline.records.relations).toBe(transactional.counts.relations.rows);
        expect(actual.nodes.length).toBe(expected.nodes.length);
        expect(actual.relationships.length).toBe(expected.relationships.length);
        // Element by element, so a difference names the element.
        for (let i = 0; i < expected.nodes.length; i++) expect(actual.nodes[i], String(expected.nodes[i]!.id)).toEqual(expected.nodes[i]);
        for (let i = 0; i < expected.relationships.length; i++) expect(actual.relationships[i], String(expected.relationships[i]!.id)).toEqual(expected.relationships[i]);
        // The model's schema is in place: full-text search answers at once.
        const person = expected.nodes.find((n) => (n.labels as string[]).includes('Person'))!.props as { name: string };
        const hit = await db.read(`CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node RETURN count(node) AS n`, { q: person.name.split(' ')[0] });
        expect(Number(hit.rows[0]!.n)).toBeGreaterThan(0);
        // A store holding our schema and no node qualifies for the offline path again; this one does not.
        expect(await emptyForOffline(db, civicSpaceModel())).toMatchObject({ empty: false });
        // Each phase said what it was doing.
        for (const phase of ['phase 1/4', 'phase 2/4', 'phase 3/4', 'phase 4/4']) expect(lines.some((l) => l.includes(phase)), phase).toBe(true);
      } finally {
        await offline.running!.db.close();
        await offline.running!.neo4j.stop();
      }
    },
    SLOW.timeout,
  );

  it(
    'refuses bad files with the same problems as the transactional path, and writes no store',
    async () => {
      const bad = path.join(dir, 'bad');
      const nodes = readFileSync(files[0]!, 'utf8').split('\n');
      // An entity of an unknown label, and a relationship to an id that nowhere exists.
      nodes.splice(nodes.length - 1, 0, nodes[nodes.length - 2]!.replace(/^([^,]*),([^,]*),/, 'bad/1,Spaceship,'));
      const rels = readFileSync(files[1]!, 'utf8').split('\n');
      rels.splice(2, 0, rels[1]!.replace(/^([^,]*),/, 'nobody/404,'));
      writeFileSync(path.join(dir, 'bad-nodes.csv'), nodes.join('\n'));
      writeFileSync(path.join(dir, 'bad-rels.csv'), rels.join('\n'));
      const badFiles = [path.join(dir, 'bad-nodes.csv'), path.join(dir, 'bad-rels.csv')];

      await resetDatabase(shared);
      const transactional = await importBulk(shared, badFiles).catch((e: unknown) => e);
      expect(transactional).toBeInstanceOf(DatasetError);
      const offline = await importOffline(badFiles, { embedded: await embeddedOptions(bad), target: 'fresh', importerHeap: '512m' }).catch((e: unknown) => e);
      expect(offline).toBeInstanceOf(DatasetError);
      expect((offline as DatasetError).issues).toEqual((transactional as DatasetError).issues);
      expect(embeddedStoreExists(bad)).toBe(false);
      expect(existsSync(path.join(bad, 'password'))).toBe(false);
    },
    SLOW.timeout,
  );
});
