// Makes a database ready to explore: applies the schema, and loads the seed dataset when it is empty.
import type { Database } from '../db/database.ts';
import { builtQuery } from '../db/built-queries.ts';
import { DEFAULT_DATASET, loadDatasetFile } from '../ingest/dataset/loader.ts';
import { storedModel } from '../ingest/model-store.ts';
import { applySchema } from '../ingest/schema.ts';
import { migrateDatasets } from '../ingest/dataset-migration.ts';

export interface PrepareOptions {
  seedWhenEmpty: boolean;
  log?: (line: string) => void;
  /** The dataset to load into an empty database (default: the bundled Mali dataset). */
  dataset?: string;
}

export type PrepareOutcome = 'seeded' | 'ours' | 'empty' | 'foreign';

/**
 * Three cases. A database holding our entities gets the (idempotent) schema, and its elements stored
 * before datasets existed get the dataset they belong to (once: ingest/dataset-migration.ts). An empty one
 * (nothing but, perhaps, source records) gets the schema and the seed dataset. A database that
 * holds someone else's graph is left exactly as it is: our full-text index over :Entity would
 * make search blind to its nodes, and seeding would mix our data into theirs.
 */
export async function prepareDatabase(db: Database, options: PrepareOptions): Promise<PrepareOutcome> {
  const log = options.log ?? (() => {});
  // Label counts come from Neo4j's count store: instant even on a large graph.
  const { rows } = await db.read(builtQuery('database-counts'));
  const nodes = Number(rows[0]?.nodes ?? 0);
  const entities = Number(rows[0]?.entities ?? 0);
  const sources = Number(rows[0]?.records ?? 0);
  if (entities > 0) {
    // The model of what is stored: civic space plus the extensions its datasets declared.
    await applySchema(db, await storedModel(db));
    log(`database holds ${entities} entities; schema applied`);
    // Only here: a database someone else built (below) is never written to.
    await migrateDatasets(db, { log });
    return 'ours';
  }
  if (nodes - sources > 0) {
    log(`database holds ${nodes} nodes of another graph; leaving it as it is (no schema, no seed)`);
    return 'foreign';
  }
  await applySchema(db, await storedModel(db));
  if (!options.seedWhenEmpty) {
    log('database is empty; schema applied, seeding is off (SEED_WHEN_EMPTY=false)');
    return 'empty';
  }
  // The loader applies the schema of the dataset's own model (its extension's types get their indexes).
  await loadDatasetFile(db, options.dataset ?? DEFAULT_DATASET, { log });
  return 'seeded';
}
