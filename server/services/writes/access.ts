// Who may write where, and as whom: the dataset a write goes to (404 unseen, 403 without editor, read_only on a database
// someone else built), the author every revision names, and the fact's shape as the API answers it.
import type { Row } from '../../../db/database.ts';
import { ReadOnlyError } from '../../../db/errors.ts';
import type { Issues } from '../../../ingest/rules.ts';
import { NotFoundError, ProblemsError, STORED, type FactStatus, type Model } from '../../../model/index.ts';
import { may, type DatasetRoles } from '../../accounts/accounts.ts';
import type { Role } from '../../accounts/grants.ts';
import type { Catalog } from '../catalog.ts';
import { requireRole } from '../access.ts';

/** Who writes: the audit trail's actor ('owner' or a user id), the name a revision shows, and the status their facts get. */
export interface Author {
  actor: string | null;
  name: string;
  /** 'accepted' in owner mode (the owner checks their own), 'proposed' in team mode (until someone else checks it). */
  status: FactStatus;
}

/** The catalog's snapshot of a database we built; a database someone else built refuses every write. */
export async function requireOurs(catalog: Catalog) {
  const snapshot = await catalog.snapshot();
  if (!snapshot.ours) throw new ReadOnlyError('this database was built by someone else: Civic Graph reads it and never writes to it', 'read_only');
  return snapshot;
}

/**
 * The model of the database when `dataset` may be written by a caller with `roles`. A database someone else
 * built is read-only for everyone; a dataset the caller cannot see answers as an unknown one (404); seeing it
 * without `role` (editor, or reviewer for a review) is a 403.
 */
export async function writableDataset(catalog: Catalog, roles: DatasetRoles, dataset: string, role: Role = 'editor'): Promise<Model> {
  let snapshot = await requireOurs(catalog);
  const unknown = () => new NotFoundError(`dataset: no dataset '${dataset}' in this database`);
  if (!may(roles, dataset, 'viewer')) throw unknown();
  if (!snapshot.datasets.some((d) => d.id === dataset)) {
    // Loaded a moment ago, perhaps: the cached snapshot is a few seconds old.
    catalog.invalidate();
    snapshot = await catalog.snapshot();
    if (!snapshot.datasets.some((d) => d.id === dataset)) throw unknown();
  }
  requireRole(roles, dataset, role);
  return snapshot.model;
}

/** A write refused by the ingest rules, each problem in their words (`fact.evidence[0].quote: quote not found in source ...`). */
export class FactInvalidError extends ProblemsError {
  constructor(problems: string[]) {
    super(problems, 'invalid_fact');
  }
}

/** Throws the rules' problems, if they found any. */
export function refuseIssues(issues: Issues): void {
  if (issues.count > 0) throw new FactInvalidError(issues.list.map((i) => `${i.path}: ${i.message}`));
}

export interface Fact {
  id: string;
  type: string;
  from: string;
  to: string;
  dataset: string;
  status: FactStatus;
  revision: number;
  properties: Record<string, unknown>;
}

/** A fact read's row (fact-by-id, fact-by-element) as the API answers it; an imported relation is accepted, at revision 1. */
export function factOf(row: Row): Fact {
  const properties = (row.properties ?? {}) as Record<string, unknown>;
  return {
    id: String(row.id),
    type: String(row.type),
    from: String(row.from),
    to: String(row.to),
    dataset: String(row.dataset ?? ''),
    status: (properties[STORED.factStatus] as FactStatus | undefined) ?? 'accepted',
    revision: Number(properties[STORED.factRevision] ?? 1),
    properties,
  };
}
