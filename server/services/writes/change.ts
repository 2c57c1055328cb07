// The one way a recorded fact changes (edit, review, retire, corroborate, revert): lock it, read it, check the revision
// the change was based on (409 stale_revision with the fact as stored now), change it, and write a Revision record,
// all in one write transaction.
import type { Database, WriteTx } from '../../../db/database.ts';
import { namedQuery } from '../../../db/named-queries.ts';
import { factUpdateStatement } from '../../../ingest/bulk/statements.ts';
import { dateKeys } from '../../../ingest/rows.ts';
import { ConflictError, STORED, type Model } from '../../../model/index.ts';
import type { DatasetRoles } from '../../accounts/accounts.ts';
import type { Role } from '../../accounts/grants.ts';
import type { Catalog } from '../catalog.ts';
import { factOf, requireOurs, writableDataset, type Author, type Fact } from './access.ts';
import { visibleFact, writeRevision, type RevisionAction } from './revisions.ts';

/** A fact's stored row: its properties without the DATE ones, and those as text (null removes one). */
export interface FactRow {
  props: Record<string, unknown>;
  dates: Record<string, string | null>;
}

/** What a change makes of the fact: its row after (the revision is set by changeFact), the revision's action and reason. */
export interface FactChange {
  action: RevisionAction;
  row: FactRow;
  reason?: string | undefined;
}

export interface ChangeRequest {
  id: string;
  /** The revision the change is based on. */
  revision: number;
  /** The role it needs on the fact's dataset. */
  role: Role;
}

/** Properties as a read answers them (dates as text) made into a row to store: `keys` are the type's DATE properties. */
export function rowOf(properties: Record<string, unknown>, keys: readonly string[]): FactRow {
  const props = { ...properties };
  const dates: Record<string, string | null> = {};
  for (const key of keys) {
    dates[key] = typeof props[key] === 'string' ? (props[key] as string) : null;
    delete props[key];
  }
  return { props, dates };
}

/** The DATE properties of a fact's type (the date and end date for a type the model does not declare). */
export const factDateKeys = (model: Model, fact: Fact) => dateKeys(model.relation(fact.type));

/** The fact as stored now, read within the transaction that holds its lock. */
export async function lockedFact(tx: WriteTx, elementId: string): Promise<Fact> {
  // The lock first: a concurrent change waits here, and the read below sees what it committed.
  await tx.run(namedQuery('fact-lock').cypher, { elementId });
  const [row] = await tx.run(namedQuery('fact-by-element').cypher, { elementId });
  return factOf(row!);
}

/**
 * Applies `change` to fact `request.id` when the caller holds `request.role` on its dataset and the fact is still
 * at `request.revision`; the fact as stored after it. `change` may refuse (throw), or write more in `tx` (the
 * actors a review decides on), all in the fact's transaction.
 */
export async function changeFact(
  db: Database,
  catalog: Catalog,
  roles: DatasetRoles,
  request: ChangeRequest,
  author: Author,
  change: (tx: WriteTx, current: Fact, model: Model) => Promise<FactChange>,
): Promise<Fact> {
  await requireOurs(catalog);
  const { fact: seen, elementId } = await visibleFact(db, catalog, roles, request.id);
  const model = await writableDataset(catalog, roles, seen.dataset, request.role);
  const fact = await db.writeTransaction(async (tx) => {
    const current = await lockedFact(tx, elementId);
    if (current.revision !== request.revision) {
      throw new ConflictError(`revision: the fact is at revision ${current.revision}, and this change was based on revision ${request.revision}`, 'stale_revision', { current });
    }
    const { action, row, reason } = await change(tx, current, model);
    const revision = current.revision + 1;
    const stored = { ...row, props: { ...row.props, [STORED.factRevision]: revision } };
    await tx.run(factUpdateStatement(factDateKeys(model, current)), { row: stored, elementId });
    const [after] = await tx.run(namedQuery('fact-by-element').cypher, { elementId });
    const changed = factOf(after!);
    await writeRevision(tx, { subject: current.id, kind: 'fact', dataset: current.dataset, revision, action, author, before: current.properties, after: changed.properties, reason });
    return changed;
  });
  catalog.invalidate();
  return fact;
}
