// Recording what a researcher finds (issue #25) against the real Neo4j: sources with their texts, facts checked by the
// import's own rules and written in one transaction, edits based on a revision (409 when stale), revision records,
// and who may write where (team mode: editor, viewer, another dataset; owner mode; a database someone else built).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDatasetFile } from '../../ingest/dataset/loader.ts';
import { DatasetError } from '../../ingest/errors.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { builtQuery } from '../../db/built-queries.ts';
import type { PlanOperator } from '../../db/database.ts';
import { namedQuery } from '../../db/named-queries.ts';
import { Accounts } from '../../server/accounts/accounts.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { tempDir } from '../support/temp-dir.ts';
import { FACT_ENDPOINTS } from '../../server/http/fact-endpoints.ts';
import { databaseChecksum, MOVIES_CYPHER } from './api-support.ts';
import { call, counts as countsOf, enc, factBody, QUOTE, REPORT, SECOND, loadTwoDatasets } from './facts-support.ts';

const db = testDatabase();
const dir = tempDir('civic-graph-facts-');
const A = 'test/a';
const B = 'test/b';

const fact = factBody;
const counts = () => countsOf(db);

describe('recording facts (team mode)', () => {
  const accounts = Accounts.open(':memory:', { sessionLifetimeMs: 3_600_000 });
  const tokens = { editor: '', viewer: '', editorB: '' };
  const userIds = { editor: '', viewer: '', editorB: '' };
  let server: RunningServer;
  let sourceId = '';
  let factId = '';

  beforeAll(async () => {
    await loadTwoDatasets(db, dir, A, B);
    const admin = accounts.users.create({ username: 'admin', isAdmin: true });
    // Who holds which role where; each gets a personal token.
    const people = { editor: [A, 'editor'], viewer: [A, 'viewer'], editorB: [B, 'editor'] } as const;
    for (const [name, [grantedOn, role]] of Object.entries(people) as [keyof typeof people, (typeof people)[keyof typeof people]][]) {
      const user = accounts.users.create({ username: name.toLowerCase() });
      accounts.grants.grant(grantedOn, 'user', user.id, role, admin.id);
      tokens[name] = accounts.tokens.create(user.id, 'tests', new Date(Date.now() + 3_600_000)).secret;
      userIds[name] = user.id;
    }
    server = await startServer(db, { security: { rateLimits: false } }, { accounts, auth: { mode: 'accounts', sessionHours: 1, cookieSecure: 'auto', auditReads: [A] } });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    accounts.close();
  });

  it('adds a source with its text and SHA-256; the same text again answers the existing source', async () => {
    const first = await call(server, tokens.editor, 'POST', `/api/datasets/${enc(A)}/sources`, { title: 'Field Report', publisher: 'Watch', published: '2024-03', language: 'en', text: REPORT });
    expect(first.status).toBe(201);
    expect(first.body.existing).toBe(false);
    sourceId = first.body.source.id;
    expect(sourceId).toBe('src/field-report');
    const stored = (await db.read('MATCH (s:Source {id: $id}) RETURN s.text AS text, s.textSha256 AS sha, s.dataset AS dataset, toString(s.published) AS published', { id: sourceId })).rows[0]!;
    expect(stored).toEqual({ text: REPORT, sha: createHash('sha256').update(REPORT).digest('hex'), dataset: A, published: '2024-03-01' });
    const again = await call(server, tokens.editor, 'POST', `/api/datasets/${enc(A)}/sources`, { title: 'Another title', text: REPORT });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ existing: true, source: { id: sourceId } });
    expect((await counts()).sources).toBe(3);
    // Sent twice at once, a new text is still one source.
    const racing = await Promise.all([1, 2].map(() => call(server, tokens.editor, 'POST', `/api/datasets/${enc(A)}/sources`, { title: 'Twice', text: 'The same words, sent twice at once.' })));
    expect(racing.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(racing[0]!.body.source.id).toBe(racing[1]!.body.source.id);
    expect((await counts()).sources).toBe(4);
  });

  it('records a fact with one existing and one new actor in one transaction, every element in the dataset, proposed at revision 1', async () => {
    const before = await counts();
    const answer = await call(server, tokens.editor, 'POST', `/api/datasets/${enc(A)}/facts`, fact(sourceId, QUOTE, { date: { on: '2024-03-03', inferred: false } }));
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.created).toEqual([{ id: 'person/bruno-example', type: 'Person', name: 'Bruno Example' }]);
    factId = answer.body.fact.id;
    expect(factId).toMatch(/^rel\/anna-accused-bruno-example-[0-9a-f]{8}$/);
    expect(answer.body.fact).toMatchObject({ type: 'ACCUSED', from: 'person/anna', to: 'person/bruno-example', dataset: A, status: 'proposed', revision: 1 });
    // Two revisions: the fact's creation, and the new actor's (its history starts with the fact that named it).
    expect(await counts()).toEqual({ ...before, entities: before.entities! + 1, relations: before.relations! + 1, revisions: before.revisions! + 2 });
    const { rows } = await db.read(
      `MATCH (a:Entity)-[r {id: $id}]->(b:Person) RETURN a.id AS from, r.dataset AS dataset, b.dataset AS actorDataset, r.factStatus AS status, r.factRevision AS revision,
              r.evidenceSources AS sources, r.evidenceQuotes AS quotes, r.evidenceStarts AS starts, r.evidenceEnds AS ends, toString(r.date) AS date, b.evidenceQuotes AS actorQuotes`,
      { id: factId },
    );
    const start = REPORT.indexOf(QUOTE);
    expect(rows[0]).toEqual({ from: 'person/anna', dataset: A, actorDataset: A, status: 'proposed', revision: 1, sources: [sourceId], quotes: [QUOTE], starts: [start], ends: [start + QUOTE.length], date: '2024-03-03', actorQuotes: [QUOTE] });
  });

  it('anchors the passage chosen: a quote the text holds twice keeps the offsets given, and offsets that do not hold the quote are refused', async () => {
    const twice = 'Anna Example accused Bruno Example';
    const second = REPORT.indexOf(twice, REPORT.indexOf(twice) + 1);
    const ok = await call(server, tokens.editor, 'POST', `/api/datasets/${enc(A)}/facts`, { ...fact(sourceId, twice), to: { id: 'person/bruno-example' }, evidence: { source: sourceId, quote: twice, start: second, end: second + twice.length, prefix: 'dissolved. ', suffix: ' again' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await db.read('MATCH ()-[r {id: $id}]->() RETURN r.evidenceStarts AS starts', { id: ok.body.fact.id })).rows[0]!.starts).toEqual([second]);
    const checksum = await databaseChecksum(db);
    const shifted = await call(server, tokens.editor, 'POST', `/api/datasets/${enc(A)}/facts`, { ...fact(sourceId, SECOND), evidence: { source: sourceId, quote: SECOND, start: 0, end: SECOND.length } });
    expect(shifted.status).toBe(400);
    expect(shifted.body.error.message).toContain(`it is at [${REPORT.indexOf(SECOND)}, ${REPORT.indexOf(SECOND) + SECOND.length})`);
    expect(await databaseChecksum(db)).toBe(checksum);
  });

  it("refuses a quote that is not verbatim with the import's own message, and writes nothing", async () => {
    const wrong = 'Anna Example accused Bruno Exampel of treason';
    const file = dir.join('parity.yaml');
    writeFileSync(dir.join('report.txt'), REPORT);
    const parity = fixtureDataset('test/parity', 'Parity', {
      sources: [{ id: sourceId, title: 'Field Report', publisher: 'Watch', url: 'https://example.org/r', language: 'en', textFile: 'report.txt' }],
      entities: [{ id: 'person/x', type: 'Person', name: 'X', evidence: [{ source: sourceId, quote: wrong }] }],
      relations: [],
    });
    writeFileSync(file, stringify(parity));
    let imported = '';
    try {
      validateDatasetFile(file);
    } catch (error) {
      expect(error).toBeInstanceOf(DatasetError);
      imported = (error as DatasetError).issues.find((i) => i.field === 'evidence[0].quote')!.message;
    }
    expect(imported).toMatch(/^quote not found in source 'src\/field-report'/);
    const checksum = await databaseChecksum(db);
    const refused = await call(server, tokens.editor, 'POST', `/api/datasets/${enc(A)}/facts`, { ...fact(sourceId, QUOTE), evidence: { source: sourceId, quote: wrong, start: 16, end: 16 + wrong.length } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_fact');
    expect(refused.body.error.message).toContain(`fact.evidence[0].quote: ${imported}`);
    expect(refused.body.error.message).toContain(`to.new.evidence[0].quote: ${imported}`);
    // Each problem on its own too, so the page puts it on its field.
    expect(refused.body.error.problems).toEqual([`to.new.evidence[0].quote: ${imported}`, `fact.evidence[0].quote: ${imported}`]);
    expect(await databaseChecksum(db)).toBe(checksum);
  });

  it('refuses a relation type the model does not allow between the two labels, in the rules\' words', async () => {
    const checksum = await databaseChecksum(db);
    const refused = await call(server, tokens.editor, 'POST', `/api/datasets/${enc(A)}/facts`, { ...fact(sourceId, QUOTE), type: 'DISSOLVED', properties: {} });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("fact.from: DISSOLVED cannot start at 'person/anna' (a Person)");
    const misdated = await call(server, tokens.editor, 'POST', `/api/datasets/${enc(A)}/facts`, fact(sourceId, QUOTE, { date: { on: '2024-03', precision: 'day', inferred: false } }));
    expect(misdated.status).toBe(400);
    expect(misdated.body.error.message).toContain("fact.date.precision: says 'day' but date.on '2024-03' is written with month precision");
    expect(await databaseChecksum(db)).toBe(checksum);
  });

  it('edits a fact from its revision, refuses a stale one with 409 and the current fact, and keeps every revision', async () => {
    const edited = await call(server, tokens.editor, 'PATCH', `/api/facts/${enc(factId)}`, { revision: 1, changes: { properties: { words: 'high treason' } }, reason: 'the report says high treason' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.fact).toMatchObject({ revision: 2, status: 'proposed', properties: { words: 'high treason', date: '2024-03-03' } });
    const stale = await call(server, tokens.editor, 'PATCH', `/api/facts/${enc(factId)}`, { revision: 1, changes: { properties: { words: 'lost update' } } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_revision');
    expect(stale.body.error.current).toMatchObject({ id: factId, revision: 2, properties: { words: 'high treason' } });
    const invalid = await call(server, tokens.editor, 'PATCH', `/api/facts/${enc(factId)}`, { revision: 2, changes: { properties: { words: null } } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain('changes.properties.words: is required for relation type ACCUSED');
    // The fact is proposed: a viewer sees it, and its history, only when asking for proposals.
    expect((await call(server, tokens.viewer, 'GET', `/api/facts/${enc(factId)}/revisions`)).status).toBe(404);
    const history = await call(server, tokens.viewer, 'GET', `/api/facts/${enc(factId)}/revisions`, undefined, { 'x-show-facts': 'proposed' });
    expect(history.status).toBe(200);
    expect(history.body.revisions.map((r: any) => [r.revision, r.action, r.actor, r.reason])).toEqual([
      [1, 'create', userIds.editor, null],
      [2, 'edit', userIds.editor, 'the report says high treason'],
    ]);
    expect(history.body.revisions[1].before.words).toBe('treason');
    expect(history.body.revisions[1].after.words).toBe('high treason');
    expect((await db.read('MATCH (v:Revision {subject: $id}) RETURN count(v) AS n, collect(DISTINCT v.dataset) AS datasets', { id: factId })).rows[0]).toEqual({ n: 2, datasets: [A] });
  });

  it("changes a fact's date as the import reads dates, refusing what the import refuses", async () => {
    const backwards = await call(server, tokens.editor, 'PATCH', `/api/facts/${enc(factId)}`, { revision: 2, changes: { date: { on: '2024-03', until: '2024-02', inferred: true } } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toContain("changes.date.until: '2024-02' is before date.on '2024-03'");
    const moved = await call(server, tokens.editor, 'PATCH', `/api/facts/${enc(factId)}`, { revision: 2, changes: { date: { on: '2024-03', inferred: true } } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.fact).toMatchObject({ revision: 3, properties: { words: 'high treason', date: '2024-03-01', datePrecision: 'month', dateInferred: true } });
    const stored = (await db.read('MATCH ()-[r {id: $id}]->() RETURN valueType(r.date) AS type, r.evidenceStarts AS starts', { id: factId })).rows[0]!;
    expect(stored).toEqual({ type: 'DATE NOT NULL', starts: [REPORT.indexOf(QUOTE)] });
  });

  it('finds a fact and its history by the fact\'s id with seeks, never reading every relationship or revision', async () => {
    const types = civicSpaceModel().relations.map((r) => r.type);
    const operators = (op: PlanOperator): string[] => [op.operatorType.replace(/@.*$/, ''), ...op.children.flatMap(operators)];
    const byId = operators((await db.read(`EXPLAIN ${builtQuery('fact-by-id', types)}`, { id: factId })).plan!);
    expect(byId.filter((o) => o.includes('RelationshipIndexSeek'))).toHaveLength(types.length);
    expect(byId.filter((o) => /Scan$/.test(o))).toEqual([]);
    const byElement = operators((await db.read(`EXPLAIN ${namedQuery('fact-by-element').cypher}`, { elementId: 'x' })).plan!);
    expect(byElement.some((o) => o.includes('RelationshipByElementIdSeek'))).toBe(true);
    expect(byElement.filter((o) => /Scan$/.test(o))).toEqual([]);
    // A fact's history is sought by the fact's id (the revision_subject index), not found by reading every revision.
    const history = operators((await db.read(`EXPLAIN ${namedQuery('revisions-of').cypher}`, { id: factId })).plan!);
    expect(history.some((o) => o.includes('NodeIndexSeek'))).toBe(true);
    expect(history.filter((o) => /Scan$/.test(o))).toEqual([]);
  });

  it('keeps revision records out of the schema and the overview', async () => {
    const schema = await call(server, tokens.editor, 'GET', '/api/schema');
    const labels = schema.body.labels.map((l: { label: string }) => l.label);
    expect(labels).toContain('Person');
    expect(labels).not.toContain('Revision');
    const shape = await call(server, tokens.editor, 'GET', '/api/schema/graph');
    expect(shape.body.labels.map((l: { label: string }) => l.label)).toEqual(expect.arrayContaining(['Person', 'Organization']));
    expect(shape.body.labels.map((l: { label: string }) => l.label)).not.toContain('Revision');
    const graph = await call(server, tokens.editor, 'GET', '/api/graph');
    expect(graph.body.nodes.length).toBeGreaterThan(0);
    const drawn = graph.body.nodes.flatMap((n: { labels: string[] }) => n.labels);
    expect(drawn).toContain('Person');
    expect(drawn).not.toContain('Revision');
  });

  it('refuses writes to a viewer (403), and to an editor of another dataset as if it did not exist (404), writing nothing', async () => {
    const checksum = await databaseChecksum(db);
    const viewerSource = await call(server, tokens.viewer, 'POST', `/api/datasets/${enc(A)}/sources`, { title: 'Viewer text', text: 'Something new.' });
    const viewerFact = await call(server, tokens.viewer, 'POST', `/api/datasets/${enc(A)}/facts`, fact(sourceId, QUOTE));
    const viewerEdit = await call(server, tokens.viewer, 'PATCH', `/api/facts/${enc(factId)}`, { revision: 2, changes: { properties: { words: 'x' } } });
    expect([viewerSource.status, viewerFact.status, viewerEdit.status]).toEqual([403, 403, 403]);
    const otherSource = await call(server, tokens.editorB, 'POST', `/api/datasets/${enc(A)}/sources`, { title: 'B text', text: 'Something new.' });
    const otherFact = await call(server, tokens.editorB, 'POST', `/api/datasets/${enc(A)}/facts`, fact(sourceId, QUOTE));
    const otherEdit = await call(server, tokens.editorB, 'PATCH', `/api/facts/${enc(factId)}`, { revision: 2, changes: { properties: { words: 'x' } } });
    expect([otherSource.status, otherFact.status, otherEdit.status]).toEqual([404, 404, 404]);
    const editorToB = await call(server, tokens.editor, 'POST', `/api/datasets/${enc(B)}/facts`, { ...fact(sourceId, QUOTE), from: { id: 'person/zed' } });
    expect(editorToB.status).toBe(404);
    expect(await databaseChecksum(db)).toBe(checksum);
  });

  it('audits every write with its actor, action, target and outcome, once each', () => {
    const entries = accounts.audit.read({ limit: 500 });
    const mine = (action: string) => entries.filter((e) => e.action === action).reverse();
    expect(mine('source.create').map((e) => [e.actor, e.target, e.outcome])).toEqual([
      [userIds.editor, A, 'ok'],
      [userIds.editor, A, 'ok'],
      [userIds.editor, A, 'ok'],
      [userIds.editor, A, 'ok'],
      [userIds.viewer, A, 'refused'],
      [userIds.editorB, A, 'refused'],
    ]);
    expect(mine('source.create')[1]!.detail).toMatchObject({ existing: true, source: sourceId });
    const facts = mine('fact.create');
    expect(facts.filter((e) => e.outcome === 'ok').map((e) => e.detail?.fact)).toContain(factId);
    expect(facts.filter((e) => e.outcome === 'refused').map((e) => e.detail?.code)).toEqual(['invalid_fact', 'invalid_fact', 'invalid_fact', 'invalid_fact', 'forbidden', 'not_found', 'not_found']);
    expect(mine('fact.edit').map((e) => [e.outcome, e.detail?.code ?? e.detail?.revision])).toEqual([
      ['ok', 2],
      ['refused', 'stale_revision'],
      ['refused', 'invalid_fact'],
      ['refused', 'invalid_fact'],
      ['ok', 3],
      ['refused', 'forbidden'],
      ['refused', 'not_found'],
    ]);
    // A's reads are audited (AUDIT_READS): the history the viewer read is among them.
    expect(entries.filter((e) => e.action === 'read' && e.target === A && String(e.detail?.path).endsWith('/revisions')).map((e) => e.actor)).toEqual([userIds.viewer]);
    // The error handler's generic entry is not added for a refusal the route recorded.
    expect(entries.filter((e) => e.action.startsWith('POST /') || e.action.startsWith('PATCH /'))).toEqual([]);
  });

  it('keeps the console read-only for an editor', async () => {
    const checksum = await databaseChecksum(db);
    const write = await call(server, tokens.editor, 'POST', '/api/cypher', { query: "CREATE (:Entity:Person {id: 'person/sneaky', name: 'Sneaky'})" });
    expect(write.status).toBe(403);
    expect(await databaseChecksum(db)).toBe(checksum);
  });
});

describe('recording facts (owner mode, and a database someone else built)', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer(db, { security: { rateLimits: false } });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('accepts what the owner records (no one else checks it)', async () => {
    const [{ id }] = (await db.read("MATCH (s:Source {id: 'src/field-report'}) RETURN s.id AS id")).rows as [{ id: string }];
    const answer = await call(server, undefined, 'POST', `/api/datasets/${enc(A)}/facts`, { ...fact(id, QUOTE), to: { new: { type: 'Person', name: 'Bruno Example' } } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.fact.status).toBe('accepted');
    // The name is taken by the actor recorded in team mode: the new one gets a number.
    expect(answer.body.created[0].id).toBe('person/bruno-example-2');
    const revision = (await db.read('MATCH (v:Revision {subject: $id}) RETURN v.actor AS actor, v.revision AS revision', { id: answer.body.fact.id })).rows;
    expect(revision).toEqual([{ actor: 'owner', revision: 1 }]);
  });

  it('refuses every write endpoint of the registry on a database Civic Graph did not build (read_only), and leaves it unchanged', async () => {
    await resetDatabase(db);
    await db.write(MOVIES_CYPHER);
    // A request each write endpoint would accept on our database, so the refusal is the database's, not the body's.
    const examples: Record<string, unknown> = {
      sourceCreate: { title: 'T', text: 'Some text.' },
      factCreate: fact('src/x', QUOTE),
      factPatch: { revision: 1, changes: { properties: { a: 'b' } } },
      factReview: { revision: 1, decision: 'accept', comment: 'checked' },
      factRetire: { revision: 1, reason: 'wrong' },
      factCorroborate: { revision: 1, evidence: { source: 'src/x', quote: 'Some', start: 0, end: 4 } },
      factRevert: { revision: 2, target: 1 },
      actorMerge: { keep: 'person/a', merge: 'person/b', reason: 'the same person' },
      actorRevert: { target: 2 },
    };
    const writes = Object.entries(FACT_ENDPOINTS).filter(([, endpoint]) => endpoint.method !== 'get');
    // A new write endpoint needs its example here, so none escapes this test.
    expect(writes.map(([name]) => name).sort()).toEqual(Object.keys(examples).sort());
    const foreign = await startServer(db, { security: { rateLimits: false } });
    try {
      const checksum = await databaseChecksum(db);
      for (const [name, endpoint] of writes) {
        const path = '/api' + endpoint.path.replace(/:(\w+)/g, (_, param: string) => enc(param === 'dataset' ? 'database' : 'rel/x'));
        const answer = await call(foreign, undefined, endpoint.method.toUpperCase(), path, examples[name]);
        expect([name, answer.status, answer.body.error?.code]).toEqual([name, 403, 'read_only']);
      }
      expect(await databaseChecksum(db)).toBe(checksum);
    } finally {
      await foreign.close();
    }
  });
});
