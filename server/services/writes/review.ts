// POST /api/facts/:id/review: a reviewer other than its author accepts or rejects a proposed fact with a comment, and
// with it the proposed actors the fact created (a rejection leaves those another fact still uses).
import type { Database, WriteTx } from '../../../db/database.ts';
import { namedQuery } from '../../../db/named-queries.ts';
import { ConflictError, ForbiddenError, STORED, type FactStatus } from '../../../model/index.ts';
import type { DatasetRoles } from '../../accounts/accounts.ts';
import type { Catalog } from '../catalog.ts';
import type { Author, Fact } from './access.ts';
import { changeFact, factDateKeys, rowOf } from './change.ts';
import { writeRevision } from './revisions.ts';

export interface ReviewInput {
  revision: number;
  decision: 'accept' | 'reject';
  comment: string;
}

/** The creation revision of a fact: who recorded it and which actors it created (`after.created`). */
async function creationOf(tx: WriteTx, id: string): Promise<{ actor: string | null; created: string[] }> {
  const [first] = await tx.run(namedQuery('revisions-of').cypher, { id });
  if (first?.action !== 'create') return { actor: null, created: [] };
  const after = JSON.parse(String(first.after)) as { created?: unknown };
  return { actor: (first.actor as string | null) ?? null, created: Array.isArray(after.created) ? after.created.map(String) : [] };
}

/** The decision on the fact's proposed actors, each with its own revision record; the ids decided. */
async function decideActors(tx: WriteTx, fact: Fact, ids: string[], status: FactStatus, action: 'accept' | 'reject', author: Author, reason: string): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await tx.run(namedQuery('fact-actors-decide').cypher, { ids, dataset: fact.dataset, fact: fact.id, status });
  for (const row of rows) {
    const after = row.after as Record<string, unknown>;
    await writeRevision(tx, { subject: String(row.id), kind: 'actor', dataset: fact.dataset, revision: Number(row.revision), action, author, before: row.before as Record<string, unknown>, after: { ...after, fact: fact.id }, reason });
  }
  return rows.map((r) => String(r.id));
}

export function reviewFact(db: Database, catalog: Catalog, roles: DatasetRoles, id: string, input: ReviewInput, author: Author): Promise<Fact> {
  return changeFact(db, catalog, roles, { id, revision: input.revision, role: 'reviewer' }, author, async (tx, current, model) => {
    const creation = await creationOf(tx, current.id);
    if (creation.actor !== null && creation.actor === author.actor) throw new ForbiddenError('the author of a fact may not review it: someone else checks it', 'own_fact');
    if (current.status !== 'proposed') throw new ConflictError(`status: the fact is ${current.status}, and only a proposed fact is reviewed`, 'not_proposed', { current });
    const status: FactStatus = input.decision === 'accept' ? 'accepted' : 'rejected';
    await decideActors(tx, current, creation.created, status, input.decision, author, input.comment);
    return { action: input.decision, row: rowOf({ ...current.properties, [STORED.factStatus]: status }, factDateKeys(model, current)), reason: input.comment };
  });
}
