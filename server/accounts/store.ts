// The accounts store: users, grants, sessions, token hashes, sign-in throttling and the audit trail, in
// SQLite beside the graph (never in Neo4j, so no console query or export can reach them).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * The schema, one migration per entry; `PRAGMA user_version` says how many ran. Append only: a
 * released migration is never edited, a change is a new entry.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE COLLATE NOCASE,
     display_name TEXT NOT NULL,
     password_hash TEXT,
     oidc_issuer TEXT,
     oidc_subject TEXT,
     is_admin INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     disabled_at TEXT,
     UNIQUE (oidc_issuer, oidc_subject)
   );
   CREATE TABLE user_groups (
     user_id TEXT NOT NULL REFERENCES users(id),
     group_name TEXT NOT NULL,
     PRIMARY KEY (user_id, group_name)
   );
   CREATE TABLE grants (
     dataset TEXT NOT NULL,
     principal_kind TEXT NOT NULL CHECK (principal_kind IN ('user', 'group', 'everyone')),
     principal TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'reviewer', 'admin')),
     granted_by TEXT NOT NULL,
     granted_at TEXT NOT NULL,
     PRIMARY KEY (dataset, principal_kind, principal)
   );
   CREATE TABLE sessions (
     id_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id),
     csrf_token TEXT NOT NULL,
     groups TEXT NOT NULL DEFAULT '[]',
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     revoked_at TEXT,
     address TEXT
   );
   CREATE INDEX sessions_user ON sessions(user_id);
   CREATE TABLE tokens (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id),
     name TEXT NOT NULL,
     hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     revoked_at TEXT,
     last_used_at TEXT
   );
   CREATE TABLE sign_in_throttle (
     key TEXT PRIMARY KEY,
     failures INTEGER NOT NULL,
     blocked_until INTEGER NOT NULL
   );
   CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );
   CREATE TABLE audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     actor TEXT,
     address TEXT,
     action TEXT NOT NULL,
     target TEXT,
     outcome TEXT NOT NULL,
     detail TEXT
   );
   CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
   CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;`,
  // 2: OpenID Connect sign-ins under way (server/accounts/oidc.ts), here rather than in memory so that the
  // callback may reach another server process, or the same one after a restart. Single use, 10 minutes.
  `CREATE TABLE oidc_transactions (
     state_hash TEXT PRIMARY KEY,
     browser_hash TEXT NOT NULL,
     issuer TEXT NOT NULL,
     nonce TEXT NOT NULL,
     code_verifier TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX oidc_transactions_expiry ON oidc_transactions(expires_at);`,
  // 3: the Neo4j bookmarks of a session's (or token's) last write (db/bookmarks.ts), JSON, so that whichever server
  // process answers its next request reads from a Neo4j that has that write (a cluster's followers may lag).
  `ALTER TABLE sessions ADD COLUMN bookmarks TEXT;
   ALTER TABLE tokens ADD COLUMN bookmarks TEXT;`,
];

/** Opens (creating when new) the store at `file` and brings its schema up to date. */
export function openAccountStore(file: string): DatabaseSync {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  // WAL lets server processes on one machine share the file: readers never wait for the writer, and
  // a second writer waits (busy_timeout) instead of failing.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;');
  // The version is read inside the write transaction: two processes opening a new store at once
  // take turns, and the second finds the first's migrations done.
  for (;;) {
    const done = inTransaction(db, () => {
      const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
      const next = MIGRATIONS[version];
      if (next === undefined) return true;
      db.exec(next);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      return false;
    });
    if (done) break;
  }
  return db;
}

/** Runs `work` in one write transaction (BEGIN IMMEDIATE: the write lock first, so two processes never deadlock). */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

export const nowIso = (): string => new Date().toISOString();
