// Accounts: local users (argon2id password) and users who sign in through OpenID Connect, and their local groups.
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { nowIso } from './store.ts';

export interface User {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  disabled: boolean;
  /** Set for users who sign in through OpenID Connect. */
  oidc?: { issuer: string; subject: string };
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  is_admin: number;
  disabled_at: string | null;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    isAdmin: row.is_admin === 1,
    disabled: row.disabled_at !== null,
    ...(row.oidc_issuer && row.oidc_subject ? { oidc: { issuer: row.oidc_issuer, subject: row.oidc_subject } } : {}),
  };
}

/** A username: letters, digits and . _ - @, 1 to 64 characters (an e-mail address fits). */
export const USERNAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

export class Users {
  constructor(private readonly db: DatabaseSync) {}

  create(input: { username: string; displayName?: string; passwordHash?: string; isAdmin?: boolean; oidc?: { issuer: string; subject: string } }): User {
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO users (id, username, display_name, password_hash, oidc_issuer, oidc_subject, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, input.username, input.displayName ?? input.username, input.passwordHash ?? null, input.oidc?.issuer ?? null, input.oidc?.subject ?? null, input.isAdmin ? 1 : 0, nowIso());
    return this.byId(id) as User;
  }

  byId(id: string): User | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row ? toUser(row) : undefined;
  }

  /** The user and their password hash, for sign-in; undefined when there is no such user. */
  forSignIn(username: string): { user: User; passwordHash: string | null } | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
  }

  byOidc(issuer: string, subject: string): User | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE oidc_issuer = ? AND oidc_subject = ?').get(issuer, subject) as UserRow | undefined;
    return row ? toUser(row) : undefined;
  }

  list(): User[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY username').all() as unknown as UserRow[]).map(toUser);
  }

  setPassword(id: string, passwordHash: string): void {
    this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id);
  }

  setDisabled(id: string, disabled: boolean): void {
    this.db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(disabled ? nowIso() : null, id);
  }

  groupsOf(id: string): string[] {
    return (this.db.prepare('SELECT group_name FROM user_groups WHERE user_id = ? ORDER BY group_name').all(id) as { group_name: string }[]).map((r) => r.group_name);
  }

  addToGroup(id: string, group: string): void {
    this.db.prepare('INSERT OR IGNORE INTO user_groups (user_id, group_name) VALUES (?, ?)').run(id, group);
  }
}
