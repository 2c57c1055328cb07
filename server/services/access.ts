// What a caller may do, decided once per request from their roles: which datasets they read, whether they
// may administer one, and whether the console (which reads the whole database) is open to them.
import { ForbiddenError, UnauthenticatedError } from '../../model/index.ts';
import { may, type DatasetRoles, type Principal } from '../accounts/accounts.ts';
import type { Role } from '../accounts/grants.ts';

/** The datasets a caller reads: null for every one (owner, instance admins), else the list (perhaps empty). */
export function readableDatasets(roles: DatasetRoles): string[] | null {
  return roles === 'all' ? null : [...roles.keys()];
}

/** Whether every dataset in the database is readable: the console reads them all, and Neo4j Community cannot narrow it. */
export function consoleOpen(roles: DatasetRoles, datasetsInDatabase: readonly string[]): boolean {
  return roles === 'all' || datasetsInDatabase.every((id) => may(roles, id, 'viewer'));
}

/** The signed-in user behind a request, or a 401. */
export function requireUser(principal: Principal | undefined): Extract<Principal, { kind: 'user' }> {
  if (principal?.kind !== 'user') throw new UnauthenticatedError('this needs a signed-in user');
  return principal;
}

/** The owner or an instance admin, or a 403: accounts, sessions and the audit trail are theirs. */
export function requireInstanceAdmin(principal: Principal | undefined): void {
  if (principal?.kind === 'owner' || (principal?.kind === 'user' && principal.user.isAdmin)) return;
  if (!principal) throw new UnauthenticatedError();
  throw new ForbiddenError('this is for administrators');
}

/** At least `role` on `dataset`, or a 403. */
export function requireRole(roles: DatasetRoles, dataset: string, role: Role): void {
  if (!may(roles, dataset, role)) throw new ForbiddenError(`this needs the ${role} role on dataset '${dataset}'`);
}
