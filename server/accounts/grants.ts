// Roles granted per dataset to a user, a group or every signed-in user, and what a principal may do in each dataset.
import type { DatabaseSync } from 'node:sqlite';
import { nowIso } from './store.ts';

export const ROLES = ['viewer', 'editor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Each role includes the ones before it: a reviewer may also record, an admin may do everything. */
export function roleAtLeast(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export type PrincipalKind = 'user' | 'group' | 'everyone';

export interface Grant {
  dataset: string;
  kind: PrincipalKind;
  /** The user's id, the group's name, or '*' for everyone. */
  principal: string;
  role: Role;
  grantedBy: string;
  grantedAt: string;
}

interface GrantRow {
  dataset: string;
  principal_kind: PrincipalKind;
  principal: string;
  role: Role;
  granted_by: string;
  granted_at: string;
}

const toGrant = (r: GrantRow): Grant => ({ dataset: r.dataset, kind: r.principal_kind, principal: r.principal, role: r.role, grantedBy: r.granted_by, grantedAt: r.granted_at });

export class Grants {
  constructor(private readonly db: DatabaseSync) {}

  /** Grants (or changes) `role` on `dataset`; one grant per principal and dataset. */
  grant(dataset: string, kind: PrincipalKind, principal: string, role: Role, grantedBy: string): void {
    this.db
      .prepare(
        `INSERT INTO grants (dataset, principal_kind, principal, role, granted_by, granted_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (dataset, principal_kind, principal) DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
      )
      .run(dataset, kind, kind === 'everyone' ? '*' : principal, role, grantedBy, nowIso());
  }

  revoke(dataset: string, kind: PrincipalKind, principal: string): boolean {
    return Number(this.db.prepare('DELETE FROM grants WHERE dataset = ? AND principal_kind = ? AND principal = ?').run(dataset, kind, kind === 'everyone' ? '*' : principal).changes) > 0;
  }

  list(dataset?: string): Grant[] {
    const rows = dataset
      ? this.db.prepare('SELECT * FROM grants WHERE dataset = ? ORDER BY principal_kind, principal').all(dataset)
      : this.db.prepare('SELECT * FROM grants ORDER BY dataset, principal_kind, principal').all();
    return (rows as unknown as GrantRow[]).map(toGrant);
  }

  /** The highest role per dataset that a user holds directly, through one of `groups`, or as everyone. */
  rolesOf(userId: string, groups: readonly string[]): Map<string, Role> {
    const rows = this.db
      .prepare(
        `SELECT dataset, role FROM grants
         WHERE (principal_kind = 'user' AND principal = ?)
            OR principal_kind = 'everyone'
            OR (principal_kind = 'group' AND principal IN (SELECT value FROM json_each(?)))`,
      )
      .all(userId, JSON.stringify(groups)) as { dataset: string; role: Role }[];
    const roles = new Map<string, Role>();
    for (const { dataset, role } of rows) if (!roleAtLeast(roles.get(dataset), role)) roles.set(dataset, role);
    return roles;
  }
}
