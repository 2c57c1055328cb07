// Sign-in back-off, per account and per address, kept in the store so every server process counts the
// same failures: after a few failures each further one doubles the wait (1 s up to 15 min).
import type { DatabaseSync } from 'node:sqlite';

const FREE_FAILURES = 3;
const MAX_WAIT_MS = 15 * 60_000;

export class SignInThrottle {
  constructor(private readonly db: DatabaseSync) {}

  /** Milliseconds until any of `keys` may try again; 0 when all may. */
  waitMs(keys: readonly string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const row = this.db.prepare('SELECT blocked_until FROM sign_in_throttle WHERE key = ?').get(key) as { blocked_until: number } | undefined;
      if (row) wait = Math.max(wait, row.blocked_until - now);
    }
    return wait;
  }

  failed(keys: readonly string[], now = Date.now()): void {
    for (const key of keys) {
      const row = this.db.prepare('SELECT failures FROM sign_in_throttle WHERE key = ?').get(key) as { failures: number } | undefined;
      const failures = (row?.failures ?? 0) + 1;
      const wait = failures <= FREE_FAILURES ? 0 : Math.min(MAX_WAIT_MS, 1_000 * 2 ** (failures - FREE_FAILURES - 1));
      this.db
        .prepare('INSERT INTO sign_in_throttle (key, failures, blocked_until) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, blocked_until = excluded.blocked_until')
        .run(key, failures, now + wait);
    }
  }

  succeeded(keys: readonly string[]): void {
    for (const key of keys) this.db.prepare('DELETE FROM sign_in_throttle WHERE key = ?').run(key);
  }
}
