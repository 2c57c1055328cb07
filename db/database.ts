// The only importer of neo4j-driver: connects, runs reads (auto-commit) and write transactions, and turns
// every Neo4j value into a plain JSON-safe value at this boundary.
import neo4j, {
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type Result,
  type Session,
  type Record as Neo4jRecord,
  Neo4jError,
  isNode,
  isRelationship,
  isPath,
  isInt,
  isPoint,
  isDate,
  isDateTime,
  isLocalDateTime,
  isLocalTime,
  isTime,
  isDuration,
} from 'neo4j-driver';
import { CivicGraphError } from '../model/index.ts';
import { bookmarkKeeper } from './bookmarks.ts';
import { CypherError, DatabaseAuthError, DatabaseUnavailableError, MemoryLimitError, ReadOnlyError, TimeoutError } from './errors.ts';

export interface PlainNode {
  kind: 'node';
  elementId: string;
  labels: string[];
  properties: Record<string, PlainValue>;
}

export interface PlainRelationship {
  kind: 'relationship';
  elementId: string;
  type: string;
  startElementId: string;
  endElementId: string;
  properties: Record<string, PlainValue>;
}

export interface PlainPath {
  kind: 'path';
  nodes: PlainNode[];
  relationships: PlainRelationship[];
}

export type PlainValue =
  | null
  | boolean
  | number
  | string
  | PlainValue[]
  | PlainNode
  | PlainRelationship
  | PlainPath
  | { [key: string]: PlainValue };

export type Row = Record<string, PlainValue>;

export interface PlanOperator {
  operatorType: string;
  arguments: Record<string, PlainValue>;
  identifiers: string[];
  children: PlanOperator[];
}

export interface RunResult {
  keys: string[];
  rows: Row[];
  /** More rows existed than `maxRows` allowed. */
  truncated: boolean;
  /** Neo4j's query type (r, w, rw, s); 'unknown' when the summary does not say, which the console refuses. */
  queryType: string;
  plan?: PlanOperator;
  ms: number;
}

export interface RunOptions {
  maxRows?: number;
  /** Server-side transaction timeout. */
  timeoutMs?: number;
}

export type Params = Record<string, unknown>;

/** A write transaction's handle: everything run through it commits or rolls back together. */
export interface WriteTx {
  run(cypher: string, params?: Params): Promise<Row[]>;
}

export interface ServerInfo {
  version: string;
  edition: string;
}

export function isPlainNode(value: PlainValue): value is PlainNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'node' && 'labels' in value;
}

export function isPlainRelationship(value: PlainValue): value is PlainRelationship {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'relationship' && 'startElementId' in value;
}

export function isPlainPath(value: PlainValue): value is PlainPath {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'path' && 'relationships' in value;
}

function plainProperties(properties: Record<string, unknown>): Record<string, PlainValue> {
  const out: Record<string, PlainValue> = {};
  for (const [key, value] of Object.entries(properties)) out[key] = toPlain(value);
  return out;
}

function plainNode(node: { elementId: string; labels: string[]; properties: Record<string, unknown> }): PlainNode {
  return { kind: 'node', elementId: node.elementId, labels: [...node.labels], properties: plainProperties(node.properties) };
}

function plainRelationship(rel: {
  elementId: string;
  type: string;
  startNodeElementId: string;
  endNodeElementId: string;
  properties: Record<string, unknown>;
}): PlainRelationship {
  return {
    kind: 'relationship',
    elementId: rel.elementId,
    type: rel.type,
    startElementId: rel.startNodeElementId,
    endElementId: rel.endNodeElementId,
    properties: plainProperties(rel.properties),
  };
}

/** Converts any value the driver returns into plain JSON-safe data. */
export function toPlain(value: unknown): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (isNode(value)) return plainNode(value);
  if (isRelationship(value)) return plainRelationship(value);
  if (isPath(value)) {
    const nodes = [plainNode(value.start)];
    const relationships: PlainRelationship[] = [];
    for (const segment of value.segments) {
      relationships.push(plainRelationship(segment.relationship));
      nodes.push(plainNode(segment.end));
    }
    return { kind: 'path', nodes, relationships };
  }
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isLocalTime(value) || isTime(value) || isDuration(value)) {
    return value.toString();
  }
  if (isPoint(value)) {
    const srid = toPlain(value.srid);
    return value.z === undefined ? { srid, x: value.x, y: value.y } : { srid, x: value.x, y: value.y, z: value.z };
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'object') {
    const out: Record<string, PlainValue> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = toPlain(inner);
    return out;
  }
  return String(value);
}

/**
 * JavaScript numbers travel to Neo4j as floats, which LIMIT, SKIP and range() refuse; whole
 * numbers are sent as Neo4j integers instead, recursively through lists and maps.
 */
export function toNeo4jParams(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toNeo4jParams);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = toNeo4jParams(inner);
    return out;
  }
  return value;
}

function plainRecord(record: Neo4jRecord): Row {
  const row: Row = {};
  for (const key of record.keys) row[String(key)] = toPlain(record.get(key));
  return row;
}

function plainPlan(plan: unknown): PlanOperator | undefined {
  if (!plan || typeof plan !== 'object') return undefined;
  const p = plan as { operatorType: string; arguments: Record<string, unknown>; identifiers: string[]; children: unknown[] };
  return {
    operatorType: p.operatorType,
    arguments: plainProperties(p.arguments ?? {}),
    identifiers: p.identifiers ?? [],
    children: (p.children ?? []).map(plainPlan).filter((c): c is PlanOperator => c !== undefined),
  };
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

/** Maps a driver error onto the error family (model/errors.ts); anything unknown is rethrown as is. */
export function translateError(error: unknown): unknown {
  if (error instanceof CivicGraphError) return error;
  if (!(error instanceof Neo4jError)) {
    if (error instanceof Error && /ECONNREFUSED|connect|socket/i.test(error.message)) return new DatabaseUnavailableError();
    return error;
  }
  const code = error.code ?? '';
  // 'Connection was closed by server' (code ProtocolError) comes from a connection that was logging in when Neo4j died.
  if (UNAVAILABLE_CODES.has(code) || /Could not perform discovery|Failed to connect|Connection acquisition timed out|Connection was closed by server/i.test(error.message)) {
    return new DatabaseUnavailableError();
  }
  if (code.includes('TransactionTimedOut') || code.includes('Transaction.Terminated') && /timeout|timed out/i.test(error.message)) {
    return new TimeoutError('the query ran past its time limit and was stopped');
  }
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new DatabaseAuthError();
  }
  if (code === 'Neo.ClientError.Statement.AccessMode' || code.startsWith('Neo.ClientError.Security.Forbidden')) {
    return new ReadOnlyError(`refused by Neo4j: ${error.message}`);
  }
  if (code.startsWith('Neo.TransientError.General.MemoryPoolOutOfMemoryError') || code.includes('MemoryPoolOutOfMemory')) {
    return new MemoryLimitError();
  }
  if (code.startsWith('Neo.ClientError.Statement.') || code.startsWith('Neo.ClientError.Procedure.') || code.startsWith('Neo.ClientError.Schema.')) {
    return new CypherError(error.message, code);
  }
  return error;
}

export interface ConnectOptions {
  uri: string;
  username?: string;
  password?: string;
  database?: string;
}

/** Streams a result into plain rows, stopping at `maxRows` (the rest is discarded, not fetched). */
async function collect(result: Result, maxRows = Number.POSITIVE_INFINITY): Promise<Omit<RunResult, 'ms'>> {
  const rows: Row[] = [];
  let truncated = false;
  for await (const record of result) {
    if (rows.length >= maxRows) {
      truncated = true;
      break;
    }
    rows.push(plainRecord(record));
  }
  const summary = await result.summary();
  const keys = (await result.keys()).map(String);
  const plan = summary.plan ? plainPlan(summary.plan) : summary.profile ? plainPlan(summary.profile) : undefined;
  return { keys, rows, truncated, queryType: summary.queryType ?? 'unknown', plan };
}

/** A connection to one Neo4j database. */
export class Database {
  readonly database: string | undefined;
  private readonly driver: Driver;

  constructor(options: ConnectOptions) {
    // Every Neo4j gets credentials, the embedded one its launcher's password (embedded-neo4j.ts); none
    // given means no auth, which only a Neo4j with authentication turned off accepts.
    const auth = options.password ? neo4j.auth.basic(options.username ?? 'neo4j', options.password) : undefined;
    this.driver = neo4j.driver(options.uri, auth, {
      // Fail fast when Neo4j is gone: requests fail as unavailable within about two seconds instead of hanging.
      connectionTimeout: 2_000,
      // Waiting for a free pooled connection is not a sign that Neo4j is gone (connectionTimeout above
      // catches that): under 50 concurrent clients a 2 s wait here turned busy moments into 503s.
      connectionAcquisitionTimeout: 15_000,
      // One retry at most (the driver waits about 1 s before it); a longer budget allowed a second
      // retry 2 s later, so a killed Neo4j took 3 s to report (measured in reliability-faults.test.ts).
      maxTransactionRetryTime: 500,
      // A request may hold up to three sessions at once (Promise.all over queries).
      maxConnectionPoolSize: 150,
      disableLosslessIntegers: false,
      logging: { level: 'error', logger: () => {} },
    });
    this.database = options.database;
  }

  /** A session from the caller's bookmarks (db/bookmarks.ts), if the request under way has any: it sees their last write. */
  private session(mode: 'READ' | 'WRITE') {
    const bookmarks = bookmarkKeeper()?.read();
    return this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(bookmarks?.length ? { bookmarks } : {}),
    });
  }

  /** After a write committed: its bookmarks to the caller's keeper, so their next reads (in any process) wait for it. */
  private keepBookmarks(session: Session): void {
    const keeper = bookmarkKeeper();
    if (keeper) keeper.keep(session.lastBookmarks());
  }

  async verify(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.database });
    } catch (error) {
      throw translateError(error);
    }
  }

  async serverInfo(): Promise<ServerInfo> {
    const { rows } = await this.read('CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition');
    const row = rows[0] ?? {};
    return { version: String(row.version ?? 'unknown'), edition: String(row.edition ?? 'unknown') };
  }

  /** Runs one query in a read transaction (routed to followers in a cluster). */
  async read(cypher: string, params: Params = {}, options: RunOptions = {}): Promise<RunResult> {
    return this.run('READ', cypher, params, options);
  }

  /** Runs one query in a write transaction. */
  async write(cypher: string, params: Params = {}, options: RunOptions = {}): Promise<RunResult> {
    return this.run('WRITE', cypher, params, options);
  }

  private async run(mode: 'READ' | 'WRITE', cypher: string, params: Params, options: RunOptions): Promise<RunResult> {
    if (mode === 'READ') return this.autoCommitRead(cypher, params, options);
    const work = async (tx: ManagedTransaction) => collect(tx.run(cypher, toNeo4jParams(params)), options.maxRows);
    const config = options.timeoutMs ? { timeout: options.timeoutMs } : undefined;
    return this.timedWrite((session) => session.executeWrite(work, config));
  }

  /** One write in a WRITE session of its own, timed; once it committed, its bookmarks go to the caller's keeper. */
  private async timedWrite(write: (session: Session) => Promise<Omit<RunResult, 'ms'>>): Promise<RunResult> {
    const session = this.session('WRITE');
    const started = performance.now();
    try {
      const out = await write(session);
      this.keepBookmarks(session);
      return { ...out, ms: performance.now() - started };
    } catch (error) {
      throw translateError(error);
    } finally {
      await session.close().catch(() => {});
    }
  }

  /**
   * One read as an auto-commit query in a READ session: one round trip, where a managed read
   * transaction adds BEGIN and COMMIT (measured 3.0 ms against 5.8 ms p50 for RETURN 1). The
   * session's access mode still makes Neo4j refuse writes and routes to followers in a cluster; a
   * transient failure (a leader switch, a connection dropped) is retried once, as executeRead would.
   */
  private async autoCommitRead(cypher: string, params: Params, options: RunOptions): Promise<RunResult> {
    const started = performance.now();
    const config = options.timeoutMs ? { timeout: options.timeoutMs } : undefined;
    for (let attempt = 0; ; attempt++) {
      const session = this.session('READ');
      try {
        const out = await collect(session.run(cypher, toNeo4jParams(params), config), options.maxRows);
        return { ...out, ms: performance.now() - started };
      } catch (error) {
        if (attempt === 0 && neo4j.isRetryableError(error)) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          continue;
        }
        throw translateError(error);
      } finally {
        await session.close().catch(() => {});
      }
    }
  }

  /**
   * Runs one write as an auto-commit query in a WRITE session: the only way Neo4j runs a statement that
   * commits its own batches (`CALL { ... } IN TRANSACTIONS`), which a managed transaction refuses. Not
   * retried: such a statement may have committed some of its batches before a failure.
   */
  async writeInTransactions(cypher: string, params: Params = {}): Promise<RunResult> {
    return this.timedWrite((session) => collect(session.run(cypher, toNeo4jParams(params))));
  }

  /** Runs `work` in one write transaction: it all commits, or nothing does. */
  async writeTransaction<T>(work: (tx: WriteTx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    const session = this.session('WRITE');
    const tx = session.beginTransaction(options.timeoutMs ? { timeout: options.timeoutMs } : undefined);
    const handle: WriteTx = {
      async run(cypher, params = {}) {
        const result: QueryResult = await tx.run(cypher, toNeo4jParams(params));
        return result.records.map(plainRecord);
      },
    };
    try {
      const value = await work(handle);
      await tx.commit();
      this.keepBookmarks(session);
      return value;
    } catch (error) {
      if (tx.isOpen()) await tx.rollback().catch(() => {});
      throw translateError(error);
    } finally {
      await session.close().catch(() => {});
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
