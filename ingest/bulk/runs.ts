// Import runs: one bulk import at a time (a lock node), a journal of what each batch created, and the
// recovery that deletes what an unfinished run created, so a killed import leaves the database as it was.
import os from 'node:os';
import type { Database } from '../../db/database.ts';
import { namedQuery } from '../../db/named-queries.ts';
import { ConflictError, IMPORT_JOURNAL_LABEL, IMPORT_RUN_LABEL } from '../../model/index.ts';
import { identifier, undoRelationsStatement } from './statements.ts';
import type { DatasetRecord } from '../datasets.ts';

export const RUN_LABEL = IMPORT_RUN_LABEL;
export const JOURNAL_LABEL = IMPORT_JOURNAL_LABEL;

/** A heartbeat older than this marks a run whose importer is gone (killed, or its machine died). */
export const STALE_AFTER_SECONDS = 60;
const HEARTBEAT_MS = 5_000;

/** Another import is running right now (its heartbeat is fresh); wait for it or stop it first. */
export class ImportBusyError extends ConflictError {
  constructor(readonly run: RunInfo) {
    super(`another bulk import (${run.id}, pid ${run.pid} on ${run.host}) is running; its last heartbeat was ${run.idleSeconds} s ago`, 'import_busy');
  }
}

export interface RunInfo {
  id: string;
  status: string;
  pid: number;
  host: string;
  idleSeconds: number;
}

export type JournalKind = 'source' | 'entity' | 'relation';

export { identifier };

/** The lock constraint: at most one ImportRun node exists, so two imports cannot start together. */
export async function ensureRunSchema(db: Database): Promise<void> {
  await db.write(namedQuery('import-run-lock').cypher);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A run nobody will finish: complete but not cleaned up, or its importer is gone. */
export function isAbandoned(run: RunInfo, staleAfterSeconds = STALE_AFTER_SECONDS): boolean {
  if (run.status === 'complete') return true;
  if (run.host === os.hostname() && run.pid !== process.pid && !processAlive(run.pid)) return true;
  return run.idleSeconds > staleAfterSeconds;
}

export async function currentRun(db: Database): Promise<RunInfo | undefined> {
  const { rows } = await db.read(namedQuery('import-run-current').cypher);
  const row = rows[0];
  if (!row) return undefined;
  return { id: String(row.id), status: String(row.status), pid: Number(row.pid), host: String(row.host), idleSeconds: Number(row.idle) };
}

export interface RecoveryReport {
  run: string;
  /** 'rolled-back': an unfinished run's writes were deleted; 'completed': a finished run's bookkeeping was removed. */
  outcome: 'rolled-back' | 'completed';
  deleted: { sources: number; entities: number; relations: number };
}

/**
 * Deletes what run `runId` created, journal by journal (relationships first, the dataset record it created
 * last), each journal with its elements in one transaction, so an interrupted recovery can simply run again.
 */
export async function rollBackRun(db: Database, runId: string): Promise<RecoveryReport['deleted']> {
  const deleted = { sources: 0, entities: 0, relations: 0 };
  for (const kind of ['relation', 'entity', 'source', 'dataset'] as const) {
    for (;;) {
      const { rows } = await db.read(namedQuery('import-journals-of-run').cypher, { run: runId, kind });
      if (!rows.length) break;
      for (const row of rows) {
        const ids = (row.ids as string[]) ?? [];
        const target =
          kind === 'relation'
            ? undoRelationsStatement(String(row.type))
            : kind === 'source'
              ? namedQuery('import-undo-sources').cypher
              : kind === 'dataset'
                ? namedQuery('import-undo-datasets').cypher
                : namedQuery('import-undo-entities').cypher;
        await db.writeTransaction(async (tx) => {
          const result = await tx.run(target, { ids });
          if (kind !== 'dataset') deleted[kind === 'relation' ? 'relations' : kind === 'entity' ? 'entities' : 'sources'] += Number(result[0]?.n ?? 0);
          await tx.run(namedQuery('import-journal-delete').cypher, { run: runId, seq: row.seq });
        });
      }
    }
  }
  await db.write(namedQuery('import-run-delete').cypher, { run: runId });
  return deleted;
}

/**
 * Records the dataset a run writes (its (:Dataset) node, which the catalog lists) before the run's first
 * batch; when the run creates it, the run's journal lists it (batch 0), so a rollback removes it too.
 * `title` (given by hand) replaces the title of a dataset that exists.
 */
export async function recordRunDataset(db: Database, runId: string, dataset: DatasetRecord, title?: string): Promise<boolean> {
  const { rows } = await db.write(namedQuery('import-dataset-begin').cypher, { dataset, title: title ?? null, run: runId });
  return rows[0]?.created === true;
}

/** Drops a finished run's journals and its lock node; the data it wrote stays. */
export async function discardJournals(db: Database, runId: string): Promise<void> {
  for (;;) {
    const { rows } = await db.write(namedQuery('import-journals-discard').cypher, { run: runId });
    if (Number(rows[0]?.n ?? 0) === 0) break;
  }
  await db.write(namedQuery('import-run-delete').cypher, { run: runId });
}

export interface RecoverOptions {
  /** Treat a running import as abandoned whatever its heartbeat says (when you know its process is dead). */
  force?: boolean;
  staleAfterSeconds?: number;
  log?: (line: string) => void;
}

/**
 * Cleans up after an import that did not finish: deletes everything its batches created (the
 * database is then as it was before that import started). A finished run's leftover bookkeeping is
 * removed without touching its data. Throws ImportBusyError when a live import holds the lock.
 * Returns undefined when there was nothing to do.
 */
export async function recoverUnfinishedImports(db: Database, options: RecoverOptions = {}): Promise<RecoveryReport | undefined> {
  const run = await currentRun(db);
  if (!run) {
    // Journals without a run node: a run whose lock was deleted by hand; treat as unfinished.
    const { rows } = await db.read(namedQuery('import-journals-orphan').cypher);
    if (!rows[0]) return undefined;
    const orphan = String(rows[0].run);
    options.log?.(`import: rolling back journals of run ${orphan} (no run record)`);
    return { run: orphan, outcome: 'rolled-back', deleted: await rollBackRun(db, orphan) };
  }
  if (!options.force && !isAbandoned(run, options.staleAfterSeconds)) throw new ImportBusyError(run);
  if (run.status === 'complete') {
    await discardJournals(db, run.id);
    return { run: run.id, outcome: 'completed', deleted: { sources: 0, entities: 0, relations: 0 } };
  }
  options.log?.(`import: run ${run.id} (pid ${run.pid} on ${run.host}) did not finish; deleting what it wrote...`);
  const deleted = await rollBackRun(db, run.id);
  options.log?.(`import: rolled back run ${run.id}: ${deleted.entities} entities, ${deleted.relations} relations, ${deleted.sources} sources deleted`);
  return { run: run.id, outcome: 'rolled-back', deleted };
}

/** The lock of a started run and its heartbeat. */
export interface RunHandle {
  id: string;
  /** Marks the run finished (its writes are kept) and drops the journals and the lock. */
  complete(): Promise<void>;
  /** Deletes everything the run wrote and drops the lock. */
  rollBack(): Promise<RecoveryReport['deleted']>;
  /** Stops the heartbeat without touching the database (the process is going away). */
  stopHeartbeat(): void;
  progress(info: Record<string, number | string>): void;
}

/**
 * Takes the import lock for a new run. An abandoned earlier run is rolled back first (so an import
 * killed midway is undone by the next one); a live one makes this throw ImportBusyError.
 */
export async function beginRun(db: Database, runId: string, files: string[], options: RecoverOptions = {}): Promise<{ handle: RunHandle; recovered?: RecoveryReport }> {
  await ensureRunSchema(db);
  let recovered: RecoveryReport | undefined;
  let acquired = false;
  for (let attempt = 0; attempt < 3 && !acquired; attempt++) {
    const { rows } = await db.write(namedQuery('import-run-begin').cypher, { run: runId, pid: process.pid, host: os.hostname(), files });
    acquired = rows[0]?.id === runId;
    if (!acquired) recovered = await recoverUnfinishedImports(db, options);
  }
  if (!acquired) {
    const holder = await currentRun(db);
    if (holder) throw new ImportBusyError(holder);
    throw new Error('could not take the bulk import lock');
  }
  // Journals left by a run whose lock node was removed by hand would otherwise outlive it.
  const orphans = await db.read(namedQuery('import-journals-others').cypher, { run: runId });
  for (const row of orphans.rows) await rollBackRun(db, String(row.run));

  let latest: Record<string, number | string> = {};
  let beating = false;
  const timer = setInterval(() => {
    if (beating) return;
    beating = true;
    db.write(namedQuery('import-run-heartbeat').cypher, { run: runId, progress: JSON.stringify(latest) })
      .catch(() => {})
      .finally(() => (beating = false));
  }, HEARTBEAT_MS);
  timer.unref();
  const handle: RunHandle = {
    id: runId,
    async complete() {
      clearInterval(timer);
      // 'complete' first: if we die while dropping journals, recovery keeps the data.
      await db.write(namedQuery('import-run-complete').cypher, { run: runId });
      await discardJournals(db, runId);
    },
    async rollBack() {
      clearInterval(timer);
      return rollBackRun(db, runId);
    },
    stopHeartbeat() {
      clearInterval(timer);
    },
    progress(info) {
      latest = info;
    },
  };
  return { handle, ...(recovered ? { recovered } : {}) };
}
