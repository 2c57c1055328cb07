// The analyst's read-only console (POST /api/cypher): the query refused by its text or by Neo4j's EXPLAIN verdict, else run in a read transaction, time- and row-capped, its rows and graph as wire shapes; and the console's examples (GET /api/queries).
import { isPlainNode, isPlainPath, isPlainRelationship, type Database, type PlainNode, type PlainValue, type Row } from '../../db/database.ts';
import { ReadOnlyError } from '../../db/errors.ts';
import { publicId, SubgraphBuilder, toWireEdge, toWireNode, type CaptionResolver, type Subgraph } from '../../db/mapping.ts';
import { BadRequestError, PayloadTooLargeError } from '../http/errors.ts';
import type { Catalog } from './catalog.ts';
import { consoleExamples, type ConsoleExample } from './console-examples.ts';
import { checkPlan, checkQueryText, hasExplainOrProfile } from './console-guard.ts';
import { nodesByElementIds } from './reads/nodes.ts';
import { SEE_ALL } from './reads/run.ts';

export interface ConsoleLimits {
  timeoutMs: number;
  maxRows: number;
  maxQueryLength: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got '${raw}'`);
  return value;
}

/** CYPHER_TIMEOUT_MS, CYPHER_MAX_ROWS and CYPHER_MAX_QUERY_LENGTH, with safe defaults. */
export function consoleLimits(env: NodeJS.ProcessEnv = process.env): ConsoleLimits {
  return {
    timeoutMs: positive(env, 'CYPHER_TIMEOUT_MS', 10_000),
    maxRows: positive(env, 'CYPHER_MAX_ROWS', 1000),
    maxQueryLength: positive(env, 'CYPHER_MAX_QUERY_LENGTH', 10_000),
  };
}

/** Endpoint nodes fetched for relationships returned without them; beyond this the edges are left out of the graph. */
const MAX_ENDPOINT_FETCH = 5000;

/** Rows with nodes, relationships and paths as wire shapes, so no element id or driver object leaks. */
function renderValue(value: PlainValue, caption: CaptionResolver, idOf: Map<string, string>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => renderValue(v, caption, idOf));
  if (isPlainNode(value)) return toWireNode(value, caption);
  if (isPlainRelationship(value)) {
    return toWireEdge(value, idOf.get(value.startElementId) ?? '~' + value.startElementId, idOf.get(value.endElementId) ?? '~' + value.endElementId);
  }
  if (isPlainPath(value)) {
    const builder = new SubgraphBuilder(caption);
    builder.addValue(value);
    return builder.build();
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = renderValue(inner, caption, idOf);
  return out;
}

function collect(value: PlainValue, nodes: Map<string, PlainNode>, endpoints: Set<string>): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const inner of value) collect(inner, nodes, endpoints);
  } else if (isPlainNode(value)) {
    nodes.set(value.elementId, value);
  } else if (isPlainRelationship(value)) {
    endpoints.add(value.startElementId);
    endpoints.add(value.endElementId);
  } else if (isPlainPath(value)) {
    for (const node of value.nodes) nodes.set(node.elementId, node);
  } else {
    for (const inner of Object.values(value)) collect(inner, nodes, endpoints);
  }
}

/** A console query as POST /api/cypher's body carries it (http/endpoints.ts CypherBody). */
export interface ConsoleQuery {
  query: string;
  params: Record<string, unknown>;
  /** Lower the server's time limit (ms) or row cap for this query. */
  timeoutMs?: number;
  maxRows?: number;
}

export interface ConsoleAnswer {
  columns: string[];
  rows: unknown[];
  graph: Subgraph;
  summary: { queryType: string; ms: number; rowCount: number; truncated: boolean };
}

/**
 * Runs one console query. Where the edition has roles (Enterprise, Aura), `consoleDb` is the console's own
 * read-only user (NEO4J_CONSOLE_USERNAME): then even a query that fooled every check below could not write.
 */
export async function runConsoleQuery(
  db: Database,
  consoleDb: Database,
  catalog: Catalog,
  body: ConsoleQuery,
  limits: ConsoleLimits,
): Promise<ConsoleAnswer> {
  if (body.query.length > limits.maxQueryLength) {
    throw new PayloadTooLargeError(`query: ${body.query.length} characters; the console accepts at most ${limits.maxQueryLength}`);
  }
  if (hasExplainOrProfile(body.query)) {
    throw new BadRequestError('query: leave out EXPLAIN and PROFILE; the console plans every query itself', 'invalid_parameter');
  }
  // Only ever an earlier, clearer refusal: a query the text check passes still needs the plan's approval.
  const textRefusal = checkQueryText(body.query);
  if (textRefusal) throw new ReadOnlyError(textRefusal.reason);

  const timeoutMs = Math.min(body.timeoutMs ?? limits.timeoutMs, limits.timeoutMs);
  const maxRows = Math.min(body.maxRows ?? limits.maxRows, limits.maxRows);
  // EXPLAIN plans without running: Neo4j's own account of what the query does decides.
  const explained = await consoleDb.read(`EXPLAIN ${body.query}`, body.params, { timeoutMs });
  const planRefusal = checkPlan(explained.queryType, explained.plan);
  if (planRefusal) throw new ReadOnlyError(planRefusal.reason);

  // A read transaction: Neo4j itself refuses any write that got this far.
  const result = await consoleDb.read(body.query, body.params, { timeoutMs, maxRows });

  const nodes = new Map<string, PlainNode>();
  const endpoints = new Set<string>();
  for (const row of result.rows) collect(Object.values(row), nodes, endpoints);
  const missing = [...endpoints].filter((id) => !nodes.has(id)).slice(0, MAX_ENDPOINT_FETCH);
  // The console is open only to callers who read every dataset (routes/cypher.ts), and shows the stored graph whole (proposals and retired facts too): nothing to narrow.
  const fetched = missing.length ? await nodesByElementIds(db, missing, SEE_ALL) : [];

  const caption = await catalog.captionResolver();
  const builder = new SubgraphBuilder(caption);
  builder.addRows(result.rows);
  for (const node of fetched) builder.addNode(node);
  const idOf = new Map<string, string>();
  for (const node of [...nodes.values(), ...fetched]) idOf.set(node.elementId, publicId(node));

  return {
    columns: result.keys,
    rows: result.rows.map((row: Row) => renderValue(row, caption, idOf)),
    graph: builder.build(),
    summary: { queryType: result.queryType, ms: Math.round(result.ms * 10) / 10, rowCount: result.rows.length, truncated: result.truncated },
  };
}

/** Our data has the Mali examples; a foreign database gets examples generated from its schema (the first is the pre-filled one). */
export async function consoleQueries(db: Database, catalog: Catalog): Promise<{ queries: ConsoleExample[] }> {
  return { queries: await consoleExamples(db, await catalog.snapshot()) };
}
