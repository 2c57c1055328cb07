// Server-side sessions: the cookie holds a random id, the store only its hash, with expiry, revocation
// and the session's CSRF token. Every read goes to the store, so all server processes see a revocation at once.
import type { DatabaseSync } from 'node:sqlite';
import { newSecret, secretHash } from './secrets.ts';
import { nowIso } from './store.ts';

export interface Session {
  userId: string;
  csrfToken: string;
  /** Groups the identity provider named at sign-in (OpenID Connect); local groups are read from the user. */
  groups: string[];
  expiresAt: string;
  /** The Neo4j bookmarks of the session's last write (db/bookmarks.ts); empty before any. */
  bookmarks: string[];
}

export interface SessionSummary {
  /** A short, non-secret handle for the page's list of sessions (the first 12 characters of the hash). */
  handle: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  address: string | null;
}

export class Sessions {
  constructor(
    private readonly db: DatabaseSync,
    private readonly lifetimeMs: number,
  ) {}

  /** A new session; answers the id for the cookie (never stored) and the session. */
  create(userId: string, groups: readonly string[], address: string | undefined): { id: string; session: Session } {
    const id = newSecret();
    const session: Session = { userId, csrfToken: newSecret(), groups: [...groups], expiresAt: new Date(Date.now() + this.lifetimeMs).toISOString(), bookmarks: [] };
    this.db
      .prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, groups, created_at, expires_at, address) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(secretHash(id), userId, session.csrfToken, JSON.stringify(session.groups), nowIso(), session.expiresAt, address ?? null);
    return { id, session };
  }

  /** The live session with this cookie id; undefined when unknown, expired or revoked. */
  find(id: string): Session | undefined {
    const row = this.db
      .prepare('SELECT user_id, csrf_token, groups, expires_at, bookmarks FROM sessions WHERE id_hash = ? AND revoked_at IS NULL AND expires_at > ?')
      .get(secretHash(id), nowIso()) as { user_id: string; csrf_token: string; groups: string; expires_at: string; bookmarks: string | null } | undefined;
    return row
      ? { userId: row.user_id, csrfToken: row.csrf_token, groups: JSON.parse(row.groups) as string[], expiresAt: row.expires_at, bookmarks: row.bookmarks ? (JSON.parse(row.bookmarks) as string[]) : [] }
      : undefined;
  }

  /** Keeps the bookmarks of the session's last write (they replace the previous ones, which they include). */
  keepBookmarks(id: string, bookmarks: readonly string[]): void {
    this.db.prepare('UPDATE sessions SET bookmarks = ? WHERE id_hash = ?').run(JSON.stringify(bookmarks), secretHash(id));
  }

  /** Sign-out: the session with this cookie id ends. */
  end(id: string): boolean {
    return Number(this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL').run(nowIso(), secretHash(id)).changes) > 0;
  }

  /** An admin ends every live session of a user; answers how many. */
  revokeUser(userId: string): number {
    return Number(this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(nowIso(), userId).changes);
  }

  /** An admin ends one session by its handle. */
  revokeHandle(handle: string): boolean {
    if (!/^[0-9a-f]{12}$/.test(handle)) return false;
    return Number(this.db.prepare("UPDATE sessions SET revoked_at = ? WHERE substr(id_hash, 1, 12) = ? AND revoked_at IS NULL").run(nowIso(), handle).changes) > 0;
  }

  live(userId?: string): SessionSummary[] {
    const rows = this.db
      .prepare(`SELECT substr(id_hash, 1, 12) AS handle, user_id, created_at, expires_at, address FROM sessions WHERE revoked_at IS NULL AND expires_at > ? ${userId ? 'AND user_id = ?' : ''} ORDER BY created_at`)
      .all(...(userId ? [nowIso(), userId] : [nowIso()])) as { handle: string; user_id: string; created_at: string; expires_at: string; address: string | null }[];
    return rows.map((r) => ({ handle: r.handle, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at, address: r.address }));
  }
}
