// POST /api/facts/:id/{review,retire,evidence,revert}, POST /api/actors/merge and /api/actors/:id/revert, GET /api/review,
// GET /api/actors/:id/revisions: what happens to facts and actors after recording, and the list and histories that show it.
// Every write is in the audit trail.
import { Router } from 'express';
import type { z } from 'zod';
import type { DatasetRoles } from '../accounts/accounts.ts';
import { callerOf } from '../http/authenticate.ts';
import { parseBody, parseParams, parseQuery, type Endpoint } from '../http/endpoints.ts';
import { ActorParams, ActorRevertBody, EvidenceBody, FACT_ENDPOINTS, FactParams, MergeBody, RetireBody, ReviewBody, ReviewQuery, RevertBody } from '../http/fact-endpoints.ts';
import type { Author, Fact } from '../services/writes/access.ts';
import { corroborateFact } from '../services/writes/corroborate.ts';
import { mergeActors, revertMerge } from '../services/writes/merge.ts';
import { retireFact, revertFact } from '../services/writes/retire.ts';
import { reviewList } from '../services/writes/review-list.ts';
import { reviewFact } from '../services/writes/review.ts';
import { actorRevisions } from '../services/writes/revisions.ts';
import { auditRead, define, visibility, type RouteContext } from './define.ts';
import { writeTools } from './write-audit.ts';

export function factChangeRoutes(context: RouteContext): Router {
  const { db, catalog } = context;
  const router = Router();
  const { authorOf, audited } = writeTools(context);
  const detailOf = (fact: Fact, extra: Record<string, unknown> = {}) => ({ dataset: fact.dataset, revision: fact.revision, status: fact.status, ...extra });

  /**
   * A change of one fact: its id from the path, its body parsed by `body`, the service given the caller's roles and
   * author, the audit's detail from what it wrote (and the input), the fact as stored after it in the answer.
   */
  function factChange<B extends z.ZodType>(
    endpoint: Endpoint,
    action: string,
    body: B,
    change: (db: RouteContext['db'], catalog: RouteContext['catalog'], roles: DatasetRoles, id: string, input: z.output<B>, author: Author) => Promise<Fact>,
    extra: (input: z.output<B>) => Record<string, unknown>,
  ): void {
    define(router, endpoint, async (req, res) => {
      const { id } = parseParams(FactParams, req);
      const fact = await audited(req, res, action, id, async () => {
        const input = parseBody(body, req);
        const changed = await change(db, catalog, callerOf(res).roles, id, input, authorOf(res));
        return { answer: changed, detail: detailOf(changed, extra(input)) };
      });
      res.json({ fact });
    });
  }

  factChange(FACT_ENDPOINTS.factReview, 'fact.review', ReviewBody, reviewFact, (input) => ({ decision: input.decision }));
  factChange(FACT_ENDPOINTS.factRetire, 'fact.retire', RetireBody, retireFact, () => ({}));
  factChange(FACT_ENDPOINTS.factCorroborate, 'fact.corroborate', EvidenceBody, corroborateFact, (input) => ({ source: input.evidence.source }));
  factChange(FACT_ENDPOINTS.factRevert, 'fact.revert', RevertBody, revertFact, (input) => ({ target: input.target }));

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
    const { dataset, revisions } = await actorRevisions(db, callerOf(res).roles, id, visibility(req, res).statuses);
    auditRead(context, req, res, dataset);
    res.json({ revisions });
  });

  return router;
}
