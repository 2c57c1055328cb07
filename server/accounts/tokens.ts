// Personal API tokens for scripts: named, with an expiry, stored only as a hash, shown once, revocable;
// a token acts with its owner's rights.
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { newSecret, secretHash } from './secrets.ts';
import { nowIso } from './store.ts';

/** Every token starts so: a leaked one is recognisable by secret scanners and in logs. */
export const TOKEN_PREFIX = 'cgt_';

export interface TokenInfo {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  revoked: boolean;
  lastUsedAt: string | null;
}

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const toInfo = (r: TokenRow): TokenInfo => ({ id: r.id, userId: r.user_id, name: r.name, createdAt: r.created_at, expiresAt: r.expires_at, revoked: r.revoked_at !== null, lastUsedAt: r.last_used_at });

export class Tokens {
  constructor(private readonly db: DatabaseSync) {}

  /** A new token; the secret is answered here once and never again. */
  create(userId: string, name: string, expiresAt: Date): { secret: string; token: TokenInfo } {
    const id = randomUUID();
    const secret = newSecret(TOKEN_PREFIX);
    this.db.prepare('INSERT INTO tokens (id, user_id, name, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, userId, name, secretHash(secret), nowIso(), expiresAt.toISOString());
    return { secret, token: this.byId(id) as TokenInfo };
  }

  byId(id: string): TokenInfo | undefined {
    const row = this.db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as TokenRow | undefined;
    return row ? toInfo(row) : undefined;
  }

  /** The owner of a live token; undefined when unknown, expired or revoked. Notes its use. */
  use(secret: string): { userId: string; tokenId: string; bookmarks: string[] } | undefined {
    if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
    const now = nowIso();
    const row = this.db.prepare('SELECT id, user_id, bookmarks FROM tokens WHERE hash = ? AND revoked_at IS NULL AND expires_at > ?').get(secretHash(secret), now) as
      | { id: string; user_id: string; bookmarks: string | null }
      | undefined;
    if (!row) return undefined;
    this.db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?').run(now, row.id);
    return { userId: row.user_id, tokenId: row.id, bookmarks: row.bookmarks ? (JSON.parse(row.bookmarks) as string[]) : [] };
  }

  /** Keeps the Neo4j bookmarks of the last write made with this token (db/bookmarks.ts), as a session keeps its own. */
  keepBookmarks(tokenId: string, bookmarks: readonly string[]): void {
    this.db.prepare('UPDATE tokens SET bookmarks = ? WHERE id = ?').run(JSON.stringify(bookmarks), tokenId);
  }

  list(userId?: string): TokenInfo[] {
    const rows = userId ? this.db.prepare('SELECT * FROM tokens WHERE user_id = ? ORDER BY created_at').all(userId) : this.db.prepare('SELECT * FROM tokens ORDER BY created_at').all();
    return (rows as unknown as TokenRow[]).map(toInfo);
  }

  revoke(id: string): boolean {
    return Number(this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(nowIso(), id).changes) > 0;
  }
}
