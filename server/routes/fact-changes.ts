// POST /api/facts/:id/{review,retire,evidence,revert}, POST /api/actors/merge and /api/actors/:id/revert, GET /api/review,
// GET /api/actors/:id/revisions: what happens to facts and actors after recording, and the list and histories that show it.
// Every write is in the audit trail.
import { Router } from 'express';
import { callerOf } from '../http/authenticate.ts';
import { parseBody, parseParams, parseQuery } from '../http/endpoints.ts';
import { ActorParams, ActorRevertBody, EvidenceBody, FACT_ENDPOINTS, FactParams, MergeBody, RetireBody, ReviewBody, ReviewQuery, RevertBody } from '../http/fact-endpoints.ts';
import type { Fact } from '../services/writes/access.ts';
import { corroborateFact } from '../services/writes/corroborate.ts';
import { mergeActors, revertMerge } from '../services/writes/merge.ts';
import { retireFact, revertFact } from '../services/writes/retire.ts';
import { reviewList } from '../services/writes/review-list.ts';
import { reviewFact } from '../services/writes/review.ts';
import { actorRevisions } from '../services/writes/revisions.ts';
import { auditRead, define, type RouteContext } from './define.ts';
import { writeTools } from './write-audit.ts';

export function factChangeRoutes(context: RouteContext): Router {
  const { db, catalog } = context;
  const router = Router();
  const { authorOf, audited } = writeTools(context);
  const detailOf = (fact: Fact, extra: Record<string, unknown> = {}) => ({ dataset: fact.dataset, revision: fact.revision, status: fact.status, ...extra });

  define(router, FACT_ENDPOINTS.factReview, async (req, res) => {
    const { id } = parseParams(FactParams, req);
    const fact = await audited(req, res, 'fact.review', id, async () => {
      const input = parseBody(ReviewBody, req);
      const reviewed = await reviewFact(db, catalog, callerOf(res).roles, id, input, authorOf(res));
      return { answer: reviewed, detail: detailOf(reviewed, { decision: input.decision }) };
    });
    res.json({ fact });
  });

  define(router, FACT_ENDPOINTS.factRetire, async (req, res) => {
    const { id } = parseParams(FactParams, req);
    const fact = await audited(req, res, 'fact.retire', id, async () => {
      const retired = await retireFact(db, catalog, callerOf(res).roles, id, parseBody(RetireBody, req), authorOf(res));
      return { answer: retired, detail: detailOf(retired) };
    });
    res.json({ fact });
  });

  define(router, FACT_ENDPOINTS.factCorroborate, async (req, res) => {
    const { id } = parseParams(FactParams, req);
    const fact = await audited(req, res, 'fact.corroborate', id, async () => {
      const input = parseBody(EvidenceBody, req);
      const corroborated = await corroborateFact(db, catalog, callerOf(res).roles, id, input, authorOf(res));
      return { answer: corroborated, detail: detailOf(corroborated, { source: input.evidence.source }) };
    });
    res.json({ fact });
  });

  define(router, FACT_ENDPOINTS.factRevert, async (req, res) => {
    const { id } = parseParams(FactParams, req);
    const fact = await audited(req, res, 'fact.revert', id, async () => {
      const input = parseBody(RevertBody, req);
      const reverted = await revertFact(db, catalog, callerOf(res).roles, id, input, authorOf(res));
      return { answer: reverted, detail: detailOf(reverted, { target: input.target }) };
    });
    res.json({ fact });
  });

  define(router, FACT_ENDPOINTS.actorMerge, async (req, res) => {
    const answer = await audited(req, res, 'actor.merge', String(req.body?.keep ?? ''), async () => {
      const input = parseBody(MergeBody, req);
      const merged = await mergeActors(db, catalog, callerOf(res).roles, input, authorOf(res));
      return { answer: merged, detail: { dataset: merged.keep.dataset, merge: merged.merge.id, moved: merged.moved.length } };
    });
    res.json(answer);
  });

  define(router, FACT_ENDPOINTS.actorRevert, async (req, res) => {
    const { id } = parseParams(ActorParams, req);
    const answer = await audited(req, res, 'actor.revert', id, async () => {
      const input = parseBody(ActorRevertBody, req);
      const reverted = await revertMerge(db, catalog, callerOf(res).roles, id, input, authorOf(res));
      return { answer: reverted, detail: { dataset: reverted.keep.dataset, target: input.target, keep: reverted.keep.id, merge: reverted.merge.id } };
    });
    res.json(answer);
  });

  define(router, FACT_ENDPOINTS.reviewList, async (req, res) => {
    res.json(await reviewList(db, catalog, callerOf(res).roles, parseQuery(ReviewQuery, req)));
  });

  define(router, FACT_ENDPOINTS.actorRevisions, async (req, res) => {
    const { id } = parseParams(ActorParams, req);
    const { dataset, revisions } = await actorRevisions(db, callerOf(res).roles, id);
    auditRead(context, req, res, dataset);
    res.json({ revisions });
  });

  return router;
}
