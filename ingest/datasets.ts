// The dataset every element belongs to (STORED.dataset, the unit of access): which one an import writes, its
// (:Dataset) record for the catalog, and the look-up that finds ids already held by another dataset, which
// every way in refuses (the rule and its words: rules/datasets.ts).
import path from 'node:path';
import { DATASET_LABEL, ENTITY_LABEL, SOURCE_LABEL, STORED } from '../model/index.ts';
import { slug } from './bulk/admin-names.ts';
import type { ItemKind } from './rules.ts';

/** What the catalog lists of a dataset: its (:Dataset) node. */
export interface DatasetRecord {
  id: string;
  title: string;
  /** Generated data (the synthetic generator's); the catalog says so. */
  synthetic: boolean;
}

/** Extensions a bulk file's name may end with (neo4j-admin's compressed CSV, FtM's streams, NDJSON). */
const FILE_EXTENSIONS = /(?:\.(?:csv|tsv|ndjson|jsonl|json|ijson|ftm|gz|zip|ya?ml))+$/i;

/**
 * The dataset id an import takes from a file or folder name when none is given: its base name without
 * extensions, as a slug (`People 2024.csv.gz` -> `people-2024`); `imported` when nothing is left.
 */
export function datasetIdFromName(name: string): string {
  const base = path.basename(path.resolve(name)).replace(FILE_EXTENSIONS, '');
  return slug(base) || 'imported';
}

/** Runs one read in whatever holds the connection: a transaction of the writer, or the database. */
export type RunCypher = (cypher: string, params: Record<string, unknown>) => Promise<Record<string, unknown>[]>;

/** An element the database holds under an id the input uses, in another dataset. */
export interface Elsewhere {
  id: string;
  kind: ItemKind;
  dataset: string;
}

/** The ids an input writes, by kind (relations by type: a relationship is found by its type's id index). */
export interface ElementIds {
  sources?: readonly string[];
  entities?: readonly string[];
  relations?: ReadonlyMap<string, readonly string[]>;
}

/** A relationship type as it is written into Cypher (only declared names, plain identifiers, reach here). */
function typeIdentifier(type: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(type)) throw new Error(`not a relationship type: ${JSON.stringify(type)}`);
  return type;
}

/**
 * Whether the database holds a dataset other than `dataset` (a Dataset node names every dataset written since
 * datasets exist): when it does not, no id can belong to another dataset, and the look-ups are skipped.
 */
export async function otherDatasetsExist(run: RunCypher, dataset: string): Promise<boolean> {
  const rows = await run(`MATCH (d:${DATASET_LABEL}) WHERE d.${STORED.id} <> $dataset RETURN d.${STORED.id} AS id LIMIT 1`, { dataset });
  return rows.length > 0;
}

/**
 * The elements among `ids` that the database holds in another dataset than `dataset`: index seeks by id
 * (entities and sources through their uniqueness constraints, relationships through their type's id index).
 * An element stored before datasets (no dataset yet) belongs to none and is not reported.
 */
export async function elementsElsewhere(run: RunCypher, dataset: string, ids: ElementIds): Promise<Elsewhere[]> {
  const found: Elsewhere[] = [];
  const nodes = async (kind: ItemKind, label: string, list: readonly string[] | undefined) => {
    if (!list?.length) return;
    const rows = await run(
      `UNWIND $ids AS id MATCH (n:${label} {${STORED.id}: id}) WHERE n.${STORED.dataset} <> $dataset RETURN id, n.${STORED.dataset} AS dataset`,
      { ids: list, dataset },
    );
    for (const row of rows) found.push({ id: String(row.id), kind, dataset: String(row.dataset) });
  };
  await nodes('source', SOURCE_LABEL, ids.sources);
  await nodes('entity', ENTITY_LABEL, ids.entities);
  for (const [type, list] of ids.relations ?? []) {
    if (!list.length) continue;
    const rows = await run(
      `UNWIND $ids AS id MATCH ()-[r:${typeIdentifier(type)} {${STORED.id}: id}]->() WHERE r.${STORED.dataset} <> $dataset RETURN DISTINCT id, r.${STORED.dataset} AS dataset`,
      { ids: list, dataset },
    );
    for (const row of rows) found.push({ id: String(row.id), kind: 'relation', dataset: String(row.dataset) });
  }
  return found;
}

/**
 * Cypher that records a dataset ($dataset: DatasetRecord) for the catalog without a journal (the offline
 * importer's initial load, which has nothing to roll back to). A title given by hand ($title) replaces the
 * one stored; otherwise an existing record keeps its own.
 */
export const WRITE_DATASET_RECORD =
  `MERGE (d:${DATASET_LABEL} {${STORED.id}: $dataset.id}) ON CREATE SET d.title = $dataset.title, d.${STORED.synthetic} = $dataset.synthetic ` +
  'SET d.title = coalesce($title, d.title)';
