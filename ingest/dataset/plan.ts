// Turns a validated dataset into the Cypher writes that store it (rows from ingest/rows.ts), ready to run in one transaction.
import path from 'node:path';
import { DATASET_LABEL, ENTITY_LABEL, STORED, SOURCE_LABEL } from '../../model/index.ts';
import { extensionBeyond, extensionRecord, WRITE_EXTENSION } from '../model-store.ts';
import { allDateKeys, entityRow, relationRow, setDates, sourceRow } from '../rows.ts';
import type { ElementIds } from '../datasets.ts';
import type { ValidDataset } from './validate.ts';

export interface PlannedStatement {
  /** What the statement writes, for logs. */
  description: string;
  cypher: string;
  params: Record<string, unknown>;
  /** How many rows the statement must report as `written`; a smaller number means an endpoint was missing. */
  expectWritten?: number;
}

/** What the loader checks before its first write: that no id of the file is an element of another dataset. */
export interface DatasetCheck {
  /** The dataset the file is (its metadata.id): every element written carries it. */
  id: string;
  file: string;
  ids: ElementIds;
  /** Where each id sits in the file (`entities[3]`), for the issue that names it. */
  places: ReadonlyMap<string, string>;
}

export interface LoadPlan {
  statements: PlannedStatement[];
  check: DatasetCheck;
  counts: { sources: number; entities: number; relations: number; byLabel: Record<string, number>; byType: Record<string, number> };
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/**
 * MERGE on id and `SET x = props` replace every property, so loading the same file twice leaves
 * the database identical, and an edited file leaves no stale property behind. Labels and types
 * travel as parameters ($(...)); validation has checked them against the model.
 */
export function planDataset(dataset: ValidDataset): LoadPlan {
  const statements: PlannedStatement[] = [];
  const { model } = dataset;
  const E = ENTITY_LABEL;

  // Every element carries the dataset it belongs to: the file's id.
  const datasetId = dataset.metadata.id;
  // A synthetic dataset's sources say so in the database, which is what keeps real data apart from it.
  const synthetic = dataset.metadata.synthetic === true;
  const sourceRows = dataset.sources.map((source) => {
    const row = sourceRow(source, datasetId);
    return synthetic ? { ...row, props: { ...row.props, [STORED.synthetic]: true } } : row;
  });
  statements.push({
    description: `${sourceRows.length} sources`,
    cypher: `UNWIND $rows AS row MERGE (s:${SOURCE_LABEL} {id: row.id}) SET s = row.props, ${setDates('s', ['published'])} RETURN count(s) AS written`,
    params: { rows: sourceRows },
    expectWritten: sourceRows.length,
  });

  const labels = model.labels.map((l) => l.label);
  const nodeRows = dataset.entities.map((e) => ({
    ...entityRow(e, model, datasetId),
    label: e.input.type,
    // A node whose type changed in the file loses its old type label.
    otherLabels: labels.filter((l) => l !== e.input.type),
  }));
  // Dynamic labels and types ($(...), Neo4j 5.26) keep the load to four statements: on a busy
  // server, compiling one statement per label and type cost more than the writes themselves.
  statements.push({
    description: `${nodeRows.length} entities`,
    cypher:
      `UNWIND $rows AS row MERGE (n:${E} {id: row.id}) SET n = row.props, ${setDates('n', allDateKeys(model.labels))} ` +
      'SET n:$(row.label) REMOVE n:$(row.otherLabels) RETURN count(n) AS written',
    params: { rows: nodeRows },
    expectWritten: nodeRows.length,
  });

  if (dataset.relations.length > 0) {
    // A relation whose type or ends changed in the file: its old relationship (same id) goes
    // first. Old relationships are found from the dataset's entities, through their own edges;
    // only this dataset's (or one stored before datasets): another dataset's is never touched.
    const wanted: Record<string, { type: string; from: string; to: string }> = {};
    for (const r of dataset.relations) wanted[r.input.id] = { type: r.input.type, from: r.input.from, to: r.input.to };
    statements.push({
      description: 'relationships whose id now names other ends or another type',
      cypher:
        `UNWIND $entityIds AS entityId MATCH (a:${E} {id: entityId})-[old]->(b) ` +
        'WITH a, old, b, $wanted[old.id] AS want ' +
        `WHERE want IS NOT NULL AND coalesce(old.${STORED.dataset}, $dataset) = $dataset AND (type(old) <> want.type OR a.id <> want.from OR b.id <> want.to) DELETE old`,
      params: { entityIds: dataset.entities.map((e) => e.input.id), wanted, dataset: datasetId },
    });
    const relationshipRows = dataset.relations.map((r) => ({ ...relationRow(r, model, datasetId), type: r.input.type }));
    statements.push({
      description: `${relationshipRows.length} relationships`,
      cypher:
        `UNWIND $rows AS row MATCH (a:${E} {id: row.from}) MATCH (b:${E} {id: row.to}) ` +
        `MERGE (a)-[r:$(row.type) {id: row.id}]->(b) SET r = row.props, ${setDates('r', allDateKeys(model.relations))} RETURN count(r) AS written`,
      params: { rows: relationshipRows },
      expectWritten: relationshipRows.length,
    });
  }

  // What the dataset is, for the page to say which one is open (the same transaction as its data).
  const { id, title, description } = dataset.metadata;
  statements.push({
    description: 'the dataset record',
    cypher: `MERGE (d:${DATASET_LABEL} {id: $dataset.id}) SET d = $dataset RETURN count(d) AS written`,
    params: { dataset: { id, title, ...(description ? { description } : {}), synthetic: dataset.metadata.synthetic === true } },
    expectWritten: 1,
  });

  // The model extension goes in the same transaction as the data it describes.
  if (dataset.extension) {
    statements.push({ description: 'the model extension', cypher: WRITE_EXTENSION, params: { extension: extensionRecord(dataset.metadata.id, path.basename(dataset.file), extensionBeyond(dataset.model)) } });
  }

  const places = new Map<string, string>();
  const relationIds = new Map<string, string[]>();
  for (const [i, source] of dataset.sources.entries()) places.set(source.input.id, `sources[${i}]`);
  for (const [i, entity] of dataset.entities.entries()) places.set(entity.input.id, `entities[${i}]`);
  dataset.relations.forEach((relation, i) => {
    places.set(relation.input.id, `relations[${i}]`);
    relationIds.set(relation.input.type, [...(relationIds.get(relation.input.type) ?? []), relation.input.id]);
  });
  return {
    statements,
    check: {
      id: datasetId,
      file: dataset.file,
      ids: { sources: dataset.sources.map((s) => s.input.id), entities: dataset.entities.map((e) => e.input.id), relations: relationIds },
      places,
    },
    counts: {
      sources: sourceRows.length,
      entities: dataset.entities.length,
      relations: dataset.relations.length,
      byLabel: countBy(dataset.entities, (e) => e.input.type),
      byType: countBy(dataset.relations, (r) => r.input.type),
    },
  };
}
