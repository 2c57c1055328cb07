// POST /api/datasets/:dataset/sources, POST /api/datasets/:dataset/facts, PATCH /api/facts/:id, GET /api/facts/:id/revisions:
// recording what a researcher finds (changes after it: fact-changes.ts). Every write is in the audit trail, whatever its outcome.
import { Router } from 'express';
import { callerOf } from '../http/authenticate.ts';
import { parseBody, parseParams } from '../http/endpoints.ts';
import { DatasetParams, FACT_ENDPOINTS, FactParams, FactPatchBody, NewFactBody, NewSourceBody } from '../http/fact-endpoints.ts';
import { writableDataset } from '../services/writes/access.ts';
import { editFact } from '../services/writes/fact-edit.ts';
import { recordFact } from '../services/writes/facts.ts';
import { factRevisions } from '../services/writes/revisions.ts';
import { addSource } from '../services/writes/sources.ts';
import { auditRead, define, visibility, type RouteContext } from './define.ts';
import { writeTools } from './write-audit.ts';

export function factRoutes(context: RouteContext): Router {
  const { db, catalog } = context;
  const router = Router();

  const { authorOf, audited } = writeTools(context);

  define(router, FACT_ENDPOINTS.sourceCreate, async (req, res) => {
    const { dataset } = parseParams(DatasetParams, req);
    const answer = await audited(req, res, 'source.create', dataset, async () => {
      const input = parseBody(NewSourceBody, req);
      await writableDataset(catalog, callerOf(res).roles, dataset);
      const added = await addSource(db, catalog, dataset, input);
      return { answer: added, detail: { source: added.source.id, existing: added.existing, textSha256: added.source.textSha256 } };
    });
    res.status(answer.existing ? 200 : 201).json(answer);
  });

  define(router, FACT_ENDPOINTS.factCreate, async (req, res) => {
    const { dataset } = parseParams(DatasetParams, req);
    const answer = await audited(req, res, 'fact.create', dataset, async () => {
      const input = parseBody(NewFactBody, req);
      const model = await writableDataset(catalog, callerOf(res).roles, dataset);
      const recorded = await recordFact(db, catalog, model, dataset, input, authorOf(res));
      return { answer: recorded, detail: { fact: recorded.fact.id, type: recorded.fact.type, status: recorded.fact.status, created: recorded.created.map((c) => c.id) } };
    });
    res.status(201).json(answer);
  });

  define(router, FACT_ENDPOINTS.factPatch, async (req, res) => {
    const { id } = parseParams(FactParams, req);
    const fact = await audited(req, res, 'fact.edit', id, async () => {
      const patch = parseBody(FactPatchBody, req);
      const edited = await editFact(db, catalog, callerOf(res).roles, id, patch, authorOf(res));
      return { answer: edited, detail: { dataset: edited.dataset, revision: edited.revision, ...(patch.reason ? { reason: patch.reason } : {}) } };
    });
    res.json({ fact });
  });

  define(router, FACT_ENDPOINTS.factRevisions, async (req, res) => {
    const { id } = parseParams(FactParams, req);
    const { dataset, ...answer } = await factRevisions(db, catalog, callerOf(res).roles, id, visibility(req, res).statuses);
    auditRead(context, req, res, dataset);
    res.json(answer);
  });

  return router;
}
