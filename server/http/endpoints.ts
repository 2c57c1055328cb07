// Zod validators for every request the API accepts, and the endpoint registry the OpenAPI document is generated from.
import type { Request } from 'express';
import { z } from 'zod';
import {
  CypherResponseSchema,
  ExportJsonSchema,
  HealthSchema,
  HistogramSchema,
  NamedQueriesSchema,
  NeighborsSchema,
  NodeDetailsSchema,
  OpenApiDocumentSchema,
  OverviewSchema,
  PathsSchema,
  SchemaGraphSchema,
  SchemaSchema,
  SearchResponseSchema,
  SubgraphSchema,
  SubgraphWithEvidenceSchema,
  SourceDetailsSchema,
  SourcesSchema,
  TimelineSchema,
} from './api-shapes.ts';
import { BadRequestError } from './errors.ts';
import { FACT_STATUSES_SHOWN } from '../../model/index.ts';
import { SHOWABLE_FACT_STATUSES } from '../services/visibility.ts';

/** Caps that keep every answer small enough for a browser to draw. */
export const LIMITS = {
  graph: { default: 300, max: 2000 },
  search: { default: 20, max: 100, queryLength: 200 },
  neighbors: { default: 100, max: 500, maxOffset: 1_000_000 },
  paths: { defaultLength: 4, maxLength: 6, default: 10, max: 50 },
  timeline: { default: 500, max: 2000 },
  labelTop: { default: 25, max: 200 },
  export: { getIds: 1000, postIds: 5000 },
  filterValues: 50,
} as const;

const int = (description: string, min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback).describe(`${description} (${min} to ${max}, default ${fallback})`);

/** A comma-separated list in a query string, e.g. `types=DISSOLVED,ACCUSED`; empty items are dropped. */
const commaList = (description: string, max: number) =>
  z
    .string()
    .describe(`${description}, comma-separated`)
    .transform((raw) => raw.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(200)).max(max, `at most ${max} values`));

const publicId = z.string().min(1).max(1000).describe("A node's public id (dataset id such as 'org/aeem', or '~<elementId>'); URL-encode slashes");

function validCalendarDate(raw: string): boolean {
  const [y, m = 1, d = 1] = raw.split('-').map(Number) as [number, number?, number?];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const partialDate = (description: string) =>
  z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
    .refine(validCalendarDate, 'is not a calendar date')
    .describe(`${description}: YYYY, YYYY-MM or YYYY-MM-DD`);

export const GraphQuery = z.strictObject({ limit: int('Most nodes to return', 1, LIMITS.graph.max, LIMITS.graph.default) });

export const SearchQuery = z.strictObject({
  q: z.string().trim().min(1, 'must not be empty').max(LIMITS.search.queryLength).describe('Words to find in names and aliases; typos and missing accents are tolerated, the last word is a prefix'),
  labels: commaList('Only nodes with one of these labels', LIMITS.filterValues).optional(),
  limit: int('Most results', 1, LIMITS.search.max, LIMITS.search.default),
});

export const NodeParams = z.strictObject({ id: publicId });

export const NeighborsQuery = z.strictObject({
  types: commaList('Only relationships of these types', LIMITS.filterValues).optional(),
  direction: z.enum(['out', 'in', 'both']).default('both').describe('out: from the node; in: to the node; both (default)'),
  limit: int('Most relationships in this page', 1, LIMITS.neighbors.max, LIMITS.neighbors.default),
  offset: int('Relationships to skip (paging: pass the previous nextOffset)', 0, LIMITS.neighbors.maxOffset, 0),
});

export const PathsQuery = z.strictObject({
  from: publicId,
  to: publicId,
  maxLength: int('Longest path, in relationships', 1, LIMITS.paths.maxLength, LIMITS.paths.defaultLength),
  types: commaList('Only relationships of these types', LIMITS.filterValues).optional(),
  limit: int('Most paths', 1, LIMITS.paths.max, LIMITS.paths.default),
});

export const TimelineQuery = z.strictObject({
  from: partialDate('Earliest date; events whose period overlaps it are kept').optional(),
  to: partialDate('Latest date; events whose period overlaps it are kept').optional(),
  types: commaList('Only events of these node labels or relationship types', LIMITS.filterValues).optional(),
  limit: int('Most events', 1, LIMITS.timeline.max, LIMITS.timeline.default),
  dates: commaList(
    "A foreign database's date property per label, overriding the inferred one: 'Label.property', or 'Label.property:format' (temporal, year, iso, dd/MM/yyyy, MM/dd/yyyy) where the values are ambiguous",
    LIMITS.filterValues,
  ).optional(),
});

/** The histogram counts everything dated: only a foreign database's choice of date properties narrows it. */
export const HistogramQuery = TimelineQuery.pick({ dates: true });

export const LabelParams = z.strictObject({ label: z.string().min(1).max(200).describe('A label the database reports (GET /api/schema)') });

export const LabelTopQuery = z.strictObject({ limit: int('Most nodes', 1, LIMITS.labelTop.max, LIMITS.labelTop.default) });

export const SourceParams = z.strictObject({ id: z.string().min(1).max(1000).describe("A source id such as 'src/hrw-2024-03-15'") });

export const CypherBody = z.strictObject({
  query: z.string().min(1, 'must not be empty').describe('One read-only Cypher statement; its length is capped (413 above the cap)'),
  params: z.record(z.string(), z.unknown()).default({}).describe('Query parameters ($name in the query)'),
  timeoutMs: z.number().int().min(1).optional().describe("Lower the server's time limit for this query (milliseconds)"),
  maxRows: z.number().int().min(1).optional().describe("Lower the server's row cap for this query"),
});

const exportFormat = z.enum(['json', 'csv', 'graphml', 'gexf', 'ftm']).default('json').describe('json (nodes and edges with evidence), csv (one table per part), graphml (Gephi, yEd), gexf (GEXF 1.3 for Gephi: dated elements as spells for its timeline, colours from the model) or ftm (FollowTheMoney entities, NDJSON)');
const exportPart = z
  .enum(['nodes', 'edges'])
  .default('nodes')
  .describe('For format=csv: which table, nodes (Id, Label, labels, properties...) or edges (Source, Target, Type, Id, Label, relationship, properties...); Gephi imports the two in turn');

export const ExportQuery = z.strictObject({
  ids: commaList('Public ids of the nodes to export (the edges among them come along)', LIMITS.export.getIds).pipe(z.array(z.string()).min(1, 'must name at least one id')),
  format: exportFormat,
  part: exportPart,
});

/** Public ids in a POST body: the export's and the subgraph's, with the same caps. */
const postedIds = (description: string) => z.array(z.string().min(1).max(1000)).min(1, 'must name at least one id').max(LIMITS.export.postIds).describe(description);

export const ExportBody = z.strictObject({
  ids: postedIds('Public ids of the nodes to export'),
  format: exportFormat,
  part: exportPart,
});

export const SubgraphBody = z.strictObject({
  ids: postedIds('Public ids of the nodes (the relationships among them come along)'),
});

export const NoQuery = z.strictObject({});

/** The request header by which a read asks to see more fact statuses than FACT_STATUSES_SHOWN. */
export const SHOW_FACTS_HEADER = 'X-Show-Facts';

const showableList = SHOWABLE_FACT_STATUSES.join(', ');
const headerItems = (raw: string) => raw.split(',').map((s) => s.trim()).filter(Boolean);
const notShowable = (raw: string) => headerItems(raw).filter((s) => !(SHOWABLE_FACT_STATUSES as readonly string[]).includes(s));

/** The headers every read of the graph takes: which fact statuses it shows besides the default (allow-listed; anything else is a 400). */
export const ReadHeaders = z.object({
  [SHOW_FACTS_HEADER]: z
    .string()
    .max(200)
    .refine((raw) => notShowable(raw).length === 0, { error: (issue) => `'${notShowable(String(issue.input)).join("', '")}' is not one of ${showableList}` })
    .transform((raw) => headerItems(raw) as (typeof SHOWABLE_FACT_STATUSES)[number][])
    .optional()
    .describe(
      `Fact statuses to show besides ${FACT_STATUSES_SHOWN.join(', ')} (and imported facts, which count as accepted), comma-separated from: ${showableList}. ` +
        'Without it, recorded facts not yet accepted (proposed), turned down (rejected) or withdrawn (retired), and the actors a proposed fact created, are hidden from every read.',
    ),
});


/** The parsed form of a validator's input. */
export type Parsed<T extends z.ZodType> = z.output<T>;

function describeIssue(issue: z.core.$ZodIssue, where: string): string {
  if (issue.code === 'unrecognized_keys') {
    return `${issue.keys.join(', ')}: unknown ${where} parameter${issue.keys.length > 1 ? 's' : ''}`;
  }
  const name = issue.path.length ? issue.path.map(String).join('.') : where;
  return `${name}: ${issue.message}`;
}

/** Parses one part of a request; a failure is a 400 `invalid_parameter` naming the parameter. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, where: 'query' | 'path' | 'body' | 'header'): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new BadRequestError(result.error.issues.map((issue) => describeIssue(issue, where)).join('; '), 'invalid_parameter');
}

export function parseQuery<T extends z.ZodType>(schema: T, req: Request): z.output<T> {
  return parse(schema, req.query, 'query');
}

export function parseParams<T extends z.ZodType>(schema: T, req: Request): z.output<T> {
  return parse(schema, req.params, 'path');
}

export function parseBody<T extends z.ZodType>(schema: T, req: Request): z.output<T> {
  return parse(schema, req.body, 'body');
}

/** One endpoint of the API as the OpenAPI document describes it. */
export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path under /api, e.g. '/nodes/:id'. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers it reads (ReadHeaders: every read of the graph). */
  headers?: z.ZodObject;
  body?: z.ZodType;
  response:
    | {
        description: string;
        schema: z.ZodType;
        /** Other media types than JSON (file downloads). */
        otherContent?: Readonly<Record<string, string>>;
        /** The statuses a success answers with; 200 when not given (201 where something is created). */
        statuses?: readonly number[];
      }
    | {
        description: string;
        /** A browser navigation answered with 302 and a Location, not JSON (single sign-on). */
        redirect: true;
      };
  /** Error statuses this endpoint may answer, besides 500 and 503. */
  errors: readonly number[];
}

export const ENDPOINTS = {
  health: {
    method: 'get', path: '/health', operationId: 'getHealth', tag: 'meta', summary: 'Is the server up, and can it reach Neo4j?',
    response: { description: 'Neo4j answers', schema: HealthSchema }, errors: [],
  },
  graph: {
    method: 'get', path: '/graph', operationId: 'getOverview', tag: 'graph', summary: 'A capped overview of the graph for the first drawing',
    headers: ReadHeaders,
    query: GraphQuery, response: { description: 'Nodes (sources excluded) and the edges among them', schema: OverviewSchema }, errors: [400],
  },
  schema: {
    method: 'get', path: '/schema', operationId: 'getSchema', tag: 'graph', summary: 'Labels and relationship types with counts and display metadata',
    headers: ReadHeaders,
    description: "Declared labels and types come from Civic Graph's model; others are discovered in the database with a small inferred model read from a sample of each label: caption properties (a person's name parts joined, readable text over times, numbers, hashes and ids), a date property and its format, and distinct colours and shapes.",
    response: { description: 'The schema', schema: SchemaSchema }, errors: [],
  },
  schemaGraph: {
    method: 'get', path: '/schema/graph', operationId: 'getSchemaGraph', tag: 'graph', summary: 'The shape of the database: labels with counts, relationship types between them with counts',
    headers: ReadHeaders,
    description: "From db.schema.visualization() and the count store (cheap on any size of graph), with each label's and type's colour: a foreign database's first screen.",
    response: { description: 'Labels and relationship patterns', schema: SchemaGraphSchema }, errors: [],
  },
  labelTop: {
    method: 'get', path: '/labels/:label/top', operationId: 'getLabelTop', tag: 'graph', summary: "A label's most connected nodes and the relationships among them",
    headers: ReadHeaders,
    description: 'The label must be one the database reports (404 otherwise). Nodes come most connected first.',
    params: LabelParams, query: LabelTopQuery, response: { description: 'The nodes (by degree) and the edges among them', schema: SubgraphSchema }, errors: [400, 404],
  },
  search: {
    method: 'get', path: '/search', operationId: 'search', tag: 'graph', summary: 'Full-text search over names and aliases',
    headers: ReadHeaders,
    description: "Fuzzy, prefix-while-typing and diacritic-folded via the 'entity_search' full-text index; without it (a foreign database), a case- and accent-insensitive scan of string properties. `mode` says which ran.",
    query: SearchQuery, response: { description: 'Ranked results', schema: SearchResponseSchema }, errors: [400, 408],
  },
  node: {
    method: 'get', path: '/nodes/:id', operationId: 'getNode', tag: 'graph', summary: 'A node with its evidence and degree',
    headers: ReadHeaders,
    params: NodeParams, response: { description: 'The node', schema: NodeDetailsSchema }, errors: [400, 404],
  },
  neighbors: {
    method: 'get', path: '/nodes/:id/neighbors', operationId: 'getNeighbors', tag: 'graph', summary: "A node's neighbours, capped and paged",
    headers: ReadHeaders,
    description: 'Never a flood: at most `limit` relationships per page, with the true `total`, `truncated`, and `nextOffset` for the next page.',
    params: NodeParams, query: NeighborsQuery, response: { description: 'The node, a page of its relationships and neighbours', schema: NeighborsSchema }, errors: [400, 404],
  },
  paths: {
    method: 'get', path: '/paths', operationId: 'getPaths', tag: 'graph', summary: 'All shortest paths between two nodes',
    headers: ReadHeaders,
    query: PathsQuery, response: { description: 'Shortest paths, possibly none', schema: PathsSchema }, errors: [400, 404, 408, 422],
  },
  timeline: {
    method: 'get', path: '/timeline', operationId: 'getTimeline', tag: 'graph', summary: 'Dated nodes and relationships in date order',
    headers: ReadHeaders,
    query: TimelineQuery, response: { description: 'Events in date order', schema: TimelineSchema }, errors: [400],
  },
  histogram: {
    method: 'get', path: '/timeline/histogram', operationId: 'getTimelineHistogram', tag: 'graph', summary: 'Every dated item of the database counted per month',
    headers: ReadHeaders,
    description: "Stated and inferred dates apart, and per node label or relationship type; an item counts in every month from its date to its end date. Counted through the date indexes (on a foreign database, each label's date property), never collected, and kept while the database's counts stay the same: the TIME panel's bars from the first screen on.",
    query: HistogramQuery, response: { description: 'The months that have dated items, in order', schema: HistogramSchema }, errors: [400],
  },
  sources: {
    method: 'get', path: '/sources', operationId: 'listSources', tag: 'sources', summary: 'The source records',
    headers: ReadHeaders,
    response: { description: 'Sources, without their texts', schema: SourcesSchema }, errors: [],
  },
  source: {
    method: 'get', path: '/sources/:id', operationId: 'getSource', tag: 'sources', summary: 'One source with its text (where held) and everything the dataset takes from it',
    headers: ReadHeaders,
    params: SourceParams, response: { description: 'The source', schema: SourceDetailsSchema }, errors: [400, 404],
  },
  cypher: {
    method: 'post', path: '/cypher', operationId: 'runCypher', tag: 'cypher', summary: 'Run a read-only Cypher query',
    description:
      'Read-only three ways: a read transaction, an EXPLAIN check of the query type and plan, and an allow-list of procedures and functions (LOAD CSV, USE, CALL {} IN TRANSACTIONS, administration commands, dbms.* and APOC procedures that load, write, export or run dynamic Cypher are refused with 403 read_only). In team mode open only to those who may read every dataset (403 console_closed otherwise: a query reads the whole database). Time-capped (408 timeout) and row-capped (summary.truncated). Neo4j syntax and semantic errors come back as 400 with Neo4j\'s code.',
    body: CypherBody, response: { description: 'Columns, rows, and the nodes and relationships in them as a subgraph', schema: CypherResponseSchema }, errors: [400, 403, 408, 413, 422],
  },
  queries: {
    method: 'get', path: '/queries', operationId: 'listQueries', tag: 'cypher', summary: 'Example Cypher queries for analysts',
    description: "Civic Graph's own examples on its data; on a database it did not build, examples generated from that database's schema (its most connected nodes, two labels' links, a path between two real nodes), the first being the one to pre-fill. In team mode only for those who may read every dataset (403 console_closed).",
    response: { description: 'Named example queries with example parameters', schema: NamedQueriesSchema }, errors: [403],
  },
  subgraph: {
    method: 'post', path: '/subgraph', operationId: 'getSubgraph', tag: 'graph', summary: 'Nodes by their ids and the relationships among them',
    headers: ReadHeaders,
    description: "What the page draws when it expands or restores a view: the nodes and edges of the JSON export (with evidence and colours), as an answer rather than a file. Ids that name no node are listed in `missing`; 404 when none names one.",
    body: SubgraphBody, response: { description: 'The nodes, the edges among them and the ids not found', schema: SubgraphWithEvidenceSchema }, errors: [400, 404, 413],
  },
  exportGet: {
    method: 'get', path: '/export', operationId: 'exportGraph', tag: 'export', summary: 'Export nodes and the edges among them as a file',
    headers: ReadHeaders,
    description: 'JSON carries evidence; CSV is one table per request (part=nodes or part=edges, Gephi spreadsheet columns); GraphML declares its keys and opens in Gephi and yEd.',
    query: ExportQuery,
    response: { description: 'The file (Content-Disposition: attachment)', schema: ExportJsonSchema, otherContent: { 'text/csv': 'format=csv', 'application/graphml+xml': 'format=graphml', 'application/gexf+xml': 'format=gexf', 'application/x-ndjson': 'format=ftm' } },
    errors: [400, 404],
  },
  exportPost: {
    method: 'post', path: '/export', operationId: 'exportGraphPost', tag: 'export', summary: 'Export many nodes (ids in the body) as a file',
    headers: ReadHeaders,
    body: ExportBody,
    response: { description: 'The file (Content-Disposition: attachment)', schema: ExportJsonSchema, otherContent: { 'text/csv': 'format=csv', 'application/graphml+xml': 'format=graphml', 'application/gexf+xml': 'format=gexf', 'application/x-ndjson': 'format=ftm' } },
    errors: [400, 404, 413],
  },
  openapi: {
    method: 'get', path: '/openapi.json', operationId: 'getOpenApi', tag: 'meta', summary: 'This OpenAPI 3.1 document',
    response: { description: 'The document', schema: OpenApiDocumentSchema }, errors: [],
  },
} as const satisfies Record<string, Endpoint>;

export const ENDPOINT_LIST: readonly Endpoint[] = Object.values(ENDPOINTS);
