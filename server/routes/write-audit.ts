// What every write route shares: who writes (the author a revision names, and the status their facts get) and the
// audit of the write, whatever its outcome.
import type { Request, Response } from 'express';
import { CivicGraphError } from '../../model/index.ts';
import { actorOf, principalName } from '../accounts/accounts.ts';
import { callerOf } from '../http/authenticate.ts';
import type { Author } from '../services/writes/access.ts';
import type { RouteContext } from './define.ts';

export type Audited = <T>(req: Request, res: Response, action: string, target: string, work: () => Promise<{ answer: T; detail: Record<string, unknown> }>) => Promise<T>;

export function writeTools(context: RouteContext): { authorOf: (res: Response) => Author; audited: Audited } {
  const { accounts } = context;

  const authorOf = (res: Response): Author => {
    const { principal } = callerOf(res);
    return { actor: actorOf(principal), name: principal ? principalName(principal) : 'unknown', status: context.auth?.mode === 'accounts' ? 'proposed' : 'accepted' };
  };

  /**
   * Runs a write and records it: ok with what it wrote, refused (or failed) with the error's code. The error
   * handler audits refusals it sees; `res.locals.audited` tells it this one is recorded already.
   */
  const audited: Audited = async (req, res, action, target, work) => {
    const record = (outcome: 'ok' | 'refused' | 'failed', detail: Record<string, unknown>) =>
      accounts?.audit.record({ actor: actorOf(callerOf(res).principal), address: req.ip, action, target, outcome, detail });
    try {
      const { answer, detail } = await work();
      record('ok', detail);
      return answer;
    } catch (error) {
      const known = error instanceof CivicGraphError;
      record(known && error.kind !== 'unavailable' && error.kind !== 'timeout' ? 'refused' : 'failed', { code: known ? error.code : 'internal' });
      res.locals.audited = true;
      throw error;
    }
  };

  return { authorOf, audited };
}
