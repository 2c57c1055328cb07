// Turns a validated dataset into the Cypher writes that store it (storage contract), ready to run in one transaction.
import { MODEL } from '../../model/index.ts';
import { EVIDENCE_PROPERTIES } from '../../db/mapping.ts';
import type { ResolvedDate, ResolvedEvidence, ValidDataset } from './validate.ts';

export interface PlannedStatement {
  /** What the statement writes, for logs. */
  description: string;
  cypher: string;
  params: Record<string, unknown>;
  /** How many rows the statement must report as `written`; a smaller number means an endpoint was missing. */
  expectWritten?: number;
}

export interface LoadPlan {
  statements: PlannedStatement[];
  counts: { sources: number; entities: number; relations: number; byLabel: Record<string, number>; byType: Record<string, number> };
}

type Props = Record<string, unknown>;

function evidenceProps(evidence: ResolvedEvidence[]): Props {
  return {
    [EVIDENCE_PROPERTIES.sources]: evidence.map((e) => e.source),
    [EVIDENCE_PROPERTIES.quotes]: evidence.map((e) => e.quote),
    [EVIDENCE_PROPERTIES.starts]: evidence.map((e) => e.start),
    [EVIDENCE_PROPERTIES.ends]: evidence.map((e) => e.end),
  };
}

/** Dates travel as 'YYYY-MM-DD' strings and become Neo4j DATEs in the statement (only db.ts may build driver values). */
function dateProps(date: ResolvedDate | undefined): Props {
  if (!date) return {};
  return {
    date: date.date,
    datePrecision: date.precision,
    dateInferred: date.inferred,
    ...(date.endDate ? { endDate: date.endDate } : {}),
    ...(date.source ? { dateSource: date.source } : {}),
    ...(date.note ? { dateNote: date.note } : {}),
  };
}

/**
 * `SET x.k = date(x.k)` for the contract's date fields and every property declared as a date by
 * any label (or relation type). One statement serves all labels, which is sound because a
 * property name has one type across the model (tests/unit/model.test.ts checks it).
 */
function dateConversions(variable: string, declarations: readonly { properties: Record<string, { type: string }> }[]): string {
  const declared = declarations.flatMap((d) => Object.entries(d.properties).filter(([, p]) => p.type === 'date').map(([k]) => k));
  const keys = [...new Set(['date', 'endDate', ...declared])];
  return 'SET ' + keys.map((k) => `${variable}.${k} = date(${variable}.${k})`).join(', ');
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/**
 * MERGE on id and `SET x = props` replace every property, so loading the same file twice leaves
 * the database identical, and an edited file leaves no stale property behind. Labels and types
 * travel as parameters ($(...)); validation has checked them against the declaration.
 */
export function planDataset(dataset: ValidDataset): LoadPlan {
  const statements: PlannedStatement[] = [];
  const E = MODEL.entityLabel;
  const S = MODEL.sourceLabel;

  const sourceRows = dataset.sources.map((s) => ({
    id: s.input.id,
    props: {
      id: s.input.id,
      title: s.input.title,
      publisher: s.input.publisher,
      url: s.input.url,
      language: s.input.language,
      ...(s.published ? { published: s.published.date, publishedPrecision: s.published.precision } : {}),
      ...(s.text !== undefined ? { text: s.text } : {}),
      ...(s.excerpts.length ? { excerpts: s.excerpts } : {}),
      ...(s.input.notes ? { notes: s.input.notes } : {}),
    },
  }));
  statements.push({
    description: `${sourceRows.length} sources`,
    cypher: `UNWIND $rows AS row MERGE (s:${S} {id: row.id}) SET s = row.props SET s.published = date(s.published) RETURN count(s) AS written`,
    params: { rows: sourceRows },
    expectWritten: sourceRows.length,
  });

  const labels = MODEL.labels.map((l) => l.label);
  const nodeRows = dataset.entities.map((e) => ({
    id: e.input.id,
    label: e.input.type,
    // A node whose type changed in the file loses its old type label.
    otherLabels: labels.filter((l) => l !== e.input.type),
    props: {
      id: e.input.id,
      name: e.input.name,
      aliases: e.aliases.map((a) => a.name),
      aliasLanguages: e.aliases.map((a) => a.language),
      searchText: [e.input.name, ...e.aliases.map((a) => a.name)].join(' | '),
      ...e.properties,
      ...dateProps(e.date),
      ...evidenceProps(e.evidence),
    },
  }));
  // Dynamic labels and types ($(...), Neo4j 5.26) keep the load to four statements: on a busy
  // server, compiling one statement per label and type cost more than the writes themselves.
  statements.push({
    description: `${nodeRows.length} entities`,
    cypher:
      `UNWIND $rows AS row MERGE (n:${E} {id: row.id}) SET n = row.props SET n:$(row.label) REMOVE n:$(row.otherLabels) ` +
      `${dateConversions('n', MODEL.labels)} RETURN count(n) AS written`,
    params: { rows: nodeRows },
    expectWritten: nodeRows.length,
  });

  if (dataset.relations.length > 0) {
    // A relation whose type or ends changed in the file: its old relationship (same id) goes
    // first. Old relationships are found from the dataset's entities, through their own edges.
    const wanted: Record<string, { type: string; from: string; to: string }> = {};
    for (const r of dataset.relations) wanted[r.input.id] = { type: r.input.type, from: r.input.from, to: r.input.to };
    statements.push({
      description: 'relationships whose id now names other ends or another type',
      cypher:
        `UNWIND $entityIds AS entityId MATCH (a:${E} {id: entityId})-[old]->(b) ` +
        'WITH a, old, b, $wanted[old.id] AS want ' +
        'WHERE want IS NOT NULL AND (type(old) <> want.type OR a.id <> want.from OR b.id <> want.to) DELETE old',
      params: { entityIds: dataset.entities.map((e) => e.input.id), wanted },
    });
  }

  const relationshipRows = dataset.relations.map((r) => ({
    id: r.input.id,
    type: r.input.type,
    from: r.input.from,
    to: r.input.to,
    props: { id: r.input.id, ...r.properties, ...dateProps(r.date), ...evidenceProps(r.evidence) },
  }));
  if (relationshipRows.length > 0) {
    statements.push({
      description: `${relationshipRows.length} relationships`,
      cypher:
        `UNWIND $rows AS row MATCH (a:${E} {id: row.from}) MATCH (b:${E} {id: row.to}) ` +
        `MERGE (a)-[r:$(row.type) {id: row.id}]->(b) SET r = row.props ${dateConversions('r', MODEL.relations)} RETURN count(r) AS written`,
      params: { rows: relationshipRows },
      expectWritten: relationshipRows.length,
    });
  }

  return {
    statements,
    counts: {
      sources: sourceRows.length,
      entities: dataset.entities.length,
      relations: dataset.relations.length,
      byLabel: countBy(dataset.entities, (e) => e.input.type),
      byType: countBy(dataset.relations, (r) => r.input.type),
    },
  };
}
