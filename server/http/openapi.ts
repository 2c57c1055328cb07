// Generates the OpenAPI 3.1 document from the endpoint registry and its zod validators (no hand-kept copy).
import { z } from 'zod';
import { componentRegistry, ErrorBodySchema } from './api-shapes.ts';
import { hardeningStatuses } from './security.ts';
import { ENDPOINT_LIST, type Endpoint } from './endpoints.ts';
import { ACCOUNT_ENDPOINT_LIST } from './account-endpoints.ts';
import { FACT_ENDPOINT_LIST } from './fact-endpoints.ts';
import type { Model } from '../../model/index.ts';

type JsonObject = Record<string, unknown>;

const API_PREFIX = '/api';

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid parameter (code invalid_parameter, the message names it) or a Neo4j syntax/semantic error (Neo4j\'s code)',
  401: 'Not signed in, or an unknown, expired or revoked token (team mode; codes unauthorized, invalid_token, sign_in_failed)',
  403: 'Refused: no right to this (forbidden), a cross-site request (cross_site), no CSRF token (csrf), or the console is read-only (read_only)',
  404: 'Unknown id (code not_found)',
  408: 'The query ran past its time limit (code timeout)',
  413: 'The request or query text is too large (code payload_too_large)',
  422: 'The query needed more memory than one transaction may use (code memory_limit)',
  414: 'The query string is too long (code query_too_long); send long id lists in a POST body',
  429: 'Too many requests from this client (code rate_limited); wait and retry',
  500: 'Internal error (code internal; the request id locates it in the server log)',
  503: 'Neo4j is unreachable (code neo4j_unavailable)',
};

const COMPONENT_URI = (id: string) => `#/components/schemas/${id}`;

/** Points `#/$defs/X` references (named schemas met inside another) at the document's components. */
function retarget(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(retarget);
  if (!value || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/') ? COMPONENT_URI(inner.slice('#/$defs/'.length)) : retarget(inner);
  }
  return out;
}

/** JSON Schema for one zod schema; named component schemas become $refs. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const id = componentRegistry.get(schema)?.id;
  if (id) return { $ref: COMPONENT_URI(id) };
  const out = retarget(z.toJSONSchema(schema, { io, unrepresentable: 'any', metadata: componentRegistry })) as JsonObject;
  delete out.$schema;
  // The named schemas it refers to are components already.
  delete out.$defs;
  return out;
}

function components(): JsonObject {
  const generated = z.toJSONSchema(componentRegistry, { io: 'output', unrepresentable: 'any', uri: COMPONENT_URI }) as { schemas: Record<string, JsonObject> };
  const schemas: Record<string, JsonObject> = {};
  for (const [id, schema] of Object.entries(generated.schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema;
    schemas[id] = rest;
  }
  return schemas;
}

/** '/nodes/:id/neighbors' -> '/api/nodes/{id}/neighbors' */
export function openApiPath(expressPath: string): string {
  return API_PREFIX + expressPath.replace(/:(\w+)/g, '{$1}');
}

/** A description set anywhere down a chain of optional/default/pipe wrappers. */
function descriptionOf(schema: z.ZodType | undefined): string | undefined {
  for (let current = schema, depth = 0; current && depth < 8; depth++) {
    if (current.description) return current.description;
    const def = current._zod.def as { innerType?: z.ZodType; in?: z.ZodType };
    current = def.innerType ?? def.in;
  }
  return undefined;
}

function parameters(endpoint: Endpoint): JsonObject[] {
  const out: JsonObject[] = [];
  const add = (shape: z.ZodObject | undefined, where: 'path' | 'query' | 'header') => {
    if (!shape) return;
    for (const [name, field] of Object.entries(shape.shape) as [string, z.ZodType][]) {
      const schema = jsonSchema(field, 'input');
      const description = schema.description ?? descriptionOf(field);
      delete schema.description;
      out.push({
        name,
        in: where,
        required: where === 'path' || !field.safeParse(undefined).success,
        ...(description ? { description } : {}),
        schema,
      });
    }
  };
  add(endpoint.params, 'path');
  add(endpoint.query, 'query');
  add(endpoint.headers, 'header');
  return out;
}

function responses(endpoint: Endpoint): JsonObject {
  const { response } = endpoint;
  let out: JsonObject;
  if ('redirect' in response) {
    out = { '302': { description: response.description, headers: { Location: { description: 'Where the browser goes next', schema: { type: 'string', format: 'uri-reference' } } } } };
  } else {
    const content: JsonObject = { 'application/json': { schema: jsonSchema(response.schema, 'output') } };
    for (const [type, when] of Object.entries(response.otherContent ?? {})) {
      content[type] = { schema: { type: 'string', description: `The file, when ${when}` } };
    }
    out = Object.fromEntries((response.statuses ?? [200]).map((status) => [String(status), { description: response.description, content }]));
  }
  const errorContent = { 'application/json': { schema: { $ref: COMPONENT_URI('Error') } } };
  // Statuses the HTTP hardening in front of every route may answer (size caps, rate limits).
  // An endpoint that reads request headers refuses a bad one (400), whatever else it declares.
  const statuses = new Set([...endpoint.errors, ...(endpoint.headers ? [400] : []), ...hardeningStatuses(endpoint.path, endpoint.method), 500, 503]);
  for (const status of [...statuses].sort((a, b) => a - b)) {
    out[String(status)] = { description: STATUS_TEXT[status] ?? `Error ${status}`, content: errorContent };
  }
  return out;
}

function operation(endpoint: Endpoint): JsonObject {
  const op: JsonObject = {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    tags: [endpoint.tag],
    parameters: parameters(endpoint),
    responses: responses(endpoint),
  };
  if (endpoint.description) op.description = endpoint.description;
  if (endpoint.body) {
    op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(endpoint.body, 'input') } } };
  }
  return op;
}

const cached = new WeakMap<Model, JsonObject>();

/** What the loaded model declares, for the document's readers: labels and types with their meaning. */
function modelDescription(model: Model): string {
  const labels = model.labels.map((l) => `- \`${l.label}\`: ${l.description}`).join('\n');
  const types = model.relations.map((r) => `- \`${r.type}\` (${r.from.join('|')} → ${r.to.join('|')}): ${r.description}`).join('\n');
  return `\n\nThe loaded model is '${model.title}'. Labels:\n${labels}\n\nRelationship types:\n${types}`;
}

/** Names the model's labels and types beside the parameters that filter by them. */
function withModelValues(parameter: JsonObject, model: Model): JsonObject {
  const name = parameter.name;
  const extra =
    name === 'labels' ? model.labels.map((l) => l.label) : name === 'types' ? model.relations.map((r) => r.type) : undefined;
  if (!extra?.length) return parameter;
  return { ...parameter, description: `${String(parameter.description ?? '')}. Declared: ${extra.join(', ')}` };
}

/** The whole document for a loaded model; built once per model (code and model decide it). */
export function openApiDocument(model: Model): JsonObject {
  const known = cached.get(model);
  if (known) return known;
  // The error body is referenced from every response; make sure it is a component even if unused elsewhere.
  void ErrorBodySchema;
  const paths: Record<string, JsonObject> = {};
  for (const endpoint of [...ENDPOINT_LIST, ...FACT_ENDPOINT_LIST, ...ACCOUNT_ENDPOINT_LIST]) {
    const key = openApiPath(endpoint.path);
    const op = operation(endpoint);
    op.parameters = (op.parameters as JsonObject[]).map((p) => withModelValues(p, model));
    paths[key] = { ...(paths[key] ?? {}), [endpoint.method]: op };
  }
  const document: JsonObject = {
    openapi: '3.1.0',
    info: {
      title: 'Civic Graph API',
      version: '0.1.0',
      description:
        'JSON API of Civic Graph, a knowledge-graph explorer for civic space and human rights. Every node and edge carries evidence (source, verbatim quote and offsets, or the document as a whole). Errors are { error: { code, message } }.' +
        modelDescription(model),
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: [
      { name: 'graph', description: 'Search, nodes, neighbours, paths, timeline, schema' },
      { name: 'sources', description: 'Source records and texts' },
      { name: 'cypher', description: 'The read-only Cypher console' },
      { name: 'export', description: 'Files for Gephi, yEd and spreadsheets' },
      { name: 'record', description: 'Recording what a researcher finds: sources, facts, their edits and revisions' },
      { name: 'meta', description: 'Health and this document' },
    ],
    paths,
    components: { schemas: components() },
  };
  cached.set(model, document);
  return document;
}
