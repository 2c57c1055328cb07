// What every route handler needs: the database and a logger, passed in rather than imported.
import type { Database } from '../db/database.ts';
import type { SupervisedState } from '../db/neo4j-supervisor.ts';
import type { Accounts } from './accounts/accounts.ts';
import type { AuthConfig } from './config.ts';
import type { Catalog } from './services/catalog.ts';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AppContext {
  db: Database;
  /** The console's own connection (NEO4J_CONSOLE_USERNAME), when the deployment gives it a read-only user. */
  consoleDb?: Database;
  log: Logger;
  /** Set while the server warms up (query plans); health says 'warming' with the reason meanwhile. */
  readiness?: Readiness;
  /** Accounts, sessions, tokens, grants and the audit trail (server/accounts/); in memory when not given (tests in owner mode). */
  accounts?: Accounts;
  /** Owner or team mode and its settings (server/config.ts); owner mode when not given. */
  auth?: Pick<AuthConfig, 'mode' | 'sessionHours' | 'cookieSecure' | 'auditReads' | 'oidc'>;
  /** Above this many nodes the page opens on the schema view (OVERVIEW_MAX_NODES; services/schema.ts has the default). */
  overviewMaxNodes?: number;
  /** The schema catalog, when the composition root shares it with the warm-up (main.ts); else the app makes its own. */
  catalog?: Catalog;
}

/**
 * Whether the server is warm, and whether the embedded database it supervises is up. Health answers 200
 * while warming ('warming' tells a balancer to hold traffic a while) and 503 while Neo4j is down.
 */
export class Readiness {
  private reason: string | undefined;
  private database: SupervisedState = { state: 'running' };

  warming(reason: string): void {
    this.reason = reason;
  }

  ready(): void {
    this.reason = undefined;
  }

  /** The supervisor's word on the embedded database (db/neo4j-supervisor.ts). */
  databaseState(state: SupervisedState): void {
    this.database = state;
  }

  /** Why Neo4j is away, when the supervisor knows: restarting it, or given up on it. */
  get databaseDown(): { status: 'restarting' | 'failed'; reason: string } | undefined {
    return this.database.state === 'running' ? undefined : { status: this.database.state, reason: this.database.reason };
  }

  get status(): { status: 'ok' } | { status: 'warming'; reason: string } {
    return this.reason ? { status: 'warming', reason: this.reason } : { status: 'ok' };
  }
}

/** Structured logs: one JSON object per line. */
export function jsonLogger(stream: NodeJS.WritableStream = process.stdout, quiet = false): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    if (quiet && level === 'info') return;
    stream.write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n');
  };
  return { info: (m, f) => write('info', m, f), error: (m, f) => write('error', m, f) };
}
