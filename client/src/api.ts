// Typed fetch calls to the server's JSON API (the wire types come from the server's own response schemas), with the session's CSRF header on writes and every refusal told to the page.
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
import type { ACCOUNT_ENDPOINTS } from '../../server/http/account-endpoints.ts';

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

/** The answer of an account endpoint, as the server's own schema says (server/http/account-endpoints.ts). */
type AccountAnswer<K extends keyof typeof ACCOUNT_ENDPOINTS> = (typeof ACCOUNT_ENDPOINTS)[K]['response'] extends { schema: infer S extends z.ZodType } ? z.infer<S> : never;
/** Who is signed in, their roles per dataset, the CSRF token, whether the console opens to them. */
export type SessionInfo = AccountAnswer<'session'>;
export type SessionUser = NonNullable<SessionInfo['user']>;
export type Role = Exclude<SessionInfo['roles'], 'all'>[string];
export type TokenInfo = AccountAnswer<'tokens'>['tokens'][number];
export type CreatedToken = AccountAnswer<'tokenCreate'>;
export type AccountUser = AccountAnswer<'users'>['users'][number];
export type CreatedUser = AccountAnswer<'userCreate'>;
export type LiveSession = AccountAnswer<'sessions'>['sessions'][number];
export type Grants = AccountAnswer<'grants'>;
export type Grant = Grants['grants'][number];
export type GrantKind = Grant['kind'];
export type AuditEntry = AccountAnswer<'audit'>['entries'][number];
export const ROLE_NAMES = ['viewer', 'editor', 'reviewer', 'admin'] as const satisfies readonly Role[];


/** Seconds to wait when a 429 names no Retry-After (the server always sends one; a proxy may not). */
export const DEFAULT_RETRY_AFTER_S = 5;

/**
 * Retry-After in seconds, from either form HTTP allows: delta-seconds ("12") or an HTTP date (rounded
 * up, at least 1); null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text);
  // An HTTP date names its day and month; Date.parse alone would take '-3' for a year.
  const at = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return null;
  return Math.max(1, Math.ceil((at - now) / 1000));
}

/** An error answered by the API, with its code (tests and the UI look at the code); a 429 also says how long to wait. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds the server asked us to wait (429 only). */
    readonly retryAfter?: number,
    /** What a refused write's body adds: a conflict's `current` state, the rules' `problems`. */
    readonly details: { current?: unknown; problems?: string[] } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// ---- the session's part of every request ------------------------------------------------------

/** The methods that change something: with the session cookie, they must carry the session's CSRF token. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The header the server checks against the session (server/http/authenticate.ts). */
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * The session's CSRF token (team mode; owner mode has none). Kept here, beside the requests that
 * send it, and in memory only: it is worth nothing without the HttpOnly cookie it belongs to.
 */
let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token || undefined;
}

/** The request as sent: a state-changing one gets the CSRF header when the session has a token; a read never does. */
export function withCsrf(init: RequestInit | undefined): RequestInit | undefined {
  const method = (init?.method ?? 'GET').toUpperCase();
  if (!csrfToken || !STATE_CHANGING.has(method)) return init;
  const headers = new Headers(init?.headers);
  headers.set(CSRF_HEADER, csrfToken);
  return { ...init, headers };
}

/** The header that asks reads for more than accepted facts (proposed, rejected, retired); the server allow-lists its values. */
export const SHOW_FACTS_HEADER = 'X-Show-Facts';
/** What the user asked to see besides accepted facts ('proposed', 'proposed,retired,rejected'); unset: the default. */
let showFacts: string | undefined;

export function setShowFacts(value: string | undefined): void {
  showFacts = value || undefined;
}

/** Every request, read or write, carries the user's choice: a read then shows what they asked for, wherever it came from (tasks, actions, the console). */
export function withShowFacts(init: RequestInit | undefined): RequestInit | undefined {
  if (!showFacts) return init;
  const headers = new Headers(init?.headers);
  headers.set(SHOW_FACTS_HEADER, showFacts);
  return { ...init, headers };
}

/** Told of every refused answer, wherever the request came from (actions, tasks, the console): 401s and 429s reach the page this way. */
export type ApiObserver = (error: ApiError, path: string) => void;
const observers = new Set<ApiObserver>();

export function observeApi(observer: ApiObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

async function send(path: string, init: RequestInit | undefined): Promise<Response> {
  try {
    return await fetch(path, withShowFacts(withCsrf(init)));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'the server cannot be reached');
  }
}

/** The refusal as an ApiError: the body's code and message, and a 429's wait. */
async function refusal(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; current?: unknown; problems?: unknown }; problems?: unknown } | null;
  const error = body?.error ?? {};
  const wait = response.status === 429 ? (parseRetryAfter(response.headers.get('Retry-After')) ?? DEFAULT_RETRY_AFTER_S) : undefined;
  // The rules' problems may sit in the error or beside it; either way a list of strings.
  const listed = error.problems ?? body?.problems;
  const problems = Array.isArray(listed) ? listed.map(String) : undefined;
  const details = { ...(error.current !== undefined ? { current: error.current } : {}), ...(problems ? { problems } : {}) };
  return new ApiError(response.status, error.code ?? `http_${response.status}`, error.message ?? (response.statusText || `HTTP ${response.status}`), wait, details);
}

async function request(path: string, init?: RequestInit): Promise<Response> {
  const response = await send(path, init);
  if (!response.ok) {
    const error = await refusal(response);
    for (const observer of [...observers]) observer(error, path.split('?')[0] ?? path);
    throw error;
  }
  return response;
}

export async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await request(path, init);
  return (await response.json()) as T;
}

function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return sendJson<T>('POST', path, body, signal);
}

/** A request that changes something, with a JSON body (or none). */
export function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = body === undefined ? { method, signal } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal };
  return getJson<T>(path, init);
}

export function query(params: Record<string, string | number | undefined | null>): string {
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

// ---- accounts: the session, sign-in, one's own tokens and password ---------------------------------

export function fetchSession(): Promise<SessionInfo> {
  return getJson('/api/auth/session');
}

export function signIn(username: string, password: string): Promise<SessionInfo> {
  return postJson('/api/auth/sign-in', { username, password });
}

export function signOut(): Promise<{ ok: true }> {
  return sendJson('POST', '/api/auth/sign-out');
}

/** Owner mode: the name the owner's writes are signed with. */
export function setOwnerName(name: string): Promise<{ ok: true }> {
  return sendJson('PUT', '/api/auth/owner', { name });
}

export function changePassword(current: string, next: string): Promise<{ ok: true }> {
  return postJson('/api/auth/password', { current, next });
}

/** Where single sign-on starts (a page the browser goes to, not a fetch). */
export const OIDC_START = '/api/auth/oidc/start';

export function fetchTokens(): Promise<TokenInfo[]> {
  return getJson<{ tokens: TokenInfo[] }>('/api/auth/tokens').then((body) => body.tokens);
}

export function createToken(name: string, days: number): Promise<CreatedToken> {
  return postJson('/api/auth/tokens', { name, days });
}

export function revokeToken(id: string): Promise<{ ok: true }> {
  return sendJson('DELETE', `/api/auth/tokens/${enc(id)}`);
}

// ---- administration: users, live sessions, grants, the audit trail ---------------------------------

export function fetchUsers(signal?: AbortSignal): Promise<AccountUser[]> {
  return getJson<{ users: AccountUser[] }>('/api/admin/users', { signal }).then((body) => body.users);
}

export function createUser(user: { username: string; displayName?: string; isAdmin: boolean; groups: string[] }): Promise<CreatedUser> {
  return postJson('/api/admin/users', user);
}

export function setUserDisabled(id: string, disabled: boolean): Promise<{ user: AccountUser }> {
  return sendJson('PATCH', `/api/admin/users/${enc(id)}`, { disabled });
}

export function fetchLiveSessions(signal?: AbortSignal): Promise<LiveSession[]> {
  return getJson<{ sessions: LiveSession[] }>('/api/admin/sessions', { signal }).then((body) => body.sessions);
}

export function revokeSession(handle: string): Promise<{ ok: true }> {
  return sendJson('DELETE', `/api/admin/sessions/${enc(handle)}`);
}

export function fetchGrants(signal?: AbortSignal): Promise<Grants> {
  return getJson('/api/admin/grants', { signal });
}

export function putGrant(grant: { dataset: string; kind: GrantKind; principal: string; role: Role }): Promise<{ ok: true }> {
  return sendJson('PUT', '/api/admin/grants', grant);
}

export function revokeGrant(grant: { dataset: string; kind: GrantKind; principal: string }): Promise<{ ok: true }> {
  return sendJson('DELETE', '/api/admin/grants', grant);
}

export interface AuditFilter {
  limit?: number;
  /** Entries before this sequence number: the next page back. */
  before?: number;
  actor?: string;
  action?: string;
}

export function fetchAudit(filter: AuditFilter = {}, signal?: AbortSignal): Promise<AuditEntry[]> {
  return getJson<{ entries: AuditEntry[] }>(`/api/admin/audit${query({ ...filter })}`, { signal }).then((body) => body.entries);
}

/** The whole trail as JSON lines, oldest first: a link, downloaded by the browser with the session cookie. */
export const AUDIT_EXPORT = '/api/admin/audit.jsonl';
