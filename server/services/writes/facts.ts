// POST /api/datasets/:dataset/facts: a relation recorded from a passage, checked by the ingest rules every import follows,
// written with its new actors, its evidence and its first revision in one transaction.
import type { Database, Row, WriteTx } from '../../../db/database.ts';
import { namedQuery } from '../../../db/named-queries.ts';
import { recordedActorsStatement, recordedRelationStatement } from '../../../ingest/bulk/statements.ts';
import { Issues, Rules, type ValidEntity, type ValidRelation } from '../../../ingest/rules.ts';
import { entityRow, relationRow, type StoredRow } from '../../../ingest/rows.ts';
import { ConflictError, STORED, type DateInput, type Model, type PropertyValue } from '../../../model/index.ts';
import type { Catalog } from '../catalog.ts';
import { factOf, refuseIssues, type Author, type Fact } from './access.ts';
import { checkPassage, passageLookups, type Passage } from './evidence.ts';
import { actorIdBase, freshId, relationId, underFreshIds } from './ids.ts';
import { writeRevisions } from './revisions.ts';

export type End = { id: string } | { new: { type: string; name: string } };

export interface NewFact {
  type: string;
  from: End;
  to: End;
  date?: DateInput | undefined;
  properties?: Record<string, PropertyValue> | undefined;
  evidence: Passage;
}

/** Where the rules' issues say a problem is: the fact, or one of its new actors. */
const AT = { fact: 'fact', from: 'from.new', to: 'to.new' } as const;

/** The fact's rows, validated by the rules (or a FactInvalidError with their messages); nothing is written here. */
async function validate(db: Database, model: Model, dataset: string, input: NewFact) {
  const existing = [input.from, input.to].flatMap((end) => ('id' in end ? [end.id] : []));
  const lookups = await passageLookups(db, dataset, input.evidence, existing);
  const { sources } = lookups;
  const issues = new Issues({ fieldInPath: true });
  const rules = new Rules({ model, ids: lookups.ids, sources, issues, dataset });
  const evidence = [{ source: input.evidence.source, quote: input.evidence.quote }];

  const taken = new Set<string>();
  const endId = async (end: End): Promise<string> => {
    if ('id' in end) return end.id;
    const id = await freshId(db, actorIdBase(end.new.type, end.new.name), taken);
    taken.add(id);
    return id;
  };
  const from = await endId(input.from);
  const to = await endId(input.to);
  const actors: ValidEntity[] = [];
  for (const [end, id] of [[input.from, from], [input.to, to]] as const) {
    if (!('new' in end)) continue;
    // A new actor is named by the same passage: its evidence is the fact's.
    const actor = rules.entity({ id, type: end.new.type, name: end.new.name, evidence }, end === input.from ? AT.from : AT.to);
    if (actor) actors.push(actor);
  }
  const id = relationId(input.type, from, to);
  const relation = rules.relation({ id, type: input.type, from, to, evidence, ...(input.properties ? { properties: input.properties } : {}), ...(input.date ? { date: input.date } : {}) }, AT.fact);
  checkPassage(lookups.text, input.evidence, issues, (field, message) => issues.add('', AT.fact, id, `evidence[0].${field}`, message));
  refuseIssues(issues);
  // The rules find the first occurrence; the passage chosen is the one at the offsets given (checked above).
  const anchored = <T extends ValidEntity | ValidRelation>(valid: T): T => ({ ...valid, evidence: [{ source: input.evidence.source, quote: input.evidence.quote, start: input.evidence.start, end: input.evidence.end }] });
  return { actors: actors.map(anchored), relation: anchored(relation!) };
}

/** The element's row with the fact's status and first revision. */
const recorded = <R extends StoredRow>(row: R, author: Author): R => ({ ...row, props: { ...row.props, [STORED.factStatus]: author.status, [STORED.factRevision]: 1 } });

/** Runs a write that answers `written`; fewer than expected means something it matched changed meanwhile (all is rolled back). */
async function written(tx: WriteTx, cypher: string, params: Record<string, unknown>, expected: number, what: string): Promise<Row> {
  const [row] = await tx.run(cypher, params);
  if (Number(row?.written ?? 0) !== expected) throw new ConflictError(`${what} changed meanwhile; nothing was recorded`, 'fact_write_failed');
  return row!;
}

/** Validates, then writes the new actors, the relation with its evidence and its first revision in one transaction. */
export async function recordFact(db: Database, catalog: Catalog, model: Model, dataset: string, input: NewFact, author: Author): Promise<{ fact: Fact; created: { id: string; type: string; name: string }[] }> {
  const { actors, relation } = await validate(db, model, dataset, input);
  const actorRows = actors.map((a) => ({ ...recorded(entityRow(a, model, dataset), author), label: a.input.type }));
  const relationRowStored = { ...recorded(relationRow(relation, model, dataset), author), type: relation.input.type };
  const fact = await underFreshIds(() => db.writeTransaction(async (tx) => {
    if (actorRows.length) {
      await written(tx, recordedActorsStatement(model), { rows: actorRows }, actorRows.length, 'the new actors');
    }
    const created = await written(tx, recordedRelationStatement(model), { row: relationRowStored, dataset }, 1, 'an end of the fact');
    const [stored] = await tx.run(namedQuery('fact-by-element').cypher, { elementId: created.elementId });
    const fact = factOf(stored!);
    await writeRevisions(tx, [
      { subject: fact.id, kind: 'fact', dataset, revision: 1, action: 'create', author, before: null, after: { ...fact.properties, created: actors.map((a) => a.input.id) } },
      // Each new actor's history starts with the fact that named it.
      ...actorRows.map((actor) => ({ subject: actor.id, kind: 'actor' as const, dataset, revision: 1, action: 'create' as const, author, before: null, after: { ...actor.props, fact: fact.id } })),
    ]);
    return fact;
  }));
  catalog.written();
  return { fact, created: actors.map((a) => ({ id: a.input.id, type: a.input.type, name: a.input.name })) };
}
