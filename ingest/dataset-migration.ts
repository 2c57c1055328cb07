// Our stores written before datasets existed: every entity, source and relationship gets the dataset it belongs
// to (STORED.dataset), once. Run by server/prepare.ts on our own database only (never on one someone else built).
import type { Database } from '../db/database.ts';
import { DATASET_LABEL, ENTITY_LABEL, SOURCE_LABEL, STORED } from '../model/index.ts';
import type { DatasetRecord } from './datasets.ts';
import { datasetKinds } from './synthetic-guard.ts';

/** Where elements go when the store does not say which dataset they are (none, or several, Dataset nodes). */
export const IMPORTED_DATASET = { id: 'imported', title: 'Imported before datasets' } as const;

/** Elements set per transaction: a million elements commit in a hundred transactions of bounded memory. */
const BATCH = 10_000;

export interface DatasetMigration {
  /** The dataset the elements without one were given. */
  dataset: string;
  /** Its Dataset node was created (`imported`), rather than the only one the store had. */
  created: boolean;
  entities: number;
  sources: number;
  relationships: number;
}

/**
 * Whether entities or sources lack a dataset: entities counted through the dataset index against Neo4j's
 * count store (no scan of a large graph at every start), sources scanned (they are few). Relationships
 * are not looked at: the migration gives them their dataset before the entities, so an untagged
 * relationship always comes with an untagged entity until the migration has finished.
 */
async function untagged(db: Database): Promise<boolean> {
  const { rows } = await db.read(
    `RETURN COUNT { (n:${ENTITY_LABEL}) } AS entities,
            COUNT { MATCH (n:${ENTITY_LABEL}) WHERE n.${STORED.dataset} IS NOT NULL } AS tagged,
            COUNT { MATCH (s:${SOURCE_LABEL}) WHERE s.${STORED.dataset} IS NULL } AS sources`,
  );
  const row = rows[0] ?? {};
  return Number(row.entities ?? 0) > Number(row.tagged ?? 0) || Number(row.sources ?? 0) > 0;
}

/** The dataset of the elements that have none: the only Dataset node's, else `imported` (created if need be). */
async function target(db: Database): Promise<{ id: string; created: boolean; only: boolean }> {
  const { rows } = await db.read(`MATCH (d:${DATASET_LABEL}) WHERE d.${STORED.id} IS NOT NULL RETURN d.${STORED.id} AS id LIMIT 2`);
  if (rows.length === 1) return { id: String(rows[0]!.id), created: false, only: true };
  const kinds = await datasetKinds(db);
  const record: DatasetRecord = { ...IMPORTED_DATASET, synthetic: kinds.synthetic && !kinds.real };
  const written = await db.write(
    `OPTIONAL MATCH (existing:${DATASET_LABEL} {${STORED.id}: $dataset.id}) WITH existing IS NULL AS fresh
     MERGE (d:${DATASET_LABEL} {${STORED.id}: $dataset.id}) ON CREATE SET d.title = $dataset.title, d.${STORED.synthetic} = $dataset.synthetic
     RETURN fresh`,
    { dataset: record },
  );
  return { id: record.id, created: written.rows[0]?.fresh === true, only: false };
}

/**
 * Gives every entity, source and relationship without a dataset the dataset it belongs to: the id of the
 * store's only Dataset node when it has exactly one, else `imported` (a Dataset node it creates). Batched
 * (`CALL { ... } IN TRANSACTIONS`), relationships first and entities last, so an interrupted run is found
 * again and finished at the next start. Idempotent: a store where everything has its dataset costs two
 * counts and is not written. Answers what it did, undefined when there was nothing to do.
 */
export async function migrateDatasets(db: Database, options: { log?: (line: string) => void } = {}): Promise<DatasetMigration | undefined> {
  if (!(await untagged(db))) return undefined;
  const { id, created, only } = await target(db);
  const tag = async (match: string, variable: string): Promise<number> => {
    const { rows } = await db.writeInTransactions(
      `${match} WHERE ${variable}.${STORED.dataset} IS NULL
       CALL (${variable}) { SET ${variable}.${STORED.dataset} = $dataset } IN TRANSACTIONS OF ${BATCH} ROWS
       RETURN count(*) AS n`,
      { dataset: id },
    );
    return Number(rows[0]?.n ?? 0);
  };
  const relationships = await tag(`MATCH (:${ENTITY_LABEL})-[r]->(:${ENTITY_LABEL})`, 'r');
  const sources = await tag(`MATCH (s:${SOURCE_LABEL})`, 's');
  const entities = await tag(`MATCH (n:${ENTITY_LABEL})`, 'n');
  const migration = { dataset: id, created, entities, sources, relationships };
  options.log?.(
    `database: ${entities} entities, ${sources} sources and ${relationships} relationships stored before datasets now belong to the dataset '${id}'` +
      (only ? ' (the only dataset the store recorded)' : ` (the store recorded ${created ? 'no dataset or several: created' : 'several datasets'})`),
  );
  return migration;
}
