// Revisions of facts and actors: one append-only Revision record per change (who, when, before, after, why), written in
// the change's own transaction, and read back oldest first (GET /api/facts/:id/revisions, GET /api/actors/:id/revisions).
import type { Database, WriteTx } from '../../../db/database.ts';
import { builtQuery } from '../../../db/built-queries.ts';
import { namedQuery } from '../../../db/named-queries.ts';
import { NotFoundError, type FactStatus } from '../../../model/index.ts';
import { may, type DatasetRoles } from '../../accounts/accounts.ts';
import type { Catalog } from '../catalog.ts';
import { factOf, type Author, type Fact } from './access.ts';

/** What a revision did; `create` is a fact's recording (and its new actors'), every other one a change after it. */
export type RevisionAction = 'create' | 'edit' | 'accept' | 'reject' | 'retire' | 'corroborate' | 'revert' | 'merge';

export interface RevisionInput {
  /** The fact's or the actor's id. */
  subject: string;
  kind: 'fact' | 'actor';
  dataset: string;
  revision: number;
  action: RevisionAction;
  author: Author;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  reason?: string | undefined;
}

/** Appends revision records, all in one statement (a recording writes the fact's and each new actor's). */
export async function writeRevisions(tx: WriteTx, inputs: readonly RevisionInput[]): Promise<void> {
  const revisions = inputs.map(({ author, before, after, reason, ...rest }) => ({
    ...rest,
    actor: author.actor,
    actorName: author.name,
    // As JSON text: a node property holds no maps, and the record must say exactly what was there.
    before: before === null ? null : JSON.stringify(before),
    after: JSON.stringify(after),
    ...(reason ? { reason } : {}),
  }));
  await tx.run(namedQuery('fact-revision-create').cypher, { revisions });
}

export const writeRevision = (tx: WriteTx, input: RevisionInput): Promise<void> => writeRevisions(tx, [input]);

/**
 * The fact `id` and its element id (for the seeks that follow) when the caller may read its dataset; a fact they
 * may not see answers as an unknown one.
 */
export async function visibleFact(db: Database, catalog: Catalog, roles: DatasetRoles, id: string): Promise<{ fact: Fact; elementId: string }> {
  const snapshot = await catalog.snapshot();
  const rows = snapshot.ours ? (await db.read(builtQuery('fact-by-id', snapshot.model.relations.map((r) => r.type)), { id })).rows : [];
  const fact = rows[0] && factOf(rows[0]);
  if (!fact || !may(roles, fact.dataset, 'viewer')) throw new NotFoundError(`id: no fact has the id '${id}'`);
  return { fact, elementId: String(rows[0]!.elementId) };
}

const parsed = (text: unknown) => (typeof text === 'string' ? (JSON.parse(text) as unknown) : null);

export interface Revision {
  revision: number;
  action: string;
  actor: string | null;
  actorName: string | null;
  at: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** The revisions of a fact or an actor (by its id), oldest first, as the API answers them. */
export async function revisionsOf(db: Database, id: string): Promise<Revision[]> {
  const { rows } = await db.read(namedQuery('revisions-of').cypher, { id });
  return rows.map((r) => ({
    revision: Number(r.revision),
    action: String(r.action),
    actor: (r.actor as string | null) ?? null,
    actorName: (r.actorName as string | null) ?? null,
    at: String(r.at),
    before: parsed(r.before),
    after: parsed(r.after),
    reason: (r.reason as string | null) ?? null,
  }));
}

/** A history is read as the element is: one whose status the request does not show answers as unknown. */
const shows = (shown: readonly FactStatus[], status: unknown) => shown.includes(((status as FactStatus | null) ?? 'accepted'));

/**
 * The fact's revisions, oldest first, when the caller reads its dataset and the request shows its status (`shown`,
 * from X-Show-Facts as every read); `dataset` (the fact's) is for the audit of sensitive reads, not the wire.
 */
export async function factRevisions(db: Database, catalog: Catalog, roles: DatasetRoles, id: string, shown: readonly FactStatus[]) {
  const { fact } = await visibleFact(db, catalog, roles, id);
  if (!shows(shown, fact.status)) throw new NotFoundError(`id: no fact has the id '${id}'`);
  return { dataset: fact.dataset, revisions: await revisionsOf(db, id) };
}

/** An actor's revisions (its creation by a recorded fact, reviews, merges), oldest first; an actor the caller may not see, or whose status the request does not show, answers as unknown. */
export async function actorRevisions(db: Database, roles: DatasetRoles, id: string, shown: readonly FactStatus[]) {
  const [actor] = (await db.read(namedQuery('actor-by-id').cypher, { id })).rows;
  const dataset = (actor?.dataset as string | null | undefined) ?? null;
  if (!actor || (dataset === null ? roles !== 'all' : !may(roles, dataset, 'viewer')) || !shows(shown, actor.status)) throw new NotFoundError(`id: no actor has the id '${id}'`);
  return { dataset, revisions: await revisionsOf(db, id) };
}
