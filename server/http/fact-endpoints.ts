// Zod validators, answer shapes and registry entries for recording what a researcher finds: sources, facts, their edits and revisions.
import { z } from 'zod';
import { DateInputSchema, FACT_STATUSES, ID_PATTERN, LANGUAGE_PATTERN } from '../../model/index.ts';
import type { Endpoint } from './endpoints.ts';

const datasetId = z.string().min(1).max(200).describe("The dataset written to (its Dataset node's id); URL-encode slashes");
const entityId = z.string().regex(ID_PATTERN, 'must be an id such as org/aeem').max(1000);
const text = z.string().trim().min(1, 'must not be empty');
const propertyValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
const properties = z.record(z.string(), propertyValue).describe("The relation type's declared properties (GET /api/schema)");

/** Texts above this are refused (the request body is capped too). */
export const MAX_SOURCE_TEXT = 200_000;

export const DatasetParams = z.strictObject({ dataset: datasetId });
export const FactParams = z.strictObject({ id: z.string().min(1).max(1000).describe("A fact's id such as 'rel/anna-accused-arno-1a2b3c4d'") });

export const NewSourceBody = z.strictObject({
  title: text.max(500),
  publisher: text.max(500).optional(),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  published: z.string().max(10).optional().describe('YYYY, YYYY-MM or YYYY-MM-DD'),
  language: z.string().regex(LANGUAGE_PATTERN, 'must be a language code such as en or fr').optional(),
  text: z.string().min(1, 'must not be empty').max(MAX_SOURCE_TEXT).refine((t) => t.trim().length > 0, 'must not be only whitespace').describe('The held text; quotes are checked against exactly it (its SHA-256 is kept)'),
});

const End = z.union([
  z.strictObject({ id: entityId.describe('An actor of the dataset') }),
  z.strictObject({ new: z.strictObject({ type: text.max(200).describe('A label of the model'), name: text.max(500) }) }),
]);

export const NewFactBody = z.strictObject({
  type: text.max(200).describe('A relation type of the model, allowed between the two ends\' labels'),
  from: End,
  to: End,
  date: DateInputSchema.optional(),
  properties: properties.optional(),
  evidence: z.strictObject({
    source: entityId.describe('A source of the dataset that holds its text'),
    quote: text.max(5000).describe('Verbatim, as text[start, end) of the source'),
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    prefix: z.string().max(200).optional().describe('Text just before the quote (a W3C text-quote selector)'),
    suffix: z.string().max(200).optional().describe('Text just after the quote'),
  }),
});

export const FactPatchBody = z.strictObject({
  revision: z.number().int().min(1).describe('The revision this edit is based on; a stale one answers 409 with the current fact'),
  changes: z
    .strictObject({
      properties: z.record(z.string(), propertyValue.nullable()).optional().describe('Properties to set; null removes one'),
      date: DateInputSchema.nullable().optional().describe('The new date; null removes it'),
    })
    .refine((c) => c.properties !== undefined || c.date !== undefined, 'must change properties or the date'),
  reason: z.string().trim().min(1).max(2000).optional(),
});

const SourceShape = z.object({ id: z.string(), title: z.string(), publisher: z.string().nullable(), url: z.string().nullable(), language: z.string().nullable(), published: z.string().nullable(), textSha256: z.string() });

export const FactSchema = z.object({
  id: z.string(),
  type: z.string(),
  from: z.string(),
  to: z.string(),
  dataset: z.string(),
  status: z.enum(FACT_STATUSES),
  revision: z.number().int(),
  properties: z.record(z.string(), z.unknown()).describe('Every stored property, dates as text'),
});

const RevisionShape = z.object({ revision: z.number().int(), action: z.string(), actor: z.string().nullable(), actorName: z.string().nullable(), at: z.string(), before: z.unknown(), after: z.unknown(), reason: z.string().nullable() });

export const FACT_ENDPOINTS = {
  sourceCreate: {
    method: 'post', path: '/datasets/:dataset/sources', operationId: 'addSource', tag: 'record', summary: 'Add a source with its text to a dataset (editors)',
    description: "The text is stored with its SHA-256; the same text added to the dataset again answers the existing source (200, existing: true). 403 without the editor role on the dataset, 404 for a dataset the caller cannot see, 403 read_only on a database Civic Graph did not build.",
    params: DatasetParams, body: NewSourceBody, response: { description: 'The source (201 created, 200 existing)', schema: z.object({ source: SourceShape, existing: z.boolean() }), statuses: [200, 201] }, errors: [400, 401, 403, 404, 409],
  },
  factCreate: {
    method: 'post', path: '/datasets/:dataset/facts', operationId: 'recordFact', tag: 'record', summary: 'Record a relation from a passage of a source (editors)',
    description:
      "Checked by the rules every import follows, with their messages: the quote verbatim in the source's held text at [start, end), the type allowed between the two labels, dates and properties as declared. New actors, the relation and its evidence are written in one transaction, every element in the dataset; the fact is 'accepted' in owner mode and 'proposed' in team mode, at revision 1.",
    params: DatasetParams, body: NewFactBody, response: { description: 'The fact and the actors created for it', schema: z.object({ fact: FactSchema, created: z.array(z.object({ id: z.string(), type: z.string(), name: z.string() })) }), statuses: [201] }, errors: [400, 401, 403, 404, 409],
  },
  factPatch: {
    method: 'patch', path: '/facts/:id', operationId: 'editFact', tag: 'record', summary: "Edit a fact's properties or date (editors)",
    description: 'Names the revision it is based on; a stale one answers 409 conflict with `current`, the fact as stored now. On success the revision goes up by one and a revision record keeps before, after, who and why.',
    params: FactParams, body: FactPatchBody, response: { description: 'The fact as stored now', schema: z.object({ fact: FactSchema }) }, errors: [400, 401, 403, 404, 409],
  },
  factRevisions: {
    method: 'get', path: '/facts/:id/revisions', operationId: 'getFactRevisions', tag: 'record', summary: "A fact's revisions, oldest first",
    params: FactParams, response: { description: 'Who changed what, when and why', schema: z.object({ revisions: z.array(RevisionShape) }) }, errors: [400, 401, 404],
  },
} as const satisfies Record<string, Endpoint>;

export const FACT_ENDPOINT_LIST: readonly Endpoint[] = Object.values(FACT_ENDPOINTS);
