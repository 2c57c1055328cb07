// Typed calls of the record API (issue #25): sources in, facts from passages, review, history, edits, retire and revert; the wire types from the server's own schemas where it declares them.
import type { z } from 'zod';
import type { FactPatchBody, FactSchema, NewFactBody, NewSourceBody, RevisionShape, SourceShape } from '../../server/http/fact-endpoints.ts';
import { getJson, query, sendJson } from './api.ts';

export type Fact = z.infer<typeof FactSchema>;
export type FactStatus = Fact['status'];
export type NewSource = z.infer<typeof NewSourceBody>;
export type NewFact = z.infer<typeof NewFactBody>;
export type FactEnd = NewFact['from'];
export type EvidenceAnchor = NewFact['evidence'];
export type DateInput = NonNullable<NewFact['date']>;
export type FactChanges = z.infer<typeof FactPatchBody>['changes'];

export interface RecordedSource {
  source: z.infer<typeof SourceShape>;
  existing: boolean;
}

export type Revision = z.infer<typeof RevisionShape>;

/** One line of the review list: the proposed fact, its ends' names, who recorded it, the quote and its source. */
export interface ReviewItem {
  fact: Fact;
  fromName: string | null;
  toName: string | null;
  /** The recording user's name, and their id (a reviewer may not decide on their own facts). */
  author: string | null;
  authorId?: string | null;
  at: string | null;
  quote: string | null;
  source: string | null;
}

const enc = encodeURIComponent;

export function addSource(dataset: string, source: NewSource): Promise<RecordedSource> {
  return sendJson('POST', `/api/datasets/${enc(dataset)}/sources`, source);
}

export function recordFact(dataset: string, fact: NewFact): Promise<{ fact: Fact; created: { id: string; type: string; name: string }[] }> {
  return sendJson('POST', `/api/datasets/${enc(dataset)}/facts`, fact);
}

export function editFact(id: string, revision: number, changes: FactChanges, reason?: string): Promise<{ fact: Fact }> {
  return sendJson('PATCH', `/api/facts/${enc(id)}`, { revision, changes, ...(reason ? { reason } : {}) });
}

export function factRevisions(id: string, signal?: AbortSignal): Promise<{ revisions: Revision[] }> {
  return getJson(`/api/facts/${enc(id)}/revisions`, { signal });
}

export function actorRevisions(id: string, signal?: AbortSignal): Promise<{ revisions: Revision[] }> {
  return getJson(`/api/actors/${enc(id)}/revisions`, { signal });
}

export function reviewFact(id: string, revision: number, decision: 'accept' | 'reject', comment: string): Promise<{ fact: Fact }> {
  return sendJson('POST', `/api/facts/${enc(id)}/review`, { revision, decision, comment });
}

export function retireFact(id: string, revision: number, reason: string): Promise<{ fact: Fact }> {
  return sendJson('POST', `/api/facts/${enc(id)}/retire`, { revision, reason });
}

export function corroborate(id: string, revision: number, evidence: EvidenceAnchor): Promise<{ fact: Fact }> {
  return sendJson('POST', `/api/facts/${enc(id)}/evidence`, { revision, evidence });
}

export function revertFact(id: string, revision: number, target: number): Promise<{ fact: Fact }> {
  return sendJson('POST', `/api/facts/${enc(id)}/revert`, { revision, target });
}

export function revertActor(id: string, target: number): Promise<unknown> {
  return sendJson('POST', `/api/actors/${enc(id)}/revert`, { target });
}

export function fetchReview(options: { dataset?: string; limit?: number; offset?: number } = {}, signal?: AbortSignal): Promise<{ facts: ReviewItem[]; total: number }> {
  return getJson(`/api/review${query({ dataset: options.dataset, limit: options.limit, offset: options.offset })}`, { signal });
}
