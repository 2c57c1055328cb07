// Typed fetch calls to the server's JSON API; the wire types come from the server's own response schemas.
import * as zm from 'zod/mini';
import type { z } from 'zod';
import type {
  CypherResponseSchema,
  EvidenceSchema,
  ExportJsonSchema,
  HistogramSchema,
  LabelInfoSchema,
  NamedQueriesSchema,
  NeighborsSchema,
  NodeDetailsSchema,
  OverviewSchema,
  PathsSchema,
  RelationshipTypeInfoSchema,
  SchemaSchema,
  SearchResponseSchema,
  SourceDetailsSchema,
  SourcesSchema,
  TimelineEventSchema,
  TimelineSchema,
  WireEdgeSchema,
  WireNodeSchema,
} from '../../server/http/api-shapes.ts';

/** `date`: ISO day derived by the server from the label's date property (issue #17; optional until every server sends it). */
export type WireNode = z.infer<typeof WireNodeSchema> & { date?: string };
export type WireEdge = z.infer<typeof WireEdgeSchema>;
export interface Subgraph {
  nodes: WireNode[];
  edges: WireEdge[];
}
export type Evidence = z.infer<typeof EvidenceSchema>;
export type Overview = z.infer<typeof OverviewSchema>;
/** How a label's date property is written: a Neo4j temporal, an integer year, or a date string in one of these formats. */
export type DateFormat = 'temporal' | 'year' | 'iso' | 'dd/MM/yyyy' | 'MM/dd/yyyy';
export interface DateProperty {
  name: string;
  format: DateFormat;
}
/**
 * The inferred model of a label (issue #17): caption parts, date property and its candidates.
 * Declared optional here so the page works with a server that does not send them yet.
 */
export type LabelInfo = z.infer<typeof LabelInfoSchema> & {
  captionProperties?: string[];
  dateProperty?: DateProperty | null;
  dateCandidates?: { name: string; format: DateFormat | 'ambiguous' }[];
};
type SchemaBody = z.infer<typeof SchemaSchema>;
export type GraphSchema = Omit<SchemaBody, 'labels' | 'search'> & {
  labels: LabelInfo[];
  search: SchemaBody['search'] & { properties?: string[]; command?: string };
  /** false: the database keeps no evidence (a database Civic Graph did not build). */
  evidence?: boolean;
  /** true: a database Civic Graph built and knows. */
  ours?: boolean;
};
/** The database's shape, as db.schema.visualization knows it: labels and relationship types with counts. */
export interface SchemaGraph {
  labels: { label: string; count: number; color: string; shape: string }[];
  relationships: { type: string; from: string; to: string; count: number; color: string }[];
}
export type RelationshipTypeInfo = z.infer<typeof RelationshipTypeInfoSchema>;
export type SearchResponse = z.infer<typeof SearchResponseSchema>;
export type NodeDetails = z.infer<typeof NodeDetailsSchema>;
export type Neighbors = z.infer<typeof NeighborsSchema>;
export type Paths = z.infer<typeof PathsSchema>;
export type Timeline = z.infer<typeof TimelineSchema>;
export type Histogram = z.infer<typeof HistogramSchema>;
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
export type Sources = z.infer<typeof SourcesSchema>;
export type SourceSummary = Omit<Sources['sources'][number], 'statementCount'> & { statementCount?: number };
export type SourceDetails = z.infer<typeof SourceDetailsSchema>;
export type CypherResult = z.infer<typeof CypherResponseSchema>;
export type NamedQuery = z.infer<typeof NamedQueriesSchema>['queries'][number];
export type ExportJson = z.infer<typeof ExportJsonSchema>;
/** Nodes and edges with their evidence, exactly as in the JSON export's body, and the ids not found. */
export type SubgraphWithEvidence = Pick<ExportJson, 'nodes' | 'edges' | 'missing'>;
export type ExportFormat = 'json' | 'csv' | 'graphml' | 'gexf' | 'ftm';

/** An error answered by the API, with its code (tests and the UI look at the code). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Where the page keeps the server's access token (API_TOKEN): for this tab's session only. */
const TOKEN_KEY = 'civic-graph.api-token';

/** Asks the person for the access token; undefined when they decline. */
export type TokenPrompt = (rejected: boolean) => Promise<string | undefined>;

let tokenPrompt: TokenPrompt | undefined;
let asking: Promise<string | undefined> | undefined;

/** Set by the token dialog: how to ask for a token when the server answers 401. */
export function setTokenPrompt(prompt: TokenPrompt): void {
  tokenPrompt = prompt;
}

function storedToken(): string | undefined {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function withToken(init: RequestInit | undefined): RequestInit | undefined {
  const token = storedToken();
  if (!token) return init;
  const headers = new Headers(init?.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return { ...init, headers };
}

/** Asks once for all the requests that were refused at the same moment. */
async function askForToken(rejected: boolean): Promise<string | undefined> {
  if (!tokenPrompt) return undefined;
  asking ??= tokenPrompt(rejected).finally(() => (asking = undefined));
  const token = await asking;
  if (token) {
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // storage refused (private mode): the token lasts for this retry only
    }
  }
  return token;
}

async function send(path: string, init: RequestInit | undefined): Promise<Response> {
  try {
    return await fetch(path, withToken(init));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'the server cannot be reached');
  }
}

async function request(path: string, init?: RequestInit): Promise<Response> {
  let response = await send(path, init);
  // A server with API_TOKEN answers 401 until the page has the token: ask, keep it, try again.
  for (let attempt = 0; response.status === 401 && attempt < 3; attempt++) {
    const token = await askForToken(storedToken() !== undefined);
    if (!token) break;
    response = await send(path, init);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    const error = body?.error ?? {};
    throw new ApiError(response.status, error.code ?? `http_${response.status}`, error.message ?? (response.statusText || `HTTP ${response.status}`));
  }
  return response;
}

async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await request(path, init);
  return (await response.json()) as T;
}

function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return getJson<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
}

function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

const enc = encodeURIComponent;

/** Health: ok when Neo4j answers (with `warming` while the server plans its queries), not ok when the server cannot reach it. */
export async function fetchHealth(): Promise<{ ok: boolean; message: string; warming?: string }> {
  try {
    const body = (await (await request('/api/health')).json()) as { status?: string; reason?: string };
    return body.status === 'warming' ? { ok: true, message: '', warming: body.reason ?? 'warming up' } : { ok: true, message: '' };
  } catch (error) {
    if (error instanceof ApiError && error.status === 503) return { ok: false, message: error.message };
    throw error;
  }
}

export function fetchOverview(limit = 300): Promise<Overview> {
  return getJson(`/api/graph${query({ limit })}`);
}

export function fetchSchema(): Promise<GraphSchema> {
  return getJson('/api/schema');
}

export function search(q: string, options: { labels?: string[]; limit?: number; signal?: AbortSignal } = {}): Promise<SearchResponse> {
  return getJson(`/api/search${query({ q, labels: options.labels?.join(','), limit: options.limit })}`, { signal: options.signal });
}

export function fetchNode(id: string): Promise<NodeDetails> {
  return getJson(`/api/nodes/${enc(id)}`);
}

export function fetchNeighbors(
  id: string,
  options: { types?: string[]; direction?: 'in' | 'out' | 'both'; limit?: number; offset?: number } = {},
): Promise<Neighbors> {
  return getJson(
    `/api/nodes/${enc(id)}/neighbors${query({ types: options.types?.join(','), direction: options.direction, limit: options.limit, offset: options.offset })}`,
  );
}

export function fetchPaths(from: string, to: string, maxLength?: number): Promise<Paths> {
  return getJson(`/api/paths${query({ from, to, maxLength })}`);
}

/** `dates`: 'Label.prop,Label2.prop2', the user's choice of date property per label. */
export function fetchTimeline(options: { from?: string; to?: string; limit?: number; dates?: string } = {}): Promise<Timeline> {
  return getJson(`/api/timeline${query({ from: options.from, to: options.to, limit: options.limit, dates: options.dates })}`);
}

/** Every dated item counted per month; `dates` as for the timeline (a foreign database's date properties). */
export function fetchHistogram(dates?: string): Promise<Histogram> {
  return getJson(`/api/timeline/histogram${query({ dates })}`);
}

export function fetchSchemaGraph(): Promise<SchemaGraph> {
  return getJson('/api/schema/graph');
}

/** The label's most connected nodes with the links among them. */
export function fetchLabelTop(label: string, limit = 25): Promise<Subgraph> {
  return getJson(`/api/labels/${enc(label)}/top${query({ limit })}`);
}

export function fetchSources(): Promise<Sources> {
  return getJson('/api/sources');
}

export function fetchSource(id: string, signal?: AbortSignal): Promise<SourceDetails> {
  return getJson(`/api/sources/${enc(id)}`, { signal });
}

export function runCypher(queryText: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<CypherResult> {
  return postJson('/api/cypher', { query: queryText, params }, signal);
}

export function fetchNamedQueries(signal?: AbortSignal): Promise<NamedQuery[]> {
  return getJson<{ queries: NamedQuery[] }>('/api/queries', { signal }).then((body) => body.queries);
}

// zod/mini: the page checks this one answer at run time without carrying zod's full API (the server keeps its own schema).
const EvidenceBody = zm.object({
  sourceId: zm.string(),
  quote: zm.optional(zm.string()),
  start: zm.optional(zm.number()),
  end: zm.optional(zm.number()),
  level: zm.enum(['quote', 'document']),
});
const propertiesBody = zm.record(zm.string(), zm.unknown());
const SubgraphBody = zm.object({
  nodes: zm.array(zm.object({ id: zm.string(), labels: zm.array(zm.string()), caption: zm.string(), date: zm.optional(zm.string()), properties: propertiesBody, evidence: zm.array(EvidenceBody) })),
  edges: zm.array(zm.object({ id: zm.string(), type: zm.string(), source: zm.string(), target: zm.string(), properties: propertiesBody, evidence: zm.array(EvidenceBody) })),
  missing: zm.array(zm.string()),
}) satisfies zm.ZodMiniType<SubgraphWithEvidence>;

/**
 * The nodes with these ids and the edges among them, with evidence: what the canvas asks for when it
 * expands, restores a link or completes its edges (the file export stays on /api/export).
 */
export async function fetchSubgraph(ids: string[]): Promise<SubgraphWithEvidence> {
  const body = await postJson<unknown>('/api/subgraph', { ids });
  const parsed = SubgraphBody.safeParse(body);
  if (!parsed.success) throw new ApiError(200, 'invalid_response', `unexpected answer from /api/subgraph: ${zm.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** An export file as the server writes it, for download. */
export async function fetchExportFile(ids: string[], format: ExportFormat, part: 'nodes' | 'edges' = 'nodes'): Promise<Blob> {
  const response = await request('/api/export', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ids, format, part }),
  });
  return response.blob();
}
