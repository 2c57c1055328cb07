// What happens to a recorded fact after it is written (issue #25), against the real Neo4j in team mode: review by
// someone other than its author (with its new actors), the review list, retire, corroborate, revert, and the
// histories of facts and actors; each refused when stale (409 with current), to a viewer (403), to a reviewer of
// another dataset (404, as if it did not exist), and writing nothing when refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civicSpaceModel } from '../../model/index.ts';
import { builtQuery } from '../../db/built-queries.ts';
import type { PlanOperator } from '../../db/database.ts';
import { Accounts } from '../../server/accounts/accounts.ts';
import { testDatabase } from '../support/db.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { tempDir } from '../support/temp-dir.ts';
import { databaseChecksum } from './api-support.ts';
import { call, enc, factBody, QUOTE, REPORT, SECOND, loadTwoDatasets } from './facts-support.ts';

const db = testDatabase();
const dir = tempDir('civic-graph-review-');
const A = 'test/a';
const B = 'test/b';

describe('reviewing, retiring, corroborating and reverting facts (team mode)', () => {
  const accounts = Accounts.open(':memory:', { sessionLifetimeMs: 3_600_000 });
  const people = { editor: [A, 'editor'], reviewer: [A, 'reviewer'], viewer: [A, 'viewer'], reviewerB: [B, 'reviewer'] } as const;
  type Who = keyof typeof people;
  const tokens = {} as Record<Who, string>;
  const ids = {} as Record<Who, string>;
  let server: RunningServer;
  let sourceId = '';

  // Every status shown, as a page with "Show proposals" and "Show retired" on asks: what a history shows by default is visibility's test.
  const as = (who: Who, method: string, path: string, json?: unknown) => call(server, tokens[who], method, path, json, { 'x-show-facts': 'proposed,rejected,retired' });
  const record = async (who: Who, body: unknown) => {
    const answer = await as(who, 'POST', `/api/datasets/${enc(A)}/facts`, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body as { fact: { id: string; revision: number; status: string; properties: Record<string, unknown> }; created: { id: string }[] };
  };
  const factPath = (id: string, action = '') => `/api/facts/${enc(id)}${action}`;
  const actorStatus = async (id: string) => (await db.read('MATCH (n:Entity {id: $id}) RETURN n.factStatus AS status', { id })).rows[0]?.status;
  /** A fact from person/anna to a new actor named `name`, quoting the report's first accusation. */
  const toNew = (name: string) => ({ ...factBody(sourceId, QUOTE), to: { new: { type: 'Person', name } } });

  beforeAll(async () => {
    await loadTwoDatasets(db, dir, A, B);
    const admin = accounts.users.create({ username: 'admin', isAdmin: true });
    for (const [name, [grantedOn, role]] of Object.entries(people) as [Who, (typeof people)[Who]][]) {
      const user = accounts.users.create({ username: name.toLowerCase() });
      accounts.grants.grant(grantedOn, 'user', user.id, role, admin.id);
      tokens[name] = accounts.tokens.create(user.id, 'tests', new Date(Date.now() + 3_600_000)).secret;
      ids[name] = user.id;
    }
    server = await startServer(db, { security: { rateLimits: false } }, { accounts, auth: { mode: 'accounts', sessionHours: 1, cookieSecure: 'auto', auditReads: [] } });
    const source = await as('editor', 'POST', `/api/datasets/${enc(A)}/sources`, { title: 'Field Report', text: REPORT });
    sourceId = source.body.source.id;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    accounts.close();
  });

  it('lists what waits for review, newest first, with its words and author, to editors and reviewers of its dataset only', async () => {
    const older = await record('editor', toNew('Bruno Example'));
    const newer = await record('editor', { ...toNew('Carla Example'), properties: { words: 'betrayal' } });
    const list = await as('reviewer', 'GET', '/api/review');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.facts.map((f: any) => f.fact.id)).toEqual([newer.fact.id, older.fact.id]);
    expect(list.body.facts[1]).toMatchObject({
      fact: { id: older.fact.id, status: 'proposed', revision: 1, dataset: A },
      fromName: 'Anna Example',
      toName: 'Bruno Example',
      author: 'editor',
      authorId: ids.editor,
      quote: QUOTE,
      source: sourceId,
    });
    expect(Date.parse(list.body.facts[0].at)).toBeGreaterThanOrEqual(Date.parse(list.body.facts[1].at));
    // Paging keeps the total.
    const second = await as('editor', 'GET', `/api/review?dataset=${enc(A)}&limit=1&offset=1`);
    expect(second.body).toMatchObject({ total: 2, facts: [{ fact: { id: older.fact.id } }] });
    // A viewer reviews nothing; a reviewer of another dataset sees nothing of this one.
    expect((await as('viewer', 'GET', '/api/review')).body).toEqual({ facts: [], total: 0 });
    expect((await as('viewer', 'GET', `/api/review?dataset=${enc(A)}`)).status).toBe(403);
    expect((await as('reviewerB', 'GET', '/api/review')).body).toEqual({ facts: [], total: 0 });
    expect((await as('reviewerB', 'GET', `/api/review?dataset=${enc(A)}`)).status).toBe(404);
    expect((await as('reviewer', 'GET', '/api/review?limit=0')).status).toBe(400);
  });

  it('accepts a proposed fact and the actor it created; refuses its author, a viewer, another dataset, a stale revision, no comment, and a second review', async () => {
    const { fact, created } = await record('editor', toNew('Dario Example'));
    const review = (who: Who, body: Record<string, unknown>) => as(who, 'POST', factPath(fact.id, '/review'), { revision: 1, decision: 'accept', comment: 'the report says so', ...body });
    const checksum = await databaseChecksum(db);
    const refusals = [
      await review('viewer', {}),
      await review('editor', {}),
      await review('reviewerB', {}),
      await review('reviewer', { revision: 2 }),
      await review('reviewer', { comment: '  ' }),
      await review('reviewer', { decision: 'maybe' }),
    ];
    expect(refusals.map((r) => [r.status, r.body.error.code])).toEqual([
      [403, 'forbidden'],
      [403, 'forbidden'],
      [404, 'not_found'],
      [409, 'stale_revision'],
      [400, 'invalid_parameter'],
      [400, 'invalid_parameter'],
    ]);
    expect(refusals[3]!.body.error.current).toMatchObject({ id: fact.id, revision: 1, status: 'proposed' });
    expect(await databaseChecksum(db)).toBe(checksum);

    const accepted = await review('reviewer', {});
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.fact).toMatchObject({ id: fact.id, status: 'accepted', revision: 2 });
    expect(await actorStatus(created[0]!.id)).toBe('accepted');
    const again = await review('reviewer', { revision: 2 });
    expect([again.status, again.body.error.code]).toEqual([409, 'not_proposed']);

    const history = await as('viewer', 'GET', factPath(fact.id, '/revisions'));
    expect(history.body.revisions.map((r: any) => [r.revision, r.action, r.actor, r.reason])).toEqual([
      [1, 'create', ids.editor, null],
      [2, 'accept', ids.reviewer, 'the report says so'],
    ]);
    expect([history.body.revisions[1].before.factStatus, history.body.revisions[1].after.factStatus]).toEqual(['proposed', 'accepted']);
    const actor = await as('viewer', 'GET', `/api/actors/${enc(created[0]!.id)}/revisions`);
    expect(actor.status).toBe(200);
    expect(actor.body.revisions.map((r: any) => [r.revision, r.action, r.actor, r.after.fact, r.after.factStatus])).toEqual([
      [1, 'create', ids.editor, fact.id, 'proposed'],
      [2, 'accept', ids.reviewer, fact.id, 'accepted'],
    ]);
    expect((await as('reviewerB', 'GET', `/api/actors/${enc(created[0]!.id)}/revisions`)).status).toBe(404);
    // An imported actor has no history, and is no secret to a reader of its dataset.
    expect((await as('viewer', 'GET', `/api/actors/${enc('person/anna')}/revisions`)).body).toEqual({ revisions: [] });
  });

  it("shows a proposed fact's and its new actor's history to a viewer only when they ask for proposals", async () => {
    const { fact, created } = await record('editor', toNew('Gita History'));
    const ask = async (path: string, show?: string) =>
      (await fetch(server.url + path, { headers: { authorization: `Bearer ${tokens.viewer}`, ...(show ? { 'x-show-facts': show } : {}) } })).status;
    for (const path of [factPath(fact.id, '/revisions'), `/api/actors/${enc(created[0]!.id)}/revisions`]) {
      expect(await ask(path), path).toBe(404);
      expect(await ask(path, 'retired'), path).toBe(404);
      expect(await ask(path, 'proposed'), path).toBe(200);
      expect(await ask(path, 'bogus'), path).toBe(400);
    }
  });

  it('refuses the author even when they hold the reviewer role (own_fact)', async () => {
    const { fact } = await record('reviewer', toNew('Elsa Example'));
    const own = await as('reviewer', 'POST', factPath(fact.id, '/review'), { revision: 1, decision: 'accept', comment: 'mine is right' });
    expect([own.status, own.body.error.code]).toEqual([403, 'own_fact']);
    expect((await db.read('MATCH ()-[r {id: $id}]->() RETURN r.factStatus AS status, r.factRevision AS revision', { id: fact.id })).rows).toEqual([{ status: 'proposed', revision: 1 }]);
  });

  it('rejects a fact and its new actor, but keeps an actor that another proposed fact uses', async () => {
    const first = await record('editor', toNew('Fabio Example'));
    const fabio = first.created[0]!.id;
    const other = await record('editor', { ...factBody(sourceId, SECOND), to: { id: fabio }, properties: { words: 'again' } });
    const rejected = await as('reviewer', 'POST', factPath(first.fact.id, '/review'), { revision: 1, decision: 'reject', comment: 'not what the report says' });
    expect(rejected.body.fact).toMatchObject({ status: 'rejected', revision: 2 });
    expect(await actorStatus(fabio)).toBe('proposed');
    const lone = await record('editor', toNew('Gina Example'));
    await as('reviewer', 'POST', factPath(lone.fact.id, '/review'), { revision: 1, decision: 'reject', comment: 'no' });
    expect(await actorStatus(lone.created[0]!.id)).toBe('rejected');
    const list = await as('reviewer', 'GET', '/api/review');
    const waiting = list.body.facts.map((f: any) => f.fact.id);
    expect(waiting).toContain(other.fact.id);
    expect(waiting).not.toContain(first.fact.id);
    expect(list.body.total).toBe(waiting.length);
  });

  it('retires a fact with a reason, keeps it, and refuses what retire refuses', async () => {
    const { fact } = await record('editor', toNew('Hugo Example'));
    const retire = (who: Who, body: Record<string, unknown>) => as(who, 'POST', factPath(fact.id, '/retire'), { revision: 1, reason: 'a duplicate', ...body });
    const checksum = await databaseChecksum(db);
    const refusals = [await retire('viewer', {}), await retire('reviewerB', {}), await retire('editor', { reason: '' }), await retire('editor', { revision: 3 })];
    expect(refusals.map((r) => [r.status, r.body.error.code])).toEqual([
      [403, 'forbidden'],
      [404, 'not_found'],
      [400, 'invalid_parameter'],
      [409, 'stale_revision'],
    ]);
    expect(refusals[3]!.body.error.current.revision).toBe(1);
    expect(await databaseChecksum(db)).toBe(checksum);
    const retired = await retire('editor', {});
    expect(retired.body.fact).toMatchObject({ status: 'retired', revision: 2 });
    expect((await db.read('MATCH ()-[r {id: $id}]->() RETURN r.factStatus AS status', { id: fact.id })).rows).toEqual([{ status: 'retired' }]);
    const twice = await retire('editor', { revision: 2 });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'already_retired']);
    const history = await as('editor', 'GET', factPath(fact.id, '/revisions'));
    expect(history.body.revisions.at(-1)).toMatchObject({ revision: 2, action: 'retire', actor: ids.editor, actorName: 'editor', reason: 'a duplicate' });
    expect(typeof history.body.revisions.at(-1).at).toBe('string');
  });

  it('adds a second passage as evidence, checked as recording checks the first', async () => {
    const { fact } = await record('editor', toNew('Ivo Example'));
    const start = REPORT.indexOf(SECOND);
    const evidence = (extra: Record<string, unknown> = {}) => ({ revision: 1, evidence: { source: sourceId, quote: SECOND, start, end: start + SECOND.length, ...extra } });
    const checksum = await databaseChecksum(db);
    const wrong = await as('editor', 'POST', factPath(fact.id, '/evidence'), evidence({ quote: 'Anna Example accused Bruno Exampel again' }));
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'invalid_fact']);
    expect(wrong.body.error.problems).toEqual([expect.stringMatching(/^fact\.evidence\[0\]\.quote: quote not found in source 'src\/field-report' \(even after folding whitespace\); closest passage/)]);
    const shifted = await as('editor', 'POST', factPath(fact.id, '/evidence'), evidence({ start: 0, end: SECOND.length }));
    expect(shifted.body.error.problems).toEqual([`fact.evidence[0].start: the quote is not the source's text at [0, ${SECOND.length}): it is at [${start}, ${start + SECOND.length})`]);
    const elsewhere = await as('editor', 'POST', factPath(fact.id, '/evidence'), evidence({ source: 'src/test-b-notes' }));
    expect(elsewhere.body.error.problems).toEqual([`fact.evidence[0].source: unknown source 'src/test-b-notes' (sources: ${sourceId}, src/test-a-notes)`]);
    const viewer = await as('viewer', 'POST', factPath(fact.id, '/evidence'), evidence());
    const stale = await as('editor', 'POST', factPath(fact.id, '/evidence'), { ...evidence(), revision: 2 });
    expect([viewer.status, stale.status, stale.body.error.code]).toEqual([403, 409, 'stale_revision']);
    expect(await databaseChecksum(db)).toBe(checksum);

    const ok = await as('editor', 'POST', factPath(fact.id, '/evidence'), evidence({ prefix: 'dissolved. ' }));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.fact).toMatchObject({ revision: 2, properties: { evidenceQuotes: [QUOTE, SECOND], evidenceStarts: [REPORT.indexOf(QUOTE), start] } });
    const same = await as('editor', 'POST', factPath(fact.id, '/evidence'), { ...evidence(), revision: 2 });
    expect(same.body.error.problems).toEqual(['fact.evidence[0].start: this passage is already evidence of the fact']);
    const history = await as('editor', 'GET', factPath(fact.id, '/revisions'));
    expect(history.body.revisions.map((r: any) => r.action)).toEqual(['create', 'corroborate']);
    expect(history.body.revisions[1].before.evidenceQuotes).toEqual([QUOTE]);
  });

  it('reverts a changed date as a new revision; reverting the creation retires the fact; reverting a retirement restores it', async () => {
    const { fact } = await record('editor', { ...toNew('Jana Example'), date: { on: '2024-03-03', inferred: false } });
    const moved = await as('editor', 'PATCH', factPath(fact.id), { revision: 1, changes: { date: { on: '2024-05', inferred: true } }, reason: 'a later report' });
    expect(moved.body.fact.properties).toMatchObject({ date: '2024-05-01', datePrecision: 'month' });
    const unknown = await as('editor', 'POST', factPath(fact.id, '/revert'), { revision: 2, target: 9 });
    const stale = await as('editor', 'POST', factPath(fact.id, '/revert'), { revision: 1, target: 2 });
    const viewer = await as('viewer', 'POST', factPath(fact.id, '/revert'), { revision: 2, target: 2 });
    expect([unknown.status, unknown.body.error.code, stale.status, stale.body.error.code, viewer.status]).toEqual([404, 'no_such_revision', 409, 'stale_revision', 403]);
    const reverted = await as('editor', 'POST', factPath(fact.id, '/revert'), { revision: 2, target: 2 });
    expect(reverted.status, JSON.stringify(reverted.body)).toBe(200);
    expect(reverted.body.fact).toMatchObject({ revision: 3, status: 'proposed', properties: { date: '2024-03-03', datePrecision: 'day', dateInferred: false } });
    // Stored as a DATE again, as recording stored it.
    expect((await db.read('MATCH ()-[r {id: $id}]->() RETURN valueType(r.date) AS type, toString(r.date) AS date', { id: fact.id })).rows).toEqual([{ type: 'DATE NOT NULL', date: '2024-03-03' }]);
    const history = await as('viewer', 'GET', factPath(fact.id, '/revisions'));
    expect(history.body.revisions.map((r: any) => [r.revision, r.action, r.reason])).toEqual([
      [1, 'create', null],
      [2, 'edit', 'a later report'],
      [3, 'revert', 'reverts revision 2 (edit)'],
    ]);
    expect([history.body.revisions[2].before.date, history.body.revisions[2].after.date]).toEqual(['2024-05-01', '2024-03-03']);

    const undone = await as('editor', 'POST', factPath(fact.id, '/revert'), { revision: 3, target: 1 });
    expect(undone.body.fact).toMatchObject({ revision: 4, status: 'retired' });
    const back = await as('editor', 'POST', factPath(fact.id, '/revert'), { revision: 4, target: 4 });
    expect(back.body.fact).toMatchObject({ revision: 5, status: 'proposed', properties: { date: '2024-03-03' } });
  });

  it('merges two actors (relations, evidence, id and names move to the one kept; the other retired) and reverts the merge', async () => {
    const first = await record('editor', toNew('Lena Example'));
    const second = await record('editor', { ...factBody(sourceId, SECOND), to: { new: { type: 'Person', name: 'Lena Exemple' } }, properties: { words: 'again' } });
    const [keep, merge] = [first.created[0]!.id, second.created[0]!.id];
    const endOf = async (fact: string) => (await db.read('MATCH ()-[r {id: $id}]->(b) RETURN b.id AS id', { id: fact })).rows.map((r) => r.id);
    const actor = async (id: string) => (await db.read('MATCH (n:Entity {id: $id}) RETURN properties(n) AS p', { id })).rows[0]!.p as Record<string, any>;
    const before = { keep: await actor(keep), merge: await actor(merge) };
    const body = { keep, merge, reason: 'one person, two spellings' };
    const checksum = await databaseChecksum(db);
    const refusals = [await as('viewer', 'POST', '/api/actors/merge', body), await as('reviewerB', 'POST', '/api/actors/merge', body), await as('editor', 'POST', '/api/actors/merge', { ...body, merge: keep })];
    expect(refusals.map((r) => [r.status, r.body.error.code])).toEqual([
      [403, 'forbidden'],
      [404, 'not_found'],
      [400, 'invalid_parameter'],
    ]);
    expect(await databaseChecksum(db)).toBe(checksum);

    const merged = await as('editor', 'POST', '/api/actors/merge', body);
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.moved).toEqual([second.fact.id]);
    expect(await endOf(second.fact.id)).toEqual([keep]);
    const kept = await actor(keep);
    expect(kept.aliases).toEqual([merge, 'Lena Exemple']);
    expect(kept.searchText).toBe(`Lena Example | ${merge} | Lena Exemple`);
    expect(kept.evidenceQuotes).toEqual([QUOTE, SECOND]);
    expect(await actor(merge)).toMatchObject({ factStatus: 'retired', mergedInto: keep, name: 'Lena Exemple' });
    const again = await as('editor', 'POST', '/api/actors/merge', body);
    expect([again.status, again.body.error.code]).toEqual([409, 'already_merged']);
    const history = await as('viewer', 'GET', `/api/actors/${enc(merge)}/revisions`);
    const mergeRevision = history.body.revisions.at(-1);
    expect(mergeRevision).toMatchObject({ action: 'merge', actor: ids.editor, reason: 'one person, two spellings', after: { into: keep, moved: [second.fact.id] } });

    const notMerge = await as('editor', 'POST', `/api/actors/${enc(merge)}/revert`, { target: 1 });
    expect([notMerge.status, notMerge.body.error.code]).toEqual([400, 'not_a_merge']);
    const reverted = await as('editor', 'POST', `/api/actors/${enc(merge)}/revert`, { target: mergeRevision.revision });
    expect(reverted.status, JSON.stringify(reverted.body)).toBe(200);
    expect(await endOf(second.fact.id)).toEqual([merge]);
    const { factRevision: _k, ...keepNow } = await actor(keep);
    const { factRevision: _kb, ...keepBefore } = before.keep;
    expect(keepNow).toEqual(keepBefore);
    const { factRevision: _m, ...mergeNow } = await actor(merge);
    const { factRevision: _mb, ...mergeBefore } = before.merge;
    expect(mergeNow).toEqual(mergeBefore);
    expect((await as('viewer', 'GET', `/api/actors/${enc(keep)}/revisions`)).body.revisions.map((r: any) => r.action)).toEqual(['create', 'merge', 'revert']);
    const twice = await as('editor', 'POST', `/api/actors/${enc(merge)}/revert`, { target: mergeRevision.revision });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'not_merged']);
  });

  it('seeks the proposed facts of each type by its fact-status index, never reading every relationship', async () => {
    const types = civicSpaceModel().relations.map((r) => r.type);
    const operators = (op: PlanOperator): string[] => [op.operatorType.replace(/@.*$/, ''), ...op.children.flatMap(operators)];
    const plan = operators((await db.read(`EXPLAIN ${builtQuery('review-list', types)}`, { datasets: [A], offset: 0, limit: 50 })).plan!);
    expect(plan.filter((o) => o.includes('RelationshipIndexSeek'))).toHaveLength(types.length);
    expect(plan.filter((o) => /Scan$/.test(o))).toEqual([]);
  });

  it('audits every change with its action, target and outcome', () => {
    const entries = accounts.audit.read({ limit: 1000 });
    const outcomes = (action: string) => entries.filter((e) => e.action === action).map((e) => e.outcome);
    for (const action of ['fact.review', 'fact.retire', 'fact.corroborate', 'fact.revert']) {
      expect(outcomes(action), action).toContain('ok');
      expect(outcomes(action), action).toContain('refused');
    }
    expect(entries.filter((e) => e.action === 'fact.review' && e.outcome === 'refused').map((e) => e.detail?.code)).toContain('own_fact');
  });
});
