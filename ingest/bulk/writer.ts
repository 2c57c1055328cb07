// Writes valid bulk rows in batches, one transaction per batch (entities of every label together, relationships
// per type), with UNWIND; each batch records the ids it created in a journal node of the same transaction (see runs.ts).
import type { Database } from '../../db/database.ts';
import { ConflictError, ENTITY_LABEL, SOURCE_LABEL, type Model } from '../../model/index.ts';
import { allDateKeys, dateKeys, setDates, type StoredRelationRow, type StoredRow } from '../rows.ts';
import { identifier, JOURNAL_LABEL, type JournalKind } from './runs.ts';

/** A batch wrote fewer rows than it carried (an endpoint vanished meanwhile); the run is rolled back. */
export class BulkWriteError extends ConflictError {
  constructor(message: string) {
    super(message, 'bulk_write_failed');
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

const journal = (kind: JournalKind, group: string) =>
  `WITH count(*) AS rows, collect(CASE WHEN fresh THEN row.id END) AS created
   FOREACH (_ IN CASE WHEN size(created) > 0 THEN [1] ELSE [] END |
     CREATE (:${JOURNAL_LABEL} {run: $run, seq: $seq, kind: '${kind}', type: '${group}', ids: created}))
   RETURN rows, size(created) AS created`;

/**
 * The statements for one group. Create-only: an element whose id exists is left as it is, so
 * a rerun writes nothing and a rollback (deleting what the journal lists) restores the database.
 */
export function statementsFor(kind: JournalKind, group: string, update: boolean, model: Model): string[] {
  const E = ENTITY_LABEL;
  const S = SOURCE_LABEL;
  const statements: string[] = [];
  if (kind === 'source') {
    if (update) statements.push(`UNWIND $rows AS row MATCH (n:${S} {id: row.id}) SET n = row.props, ${setDates('n', ['published'])}`);
    statements.push(
      `UNWIND $rows AS row
       OPTIONAL MATCH (existing:${S} {id: row.id})
       WITH row, existing IS NULL AS fresh
       FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
         CREATE (n:${S}) SET n = row.props, ${setDates('n', ['published'])})
       ${journal(kind, S)}`,
    );
    return statements;
  }
  if (kind === 'entity') {
    // Every label in one statement (dynamic labels, Neo4j 5.26): one plan to compile instead of one per
    // label, and full batches whatever the mix of labels (per label, a 10k load was seven small batches).
    const keys = allDateKeys(model.labels);
    const labels = model.labels.map((l) => identifier(l.label));
    if (update) {
      statements.push(
        `UNWIND $rows AS row MATCH (n:${E} {id: row.id}) SET n = row.props, ${setDates('n', keys)}, n:$(row.label)
         REMOVE n:$([l IN ${JSON.stringify(labels)} WHERE l <> row.label])`,
      );
    }
    statements.push(
      `UNWIND $rows AS row
       OPTIONAL MATCH (existing:${E} {id: row.id})
       WITH row, existing IS NULL AS fresh
       FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
         CREATE (n:${E}:$(row.label)) SET n = row.props, ${setDates('n', keys)})
       ${journal(kind, E)}`,
    );
    return statements;
  }
  const type = identifier(group);
  const keys = dateKeys(model.relation(type));
  if (update) {
    // A relation id that now names other ends: its old relationship goes (same type only).
    statements.push(`UNWIND $rows AS row MATCH (x)-[old:${type} {id: row.id}]->(y) WHERE x.id <> row.from OR y.id <> row.to DELETE old`);
    statements.push(`UNWIND $rows AS row MATCH (:${E} {id: row.from})-[r:${type} {id: row.id}]->(:${E} {id: row.to}) SET r = row.props, ${setDates('r', keys)}`);
  }
  statements.push(
    `UNWIND $rows AS row
     MATCH (a:${E} {id: row.from})
     MATCH (b:${E} {id: row.to})
     // By the relationship id index, not by expanding a: a hub has thousands of relationships.
     OPTIONAL MATCH ()-[existing:${type} {id: row.id}]->()
     WITH a, b, row, existing IS NULL AS fresh
     FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
       CREATE (a)-[r:${type}]->(b) SET r = row.props, ${setDates('r', keys)})
     ${journal(kind, type)}`,
  );
  return statements;
}

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
    if (!buffer) this.buffers.set(key, (buffer = { kind, group, rows: [] }));
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
