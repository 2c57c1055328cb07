// POST /api/actors/merge and POST /api/actors/:id/revert: two actors found to be the same become one (relations and
// evidence move to the one kept, the other's id and names stay on it as aliases, the other is retired, never deleted),
// and a merge is undone as a new revision of both. One write transaction each, with a revision on both actors.
import type { Database, Row, WriteTx } from '../../../db/database.ts';
import { namedQuery } from '../../../db/named-queries.ts';
import { actorUpdateStatement } from '../../../ingest/bulk/statements.ts';
import { allDateKeys } from '../../../ingest/rows.ts';
import { ConflictError, InvalidError, NotFoundError, searchText, STORED, type Model } from '../../../model/index.ts';
import { may, type DatasetRoles } from '../../accounts/accounts.ts';
import type { Catalog } from '../catalog.ts';
import { requireOurs, writableDataset, type Author } from './access.ts';
import { rowOf } from './change.ts';
import { writeRevision } from './revisions.ts';

export interface Actor {
  id: string;
  dataset: string;
  properties: Record<string, unknown>;
}

export interface MergeAnswer {
  keep: Actor;
  merge: Actor;
  /** The relations that moved (from `merge` to `keep`, or back). */
  moved: string[];
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const revisionOf = (p: Record<string, unknown>) => Number(p[STORED.factRevision] ?? 1);

/** Locks and reads actor `id` when the caller sees it (else it answers as unknown). */
async function lockedActor(tx: WriteTx, roles: DatasetRoles, id: string, field: string): Promise<Actor> {
  const [row] = await tx.run(namedQuery('actor-lock').cypher, { id });
  const dataset = (row?.dataset as string | null | undefined) ?? null;
  if (!row || (dataset === null ? roles !== 'all' : !may(roles, dataset, 'viewer'))) throw new NotFoundError(`${field}: no actor has the id '${id}'`);
  return { id, dataset: dataset ?? '', properties: row.properties as Record<string, unknown> };
}

/** Stores `properties` as the actor's, its revision one up, and answers it as stored. */
async function store(tx: WriteTx, model: Model, actor: Actor, properties: Record<string, unknown>): Promise<Actor> {
  const props = { ...properties, [STORED.factRevision]: revisionOf(actor.properties) + 1 };
  await tx.run(actorUpdateStatement(allDateKeys(model.labels)), { row: rowOf(props, allDateKeys(model.labels)), id: actor.id });
  const [row] = await tx.run(namedQuery('actor-lock').cypher, { id: actor.id });
  return { ...actor, properties: row!.properties as Record<string, unknown> };
}

/** `keep` after taking in `merge`: its id and names as aliases, its evidence after keep's. */
function merged(keep: Record<string, unknown>, merge: Record<string, unknown>): Record<string, unknown> {
  const name = String(keep[STORED.name] ?? '');
  const aliases = list(keep[STORED.aliases]).map(String);
  const languages = list(keep[STORED.aliasLanguages]).map(String);
  for (const alias of [String(merge[STORED.id]), String(merge[STORED.name] ?? ''), ...list(merge[STORED.aliases]).map(String)]) {
    if (!alias || alias === name || aliases.includes(alias)) continue;
    aliases.push(alias);
    languages.push('');
  }
  const evidence = [STORED.evidenceSources, STORED.evidenceQuotes, STORED.evidenceStarts, STORED.evidenceEnds];
  return {
    ...keep,
    [STORED.aliases]: aliases,
    [STORED.aliasLanguages]: languages,
    [STORED.searchText]: searchText(name, aliases),
    ...Object.fromEntries(evidence.map((key) => [key, [...list(keep[key]), ...list(merge[key])]])),
  };
}

export async function mergeActors(db: Database, catalog: Catalog, roles: DatasetRoles, input: { keep: string; merge: string; reason: string }, author: Author): Promise<MergeAnswer> {
  await requireOurs(catalog);
  if (input.keep === input.merge) throw new InvalidError('merge: an actor is not merged into itself', 'invalid_parameter');
  const answer = await db.writeTransaction(async (tx) => {
    const keep = await lockedActor(tx, roles, input.keep, 'keep');
    const merge = await lockedActor(tx, roles, input.merge, 'merge');
    if (keep.dataset !== merge.dataset) throw new InvalidError(`merge: '${merge.id}' is of dataset '${merge.dataset}' and '${keep.id}' of '${keep.dataset}': only actors of one dataset are merged`, 'different_datasets');
    const model = await writableDataset(catalog, roles, keep.dataset);
    for (const actor of [keep, merge]) {
      if (actor.properties[STORED.factStatus] === 'retired') throw new ConflictError(`${actor === keep ? 'keep' : 'merge'}: '${actor.id}' is retired${actor.properties[STORED.mergedInto] ? ` (merged into '${String(actor.properties[STORED.mergedInto])}')` : ''}`, 'already_merged', { current: actor });
    }
    const [row] = await tx.run(namedQuery('actor-merge-move').cypher, { keep: keep.id, merge: merge.id });
    const moved = list(row?.moved).map(String);
    const kept = await store(tx, model, keep, merged(keep.properties, merge.properties));
    const retired = await store(tx, model, merge, { ...merge.properties, [STORED.factStatus]: 'retired', [STORED.mergedInto]: keep.id });
    const revision = (actor: Actor, after: Actor, extra: Record<string, unknown>) =>
      writeRevision(tx, { subject: actor.id, kind: 'actor', dataset: actor.dataset, revision: revisionOf(after.properties), action: 'merge', author, before: actor.properties, after: { ...after.properties, ...extra, moved }, reason: input.reason });
    await revision(keep, kept, { merged: merge.id });
    await revision(merge, retired, { into: keep.id });
    return { keep: kept, merge: retired, moved };
  });
  catalog.invalidate();
  return answer;
}

/** The merge revision of actor `id` numbered `target`, and the pair it merged. */
async function mergeRevision(tx: WriteTx, id: string, target: number): Promise<{ keep: string; merge: string; moved: string[] }> {
  const revisions = await tx.run(namedQuery('revisions-of').cypher, { id });
  const found = revisions.find((r) => Number(r.revision) === target);
  if (!found) throw new NotFoundError(`target: the actor '${id}' has no revision ${target}`, 'no_such_revision');
  if (found.action !== 'merge') throw new InvalidError(`target: revision ${target} of '${id}' is a ${String(found.action)}, and only a merge is reverted here`, 'not_a_merge');
  const after = JSON.parse(String(found.after)) as { merged?: string; into?: string; moved?: string[] };
  return after.merged ? { keep: id, merge: after.merged, moved: after.moved ?? [] } : { keep: String(after.into), merge: id, moved: after.moved ?? [] };
}

/** The `before` of the latest merge revision of `actor` that joined `keep` and `merge`. */
function beforeMerge(revisions: Row[], pair: { keep: string; merge: string }, actor: string): Record<string, unknown> {
  const merges = revisions.filter((r) => r.action === 'merge').map((r) => ({ before: JSON.parse(String(r.before)), after: JSON.parse(String(r.after)) }));
  const mine = merges.filter((m) => (actor === pair.keep ? m.after.merged === pair.merge : m.after.into === pair.keep)).at(-1);
  if (!mine) throw new ConflictError(`target: no merge of '${pair.merge}' into '${pair.keep}' in the history of '${actor}'`, 'not_merged');
  return mine.before as Record<string, unknown>;
}

/** Undoes the merge revision `target` of actor `id` (either side) as a new revision of both: relations back, both as they were. */
export async function revertMerge(db: Database, catalog: Catalog, roles: DatasetRoles, id: string, input: { target: number }, author: Author): Promise<MergeAnswer> {
  await requireOurs(catalog);
  const answer = await db.writeTransaction(async (tx) => {
    const pair = await mergeRevision(tx, id, input.target);
    const keep = await lockedActor(tx, roles, pair.keep, 'keep');
    const merge = await lockedActor(tx, roles, pair.merge, 'merge');
    const model = await writableDataset(catalog, roles, keep.dataset);
    if (merge.properties[STORED.mergedInto] !== keep.id) throw new ConflictError(`target: '${merge.id}' is not merged into '${keep.id}' now`, 'not_merged', { current: merge });
    const [row] = await tx.run(namedQuery('actor-merge-unmove').cypher, { ...pair });
    const keepBefore = beforeMerge(await tx.run(namedQuery('revisions-of').cypher, { id: keep.id }), pair, keep.id);
    const mergeBefore = beforeMerge(await tx.run(namedQuery('revisions-of').cypher, { id: merge.id }), pair, merge.id);
    const kept = await store(tx, model, keep, keepBefore);
    const restored = await store(tx, model, merge, mergeBefore);
    const reason = `reverts the merge of '${merge.id}' into '${keep.id}' (revision ${input.target} of '${id}')`;
    for (const [actor, after] of [[keep, kept], [merge, restored]] as const) {
      await writeRevision(tx, { subject: actor.id, kind: 'actor', dataset: actor.dataset, revision: revisionOf(after.properties), action: 'revert', author, before: actor.properties, after: { ...after.properties, moved: pair.moved }, reason });
    }
    if (Number(row?.moved ?? 0) !== pair.moved.length) throw new ConflictError(`moved: ${pair.moved.length} relations were moved by the merge and ${Number(row?.moved ?? 0)} are there to move back; nothing was changed`, 'merge_changed');
    return { keep: kept, merge: restored, moved: pair.moved };
  });
  catalog.invalidate();
  return answer;
}
