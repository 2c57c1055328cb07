// PATCH /api/facts/:id: a fact's properties or date changed, based on a named revision (a stale one is a 409 with the
// fact as stored now), checked by the ingest rules' property and date checks, with a revision record of before and after.
import type { Database, WriteTx } from '../../../db/database.ts';
import { namedQuery } from '../../../db/named-queries.ts';
import { Issues, MemoryIds, type ResolvedEvidence } from '../../../ingest/rules.ts';
import { checkDate } from '../../../ingest/rules/dates.ts';
import { checkProperties } from '../../../ingest/rules/properties.ts';
import { relationRow } from '../../../ingest/rows.ts';
import { InvalidError, STORED, type DateInput, type Model, type PropertyValue } from '../../../model/index.ts';
import type { DatasetRoles } from '../../accounts/accounts.ts';
import type { Catalog } from '../catalog.ts';
import { refuseIssues, type Author, type Fact } from './access.ts';
import { changeFact } from './change.ts';

export interface FactPatch {
  revision: number;
  changes: { properties?: Record<string, PropertyValue | null> | undefined; date?: DateInput | null | undefined };
  reason?: string | undefined;
}

/** Properties a change keeps as they were: what the writers set besides the rules' output. */
const KEPT = [STORED.importRun, STORED.synthetic];

const list = (value: unknown) => (Array.isArray(value) ? value : []);

/** The evidence as stored (four parallel lists), as the rules resolved it. */
export function storedEvidence(p: Record<string, unknown>): ResolvedEvidence[] {
  const [sources, quotes, starts, ends] = [STORED.evidenceSources, STORED.evidenceQuotes, STORED.evidenceStarts, STORED.evidenceEnds].map((k) => list(p[k]));
  return sources!.map((source, i) => ({ source: String(source), quote: String(quotes![i] ?? ''), start: Number(starts![i] ?? -1), end: Number(ends![i] ?? -1) }));
}

/** The stored date as a dataset file writes it: `2024-03` for a month, with its end, source and note. */
function storedDate(p: Record<string, unknown>): DateInput | undefined {
  if (typeof p[STORED.date] !== 'string') return undefined;
  const length = { year: 4, month: 7, day: 10 }[String(p[STORED.datePrecision] ?? 'day')] ?? 10;
  const cut = (value: unknown) => String(value).slice(0, length);
  return {
    on: cut(p[STORED.date]),
    inferred: p[STORED.dateInferred] === true,
    ...(typeof p[STORED.endDate] === 'string' ? { until: cut(p[STORED.endDate]) } : {}),
    ...(typeof p[STORED.dateSource] === 'string' ? { source: p[STORED.dateSource] as string } : {}),
    ...(typeof p[STORED.dateNote] === 'string' ? { note: p[STORED.dateNote] as string } : {}),
  };
}

/** The fact's new stored row, its properties and date checked by the rules (their messages in a FactInvalidError). */
async function changedRow(tx: WriteTx, model: Model, fact: Fact, patch: FactPatch) {
  const decl = model.relation(fact.type);
  if (!decl) throw new InvalidError(`type: '${fact.type}' is not a relation type of the model, so its facts cannot be edited here`, 'invalid_fact');
  const old = fact.properties;
  const properties: Record<string, PropertyValue> = {};
  for (const key of Object.keys(decl.properties)) if (old[key] !== undefined && old[key] !== null) properties[key] = old[key] as PropertyValue;
  for (const [key, value] of Object.entries(patch.changes.properties ?? {})) {
    if (value === null) delete properties[key];
    else properties[key] = value;
  }
  const date = patch.changes.date === undefined ? storedDate(old) : (patch.changes.date ?? undefined);
  const evidence = storedEvidence(old);
  // Properties that name entities must name entities of the fact's dataset.
  const named = Object.values(properties).filter((v): v is string => typeof v === 'string');
  const ends = await tx.run(namedQuery('fact-ends').cypher, { ids: named, dataset: fact.dataset });
  const issues = new Issues({ fieldInPath: true });
  const report = (field: string | undefined, message: string) => issues.add('', 'changes', fact.id, field, message);
  const clean = checkProperties(`relation type ${decl.type}`, decl.properties, properties, new MemoryIds(new Map(ends.map((r) => [String(r.id), String(r.label)]))), report);
  const resolved = checkDate(date, evidence.map((e) => ({ source: e.source, ...(e.quote ? { quote: e.quote } : {}) })), report);
  refuseIssues(issues);
  const input = { id: fact.id, type: fact.type, from: fact.from, to: fact.to, evidence: [] };
  const row = relationRow({ input, properties: clean, ...(resolved ? { date: resolved } : {}), evidence }, model, fact.dataset);
  for (const key of KEPT) if (old[key] !== undefined) row.props[key] = old[key];
  if (old[STORED.factStatus] !== undefined) row.props[STORED.factStatus] = old[STORED.factStatus];
  return row;
}

/** Applies the patch when its revision is the fact's current one; the fact as stored after it. */
export function editFact(db: Database, catalog: Catalog, roles: DatasetRoles, id: string, patch: FactPatch, author: Author): Promise<Fact> {
  return changeFact(db, catalog, roles, { id, revision: patch.revision, role: 'editor' }, author, async (tx, current, model) => ({
    action: 'edit',
    row: await changedRow(tx, model, current, patch),
    reason: patch.reason,
  }));
}
