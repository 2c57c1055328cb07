// Zod validators, answer shapes and registry entries for recording what a researcher finds: sources, facts, their edits,
// reviews, retirements, corroborations, reverts and revisions, and the review list.
import { z } from 'zod';
import { DateInputSchema, FACT_STATUSES, ID_PATTERN, LANGUAGE_PATTERN } from '../../model/index.ts';
import { ReadHeaders, type Endpoint } from './endpoints.ts';

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

const Evidence = z.strictObject({
  source: entityId.describe('A source of the dataset that holds its text'),
  quote: text.max(5000).describe('Verbatim, as text[start, end) of the source'),
  start: z.number().int().min(0),
  end: z.number().int().min(1),
  prefix: z.string().max(200).optional().describe('Text just before the quote (a W3C text-quote selector)'),
  suffix: z.string().max(200).optional().describe('Text just after the quote'),
});

export const NewFactBody = z.strictObject({
  type: text.max(200).describe('A relation type of the model, allowed between the two ends\' labels'),
  from: End,
  to: End,
  date: DateInputSchema.optional(),
  properties: properties.optional(),
  evidence: Evidence,
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

const basedOn = z.number().int().min(1).describe('The revision this change is based on; a stale one answers 409 stale_revision with the current fact');
const reason = text.max(2000);

export const ReviewBody = z.strictObject({
  revision: basedOn,
  decision: z.enum(['accept', 'reject']),
  comment: reason.describe("Why: the revision's reason, shown in the history"),
});
export const RetireBody = z.strictObject({ revision: basedOn, reason: reason.describe('Why the fact is withdrawn') });
export const EvidenceBody = z.strictObject({ revision: basedOn, evidence: Evidence });
export const RevertBody = z.strictObject({ revision: basedOn, target: z.number().int().min(1).describe('The revision to undo (GET /api/facts/:id/revisions)') });

const paging = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
export const ReviewQuery = z.strictObject({
  dataset: datasetId.optional().describe('Only this dataset (default: every one the caller may review)'),
  limit: paging(1, 200, 50).describe('Most facts to answer (1 to 200, default 50)'),
  offset: paging(0, 100_000, 0).describe('Facts to skip, newest first (default 0)'),
});
export const MergeBody = z.strictObject({
  keep: entityId.describe('The actor kept: it takes the relations, evidence, id and names of the other'),
  merge: entityId.describe('The actor merged into it: retired (mergedInto = keep), never deleted'),
  reason: reason.describe('Why they are the same'),
});
export const ActorRevertBody = z.strictObject({ target: z.number().int().min(1).describe("The actor's merge revision to undo (GET /api/actors/:id/revisions)") });
export const ActorParams = z.strictObject({ id: entityId.describe("An actor's id such as 'person/anna-example'") });

export const SourceShape = z.object({ id: z.string(), title: z.string(), publisher: z.string().nullable(), url: z.string().nullable(), language: z.string().nullable(), published: z.string().nullable(), textSha256: z.string() });

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

export const RevisionShape = z.object({ revision: z.number().int(), action: z.string(), actor: z.string().nullable(), actorName: z.string().nullable(), at: z.string(), before: z.unknown(), after: z.unknown(), reason: z.string().nullable() });

const ActorShape = z.object({ id: z.string(), dataset: z.string(), properties: z.record(z.string(), z.unknown()) });
const MergeAnswer = { description: 'Both actors as stored now, and the relations that moved', schema: z.object({ keep: ActorShape, merge: ActorShape, moved: z.array(z.string()) }) };

const FactAnswer = { description: 'The fact as stored now', schema: z.object({ fact: FactSchema }) };
const CHANGE = 'Names the revision it is based on (a stale one answers 409 stale_revision with `current`, the fact as stored now); one write transaction that adds a revision record (who, when, before, after, why). 403 read_only on a database Civic Graph did not build, 404 for a fact the caller cannot see.';

/** What a fact's and an actor's history share: a read, shown as its element is (X-Show-Facts), the revisions oldest first. */
const HISTORY = {
  method: 'get', tag: 'record', headers: ReadHeaders, errors: [400, 401, 404],
  response: { description: 'Who changed what, when and why', schema: z.object({ revisions: z.array(RevisionShape) }) },
} as const;

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
    ...HISTORY, path: '/facts/:id/revisions', operationId: 'getFactRevisions', summary: "A fact's revisions, oldest first", params: FactParams,
    description: 'Shown as the fact is: 404 for a fact the caller cannot see, or whose status the request does not show (X-Show-Facts).',
  },
  factReview: {
    method: 'post', path: '/facts/:id/review', operationId: 'reviewFact', tag: 'record', summary: 'Accept or reject a proposed fact, with a comment (reviewers)',
    description: `Needs the reviewer role on the fact's dataset; its author may not review it (403 own_fact); only a proposed fact (else 409 not_proposed). Accepting accepts the proposed actors the fact created; rejecting rejects those no other proposed or accepted fact uses. Revision action accept or reject, the comment its reason. ${CHANGE}`,
    params: FactParams, body: ReviewBody, response: FactAnswer, errors: [400, 401, 403, 404, 409],
  },
  factRetire: {
    method: 'post', path: '/facts/:id/retire', operationId: 'retireFact', tag: 'record', summary: 'Retire a fact with a reason (editors)',
    description: `The fact is kept with status retired (hidden by default), never deleted; 409 already_retired when it is. Revision action retire. ${CHANGE}`,
    params: FactParams, body: RetireBody, response: FactAnswer, errors: [400, 401, 403, 404, 409],
  },
  factCorroborate: {
    method: 'post', path: '/facts/:id/evidence', operationId: 'corroborateFact', tag: 'record', summary: 'Add a second passage stating a fact (editors)',
    description: `Checked as recording checks its first (400 invalid_fact with problems on fact.evidence[0].<field>): the quote verbatim in a held text of the fact's dataset at [start, end), its prefix and suffix; the same passage twice is refused. Revision action corroborate. ${CHANGE}`,
    params: FactParams, body: EvidenceBody, response: FactAnswer, errors: [400, 401, 403, 404, 409],
  },
  factRevert: {
    method: 'post', path: '/facts/:id/revert', operationId: 'revertFact', tag: 'record', summary: 'Undo one revision of a fact as a new revision (editors)',
    description: `The fact's stored properties (status, dates, evidence among them) become revision target's before; undoing revision 1 (the creation) retires the fact. 404 no_such_revision for a target the fact does not have. Revision action revert, its reason naming the target. ${CHANGE}`,
    params: FactParams, body: RevertBody, response: FactAnswer, errors: [400, 401, 403, 404, 409],
  },
  reviewList: {
    method: 'get', path: '/review', operationId: 'getReviewList', tag: 'record', summary: 'The proposed facts waiting for review, newest first',
    description: "Of the datasets where the caller is editor or above (only reviewers decide; editors see what waits), or of `dataset` (404 when the caller cannot see it, 403 when they only read it). `total` is the number waiting; `author` is the recording user's name, `authorId` their id, `quote` and `source` the first piece of evidence.",
    query: ReviewQuery,
    response: {
      description: 'A page of proposed facts and their number',
      schema: z.object({
        facts: z.array(z.object({ fact: FactSchema, fromName: z.string().nullable(), toName: z.string().nullable(), author: z.string().nullable(), authorId: z.string().nullable(), at: z.string().nullable(), quote: z.string().nullable(), source: z.string().nullable() })),
        total: z.number().int(),
      }),
    },
    errors: [400, 401, 403, 404],
  },
  actorRevisions: {
    ...HISTORY, path: '/actors/:id/revisions', operationId: 'getActorRevisions', summary: "An actor's revisions, oldest first", params: ActorParams,
    description: 'Its creation by a recorded fact (after.fact names it), its review, merges; empty for an imported actor. 404 for an actor the caller cannot see, or whose status the request does not show (X-Show-Facts).',
  },
  actorMerge: {
    method: 'post', path: '/actors/merge', operationId: 'mergeActors', tag: 'record', summary: 'Merge two actors that are the same (editors)',
    description: "The relations and evidence of `merge` move to `keep`; `merge`'s id and names become aliases of `keep`; `merge` is retired with mergedInto = keep, never deleted. Both actors of one dataset (400 different_datasets); 409 already_merged for a retired one. A revision (action merge) on both, whose after lists the relations moved. One write transaction; 403 read_only on a database Civic Graph did not build.",
    body: MergeBody, response: MergeAnswer, errors: [400, 401, 403, 404, 409],
  },
  actorRevert: {
    method: 'post', path: '/actors/:id/revert', operationId: 'revertActorMerge', tag: 'record', summary: 'Undo a merge as a new revision of both actors (editors)',
    description: "`target` is a merge revision of actor :id (either side): the relations it moved go back, and both actors' properties become what they were before it (400 not_a_merge for another action; 409 not_merged when the merged actor is not merged into the kept one now). A revision (action revert) on both.",
    params: ActorParams, body: ActorRevertBody, response: MergeAnswer, errors: [400, 401, 403, 404, 409],
  },
} as const satisfies Record<string, Endpoint>;

export const FACT_ENDPOINT_LIST: readonly Endpoint[] = Object.values(FACT_ENDPOINTS);
