// POST /api/facts/:id/retire and POST /api/facts/:id/revert: a fact withdrawn with a reason (kept, hidden by default),
// and a revision undone as a new one (its `before` restored; undoing the creation retires the fact). Nothing is deleted.
import type { Database } from '../../../db/database.ts';
import { namedQuery } from '../../../db/named-queries.ts';
import { ConflictError, NotFoundError, STORED } from '../../../model/index.ts';
import type { DatasetRoles } from '../../accounts/accounts.ts';
import type { Catalog } from '../catalog.ts';
import type { Author, Fact } from './access.ts';
import { changeFact, factDateKeys, rowOf } from './change.ts';

export function retireFact(db: Database, catalog: Catalog, roles: DatasetRoles, id: string, input: { revision: number; reason: string }, author: Author): Promise<Fact> {
  return changeFact(db, catalog, roles, { id, revision: input.revision, role: 'editor' }, author, async (_tx, current, model) => {
    if (current.status === 'retired') throw new ConflictError('status: the fact is retired already', 'already_retired', { current });
    return { action: 'retire', row: rowOf({ ...current.properties, [STORED.factStatus]: 'retired' }, factDateKeys(model, current)), reason: input.reason };
  });
}

/**
 * Undoes revision `target` of the fact as a new revision: its stored properties (status, dates and evidence among
 * them) become that revision's `before`. The creation has none: undoing it retires the fact.
 */
export function revertFact(db: Database, catalog: Catalog, roles: DatasetRoles, id: string, input: { revision: number; target: number }, author: Author): Promise<Fact> {
  return changeFact(db, catalog, roles, { id, revision: input.revision, role: 'editor' }, author, async (tx, current, model) => {
    const revisions = await tx.run(namedQuery('revisions-of').cypher, { id: current.id });
    const target = revisions.find((r) => Number(r.revision) === input.target);
    if (!target) throw new NotFoundError(`target: the fact has no revision ${input.target} (it is at revision ${current.revision})`, 'no_such_revision');
    const keys = factDateKeys(model, current);
    if (typeof target.before !== 'string') {
      return { action: 'revert', row: rowOf({ ...current.properties, [STORED.factStatus]: 'retired' }, keys), reason: `reverts revision ${input.target} (${String(target.action)}): the fact is retired` };
    }
    const before = JSON.parse(target.before) as Record<string, unknown>;
    return { action: 'revert', row: rowOf(before, keys), reason: `reverts revision ${input.target} (${String(target.action)})` };
  });
}
