// Writes valid bulk rows in batches, one transaction per batch (entities of every label together, relationships
// per type), with UNWIND; each batch records the ids it created in a journal node of the same transaction (see runs.ts).
import type { Database } from '../../db/database.ts';
import { ConflictError, ENTITY_LABEL, type Model } from '../../model/index.ts';
import type { StoredRelationRow, StoredRow } from '../rows.ts';
import type { Elsewhere } from '../datasets.ts';
import type { JournalKind } from './runs.ts';
import { statementsFor } from './statements.ts';

/** A batch wrote fewer rows than it carried (an endpoint vanished meanwhile); the run is rolled back. */
export class BulkWriteError extends ConflictError {
  constructor(message: string) {
    super(message, 'bulk_write_failed');
  }
}

/**
 * A batch met ids that elements of another dataset hold (validation looks them up; this catches what it could
 * not see, such as an element written meanwhile). The batch was rolled back; the importer rolls the run back
 * and reports each id as the ingest rules word it.
 */
export class DatasetConflictError extends ConflictError {
  constructor(readonly elsewhere: Elsewhere[]) {
    super(`${elsewhere.length} id${elsewhere.length === 1 ? '' : 's'} of the import already belong${elsewhere.length === 1 ? 's' : ''} to another dataset`, 'dataset_conflict');
  }
}

export interface WriterOptions {
  run: string;
  /** Which date properties each label and type has. */
  model: Model;
  /** Rows per transaction. */
  batchSize: number;
  /** Transactions in flight at once. */
  concurrency: number;
  /** Also overwrite elements that already exist (not undone by a rollback); default: create only. */
  update: boolean;
  onBatch?: (info: BatchInfo) => void;
}

export interface BatchInfo {
  kind: JournalKind;
  group: string;
  rows: number;
  created: number;
  ms: number;
  seq: number;
}

export interface WriteCounts {
  sources: { rows: number; created: number };
  entities: { rows: number; created: number };
  relations: { rows: number; created: number };
  byLabel: Record<string, number>;
  byType: Record<string, number>;
  batches: number;
}

/** An entity row as the writer sends it: with its label, which the statement sets dynamically. */
type LabelledRow = StoredRow & { label: string };

function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('Neo.TransientError') || code.includes('DeadlockDetected'));
}

/** Buffers rows per group and writes full batches, a few transactions at a time. */
export class BatchWriter {
  readonly counts: WriteCounts = {
    sources: { rows: 0, created: 0 },
    entities: { rows: 0, created: 0 },
    relations: { rows: 0, created: 0 },
    byLabel: {},
    byType: {},
    batches: 0,
  };
  private readonly buffers = new Map<string, { kind: JournalKind; group: string; rows: (StoredRow | StoredRelationRow)[] }>();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;
  private seq = 0;

  constructor(
    private readonly db: Database,
    private readonly options: WriterOptions,
  ) {}

  /** Adds a row; resolves once there is room for more (backpressure keeps memory bounded). */
  async add(kind: JournalKind, group: string, row: StoredRow | StoredRelationRow): Promise<void> {
    if (kind === 'entity') {
      // Entities of every label share batches; each row carries its label (statementsFor).
      (row as LabelledRow).label = group;
      group = ENTITY_LABEL;
    }
    const key = `${kind}:${group}`;
    let buffer = this.buffers.get(key);
    if (!buffer) {
      buffer = { kind, group, rows: [] };
      this.buffers.set(key, buffer);
    }
    buffer.rows.push(row);
    if (buffer.rows.length >= this.options.batchSize) {
      this.buffers.delete(key);
      await this.submit(buffer.kind, buffer.group, buffer.rows);
    }
  }

  /** Writes every partial batch and waits for all transactions. */
  async flush(): Promise<void> {
    for (const [key, buffer] of this.buffers) {
      this.buffers.delete(key);
      if (buffer.rows.length) await this.submit(buffer.kind, buffer.group, buffer.rows);
    }
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
  }

  private async submit(kind: JournalKind, group: string, rows: (StoredRow | StoredRelationRow)[]): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.inFlight.size >= this.options.concurrency) {
      await Promise.race(this.inFlight);
      if (this.failure) throw this.failure;
    }
    const seq = ++this.seq;
    const task = this.write(kind, group, rows, seq).catch((error: unknown) => {
      this.failure ??= error;
    });
    const tracked = task.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async write(kind: JournalKind, group: string, rows: (StoredRow | StoredRelationRow)[], seq: number): Promise<void> {
    const statements = statementsFor(kind, group, this.options.update, this.options.model);
    const started = performance.now();
    let result: { rows: number; created: number } | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        result = await this.db.writeTransaction(async (tx) => {
          let last: Record<string, unknown>[] = [];
          for (const statement of statements) last = await tx.run(statement, { rows, run: this.options.run, seq });
          // Thrown inside the transaction: the batch writes nothing.
          const conflicts = (last[0]?.conflicts ?? []) as { id: string; dataset: string }[];
          if (conflicts.length) throw new DatasetConflictError(conflicts.map((c) => ({ id: String(c.id), kind, dataset: String(c.dataset) })));
          return { rows: Number(last[0]?.rows ?? 0), created: Number(last[0]?.created ?? 0) };
        });
        break;
      } catch (error) {
        // Two batches touching the same hub can deadlock; Neo4j aborts one, which simply runs again.
        if (attempt >= 6 || !isTransient(error)) throw error;
        await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
      }
    }
    if (result.rows !== rows.length) {
      throw new BulkWriteError(`a batch of ${rows.length} ${group} ${kind === 'relation' ? 'relationships' : 'nodes'} wrote ${result.rows}: an endpoint is missing from the database`);
    }
    const counts = kind === 'source' ? this.counts.sources : kind === 'entity' ? this.counts.entities : this.counts.relations;
    counts.rows += result.rows;
    counts.created += result.created;
    if (kind === 'entity') for (const row of rows as LabelledRow[]) this.counts.byLabel[row.label] = (this.counts.byLabel[row.label] ?? 0) + 1;
    if (kind === 'relation') this.counts.byType[group] = (this.counts.byType[group] ?? 0) + result.rows;
    this.counts.batches++;
    this.options.onBatch?.({ kind, group, rows: result.rows, created: result.created, ms: performance.now() - started, seq });
  }
}
