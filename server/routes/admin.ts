// /api/admin: accounts, live sessions and the audit trail (instance admins and the owner), and grants on
// the datasets a user administers.
import { Router } from 'express';
import { ConflictError, InvalidError, NotFoundError } from '../../model/index.ts';
import { actorOf, may, type Accounts } from '../accounts/accounts.ts';
import { firstPassword, hashPassword } from '../accounts/passwords.ts';
import type { User } from '../accounts/users.ts';
import { ACCOUNT_ENDPOINTS, AuditQuery, GrantBody, HandleParams, IdParams, NewUserBody, UserPatchBody } from '../http/account-endpoints.ts';
import { callerOf } from '../http/authenticate.ts';
import { parseBody, parseParams, parseQuery } from '../http/endpoints.ts';
import { requireInstanceAdmin, requireRole } from '../services/access.ts';
import { define, type Handler } from './define.ts';

export interface AdminRouteContext {
  accounts: Accounts;
  /** Every dataset in the database with its title. */
  datasets: () => Promise<{ id: string; title: string }[]>;
}

export function adminRoutes({ accounts, datasets }: AdminRouteContext): Router {
  const router = Router();
  const shown = (user: User) => ({ id: user.id, username: user.username, displayName: user.displayName, isAdmin: user.isAdmin, disabled: user.disabled, groups: accounts.users.groupsOf(user.id), oidc: user.oidc !== undefined });

  define(router, ACCOUNT_ENDPOINTS.users, (_req, res) => {
    requireInstanceAdmin(callerOf(res).principal);
    res.json({ users: accounts.users.list().map(shown) });
  });

  define(router, ACCOUNT_ENDPOINTS.userCreate, async (req, res) => {
    const { principal } = callerOf(res);
    requireInstanceAdmin(principal);
    const input = parseBody(NewUserBody, req);
    if (accounts.users.forSignIn(input.username)) throw new ConflictError(`username: '${input.username}' is taken`, 'username_taken');
    const password = firstPassword();
    const user = accounts.users.create({ username: input.username, ...(input.displayName ? { displayName: input.displayName } : {}), isAdmin: input.isAdmin, passwordHash: await hashPassword(password) });
    for (const group of input.groups) accounts.users.addToGroup(user.id, group);
    accounts.audit.record({ actor: actorOf(principal), address: req.ip, action: 'user.create', target: user.id, outcome: 'ok', detail: { username: user.username, isAdmin: user.isAdmin, groups: input.groups } });
    res.json({ user: shown(user), password });
  });

  define(router, ACCOUNT_ENDPOINTS.userPatch, (req, res) => {
    const { principal } = callerOf(res);
    requireInstanceAdmin(principal);
    const { id } = parseParams(IdParams, req);
    const { disabled } = parseBody(UserPatchBody, req);
    if (!accounts.users.byId(id)) throw new NotFoundError(`no user ${id}`);
    accounts.users.setDisabled(id, disabled);
    const ended = disabled ? accounts.sessions.revokeUser(id) : 0;
    accounts.audit.record({ actor: actorOf(principal), address: req.ip, action: disabled ? 'user.disable' : 'user.enable', target: id, outcome: 'ok', detail: { sessionsEnded: ended } });
    res.json({ user: shown(accounts.users.byId(id) as User) });
  });

  define(router, ACCOUNT_ENDPOINTS.sessions, (_req, res) => {
    requireInstanceAdmin(callerOf(res).principal);
    res.json({ sessions: accounts.sessions.live() });
  });

  define(router, ACCOUNT_ENDPOINTS.sessionRevoke, (req, res) => {
    const { principal } = callerOf(res);
    requireInstanceAdmin(principal);
    const { handle } = parseParams(HandleParams, req);
    if (!accounts.sessions.revokeHandle(handle)) throw new NotFoundError(`no live session ${handle}`);
    accounts.audit.record({ actor: actorOf(principal), address: req.ip, action: 'session.revoke', target: handle, outcome: 'ok' });
    res.json({ ok: true });
  });

  define(router, ACCOUNT_ENDPOINTS.grants, async (_req, res) => {
    const { roles } = callerOf(res);
    const administered = (await datasets()).filter((d) => may(roles, d.id, 'admin'));
    if (!administered.length) requireInstanceAdmin(callerOf(res).principal);
    const ids = new Set(administered.map((d) => d.id));
    res.json({ grants: accounts.grants.list().filter((g) => ids.has(g.dataset)), datasets: administered });
  });

  const changeGrant = (grant: boolean): Handler => async (req, res) => {
    const { principal, roles } = callerOf(res);
    const body = parseBody(GrantBody, req);
    requireRole(roles, body.dataset, 'admin');
    if (!(await datasets()).some((d) => d.id === body.dataset)) throw new NotFoundError(`dataset: no dataset '${body.dataset}' in this database`);
    if (body.kind === 'user' && !accounts.users.byId(body.principal)) throw new NotFoundError(`principal: no user ${body.principal}`);
    if (grant) {
      if (!body.role) throw new InvalidError('role: a grant needs a role (viewer, editor, reviewer or admin)', 'invalid_parameter');
      accounts.grants.grant(body.dataset, body.kind, body.principal, body.role, actorOf(principal) ?? 'unknown');
    } else if (!accounts.grants.revoke(body.dataset, body.kind, body.principal)) {
      throw new NotFoundError('no such grant');
    }
    accounts.audit.record({ actor: actorOf(principal), address: req.ip, action: grant ? 'grant' : 'grant.revoke', target: body.dataset, outcome: 'ok', detail: { kind: body.kind, principal: body.principal, role: body.role } });
    res.json({ ok: true });
  };
  define(router, ACCOUNT_ENDPOINTS.grant, changeGrant(true));
  define(router, ACCOUNT_ENDPOINTS.revokeGrant, changeGrant(false));

  define(router, ACCOUNT_ENDPOINTS.audit, (req, res) => {
    requireInstanceAdmin(callerOf(res).principal);
    const { limit, before, actor, action } = parseQuery(AuditQuery, req);
    res.json({ entries: accounts.audit.read({ limit, ...(before !== undefined ? { beforeSeq: before } : {}), ...(actor ? { actor } : {}), ...(action ? { action } : {}) }) });
  });

  define(router, ACCOUNT_ENDPOINTS.auditExport, (_req, res) => {
    requireInstanceAdmin(callerOf(res).principal);
    // attachment() guesses a type from the extension (octet-stream for .jsonl); the exact one is set after it.
    res.attachment('civic-graph-audit.jsonl');
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    for (const entry of accounts.audit.all()) res.write(JSON.stringify(entry) + '\n');
    res.end();
  });

  return router;
}
