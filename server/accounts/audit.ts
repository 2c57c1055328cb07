// The append-only audit trail: every write, sign-in, failed sign-in, refusal, grant and token change, with
// who, when, from where, what and the outcome. Never a password, token or session id (callers pass none,
// and `detail` is checked for secret-looking values before it is stored).
import type { DatabaseSync } from 'node:sqlite';
import { TOKEN_PREFIX } from './tokens.ts';
import { nowIso } from './store.ts';

export type AuditOutcome = 'ok' | 'refused' | 'failed';

export interface AuditEntry {
  seq: number;
  at: string;
  /** The user's id, 'owner' in owner mode, or null for an unknown party (a failed sign-in). */
  actor: string | null;
  address: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  detail: Record<string, unknown> | null;
}

/** Keys whose values are never written to the trail, whatever a caller passes. */
const SECRET_KEYS = /pass(word)?|secret|token|session|cookie|authorization/i;

function scrub(detail: Record<string, unknown> | undefined): string | null {
  if (!detail) return null;
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(detail)) {
    if (SECRET_KEYS.test(key)) continue;
    if (typeof value === 'string' && value.startsWith(TOKEN_PREFIX)) continue;
    safe[key] = value;
  }
  return JSON.stringify(safe);
}

export class AuditTrail {
  constructor(private readonly db: DatabaseSync) {}

  record(entry: { actor: string | null; address?: string | undefined; action: string; target?: string | undefined; outcome: AuditOutcome; detail?: Record<string, unknown> }): void {
    this.db
      .prepare('INSERT INTO audit (at, actor, address, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(nowIso(), entry.actor, entry.address ?? null, entry.action, entry.target ?? null, entry.outcome, scrub(entry.detail));
  }

  /** The newest entries first, `limit` of them, before `beforeSeq` when paging back, by actor or action. */
  read(options: { limit: number; beforeSeq?: number; actor?: string; action?: string }): AuditEntry[] {
    // Each filter is `? IS NULL OR column = ?`: one statement whatever is given, every value a parameter.
    const rows = this.db
      .prepare('SELECT * FROM audit WHERE (? IS NULL OR seq < ?) AND (? IS NULL OR actor = ?) AND (? IS NULL OR action = ?) ORDER BY seq DESC LIMIT ?')
      .all(...[options.beforeSeq, options.actor, options.action].flatMap((v) => [v ?? null, v ?? null]), options.limit) as unknown as AuditRow[];
    return rows.map(toEntry);
  }

  /** Every entry in order, for the JSON-lines export, read a thousand at a time. */
  *all(): Iterable<AuditEntry> {
    let after = 0;
    for (;;) {
      const rows = this.db.prepare('SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT 1000').all(after) as unknown as AuditRow[];
      if (!rows.length) return;
      yield* rows.map(toEntry);
      after = (rows[rows.length - 1] as AuditRow).seq;
    }
  }
}

type AuditRow = Omit<AuditEntry, 'detail'> & { detail: string | null };

const toEntry = (row: AuditRow): AuditEntry => ({ ...row, detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null });
