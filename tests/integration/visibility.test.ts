// What reads show of recorded facts (issue #25), on every read endpoint of the registry, against the real Neo4j in
// team mode: a fact an editor proposed (with the actor it created), an imported fact retired and one rejected are
// hidden from a viewer unless X-Show-Facts asks for their status; a value outside the allow-list is a 400.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { applySchema } from '../../ingest/schema.ts';
import { civicSpaceModel, type FactStatus } from '../../model/index.ts';
import { toFtmId } from '../../ingest/ftm/convert.ts';
import { Accounts } from '../../server/accounts/accounts.ts';
import { ENDPOINT_LIST, ReadHeaders, SHOW_FACTS_HEADER } from '../../server/http/endpoints.ts';
import { FACT_ENDPOINT_LIST } from '../../server/http/fact-endpoints.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';
import { fetchAnswer, shows, type Answer } from '../support/marks.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { tempDir } from '../support/temp-dir.ts';

const db = testDatabase();
const dir = tempDir('civic-graph-visibility-');
const A = 'test/a';
const enc = encodeURIComponent;

const A_REPORT = [
  'Anna Example is a member of Omega Union.',
  'Arno Example is a member of Omega Union.',
  'Anna Example accused Arno Example.',
  'Arno Example accused Anna Example.',
];
const RECORDED_TEXT = 'On 3 March 2024 Anna Example accused Bruno Proposed of proposed words.';
const RECORDED_QUOTE = 'Anna Example accused Bruno Proposed of proposed words';

function datasetA() {
  const r = (i: number) => [{ source: 'src/a-report', quote: A_REPORT[i]! }];
  return fixtureDataset(A, 'Dataset A', {
    sources: [{ id: 'src/a-report', title: 'Alpha Report', publisher: 'A Press', url: 'https://example.org/a', language: 'en', excerpt: A_REPORT }],
    entities: [
      { id: 'org/omega', type: 'Organization', name: 'Omega Union', evidence: r(0) },
      { id: 'person/anna', type: 'Person', name: 'Anna Example', evidence: r(0) },
      { id: 'person/arno', type: 'Person', name: 'Arno Example', evidence: r(1) },
    ],
    relations: [
      { id: 'rel-a-anna-member', type: 'MEMBER_OF', from: 'person/anna', to: 'org/omega', evidence: r(0) },
      { id: 'rel-a-arno-member', type: 'MEMBER_OF', from: 'person/arno', to: 'org/omega', evidence: r(1) },
      { id: 'rel-a-retired', type: 'ACCUSED', from: 'person/anna', to: 'person/arno', date: { on: '2024-02-10', inferred: false }, properties: { words: 'treachery' }, evidence: r(2) },
      { id: 'rel-a-rejected', type: 'ACCUSED', from: 'person/arno', to: 'person/anna', date: { on: '2024-04-01', inferred: false }, properties: { words: 'sedition' }, evidence: r(3) },
    ],
  });
}

type Shown = ReadonlySet<FactStatus>;
const HIDDEN: readonly FactStatus[] = ['proposed', 'retired', 'rejected'];

/** One request to a read endpoint: what it asks, which hidden statuses its answer names when shown, and what else to check. */
interface Probe {
  path: string;
  json?: unknown;
  /** The hidden statuses whose marks (ids, names, words) the answer carries when they are shown. */
  names: readonly FactStatus[];
  /** Names a hidden element: 404 unless its status is shown. */
  needs?: FactStatus;
  check?: (answer: Answer, shown: Shown) => void;
}

/**
 * What each status's elements can be recognised by in an answer (ids, FtM ids, element ids, words found nowhere
 * else; not the new actor's name, which the recorded source's text holds); filled in once they exist.
 */
const marks: Record<FactStatus, string[]> = { proposed: [], retired: [], rejected: [], accepted: [] };
let factId = '';
const BRUNO = 'person/bruno-proposed';
/** What the viewer sees with nothing asked (counts the other answers are compared with). */
const base = { histogram: 0, timeline: 0, reportStatements: 0 };

const ids = (list: { id: string }[]) => list.map((x) => x.id).sort();
const count = (shown: Shown, ...statuses: FactStatus[]) => statuses.filter((s) => shown.has(s)).length;

/** Every read endpoint of the registry (those that take ReadHeaders), by operationId, with the requests that probe it. */
function probes(): Record<string, Probe[]> {
  const subgraphIds = ['person/anna', 'person/arno', 'org/omega', BRUNO];
  return {
    getOverview: [{ path: '/api/graph?limit=300', names: HIDDEN }],
    getSchema: [
      {
        path: '/api/schema',
        names: [],
        check: ({ body }, shown) => {
          const label = (name: string) => body.labels.find((l: { label: string }) => l.label === name)?.count ?? 0;
          const type = (name: string) => body.relationshipTypes.find((t: { type: string }) => t.type === name)?.count ?? 0;
          expect(label('Person')).toBe(2 + count(shown, 'proposed'));
          expect(type('ACCUSED')).toBe(count(shown, ...HIDDEN));
          expect(type('MEMBER_OF')).toBe(2);
        },
      },
    ],
    getSchemaGraph: [
      {
        path: '/api/schema/graph',
        names: [],
        check: ({ body }, shown) => {
          const accused = body.relationships.find((r: { type: string; from: string; to: string }) => r.type === 'ACCUSED' && r.from === 'Person' && r.to === 'Person');
          expect(accused?.count ?? 0).toBe(count(shown, ...HIDDEN));
          expect(body.labels.find((l: { label: string }) => l.label === 'Person').count).toBe(2 + count(shown, 'proposed'));
        },
      },
    ],
    getLabelTop: [{ path: '/api/labels/Person/top', names: HIDDEN }],
    search: [
      { path: '/api/search?q=Bruno', names: ['proposed'], check: ({ body }, shown) => expect(body.results.length).toBe(count(shown, 'proposed')) },
      { path: `/api/search?q=${enc(BRUNO)}`, names: ['proposed'] },
    ],
    getNode: [
      {
        path: `/api/nodes/${enc('person/anna')}`,
        names: [],
        check: ({ body }, shown) => {
          expect(body.degree).toBe(1 + count(shown, ...HIDDEN));
          const accused = body.relationshipTypes.filter((t: { type: string }) => t.type === 'ACCUSED').reduce((sum: number, t: { count: number }) => sum + t.count, 0);
          expect(accused).toBe(count(shown, ...HIDDEN));
        },
      },
      { path: `/api/nodes/${enc(BRUNO)}`, names: ['proposed'], needs: 'proposed' },
    ],
    getNeighbors: [
      {
        path: `/api/nodes/${enc('person/anna')}/neighbors`,
        names: HIDDEN,
        check: ({ body }, shown) => expect(body.total).toBe(1 + count(shown, ...HIDDEN)),
      },
      { path: `/api/nodes/${enc(BRUNO)}/neighbors`, names: ['proposed'], needs: 'proposed' },
    ],
    getPaths: [
      {
        // Through Omega Union (two hops) unless a retired or rejected accusation links them directly.
        path: `/api/paths?from=${enc('person/anna')}&to=${enc('person/arno')}`,
        names: ['retired', 'rejected'],
        check: ({ body }, shown) => {
          expect(body.paths.length).toBeGreaterThan(0);
          expect(body.paths[0].length).toBe(count(shown, 'retired', 'rejected') ? 1 : 2);
        },
      },
      { path: `/api/paths?from=${enc('person/anna')}&to=${enc(BRUNO)}`, names: ['proposed'], needs: 'proposed' },
    ],
    getTimeline: [{ path: '/api/timeline', names: HIDDEN, check: ({ body }, shown) => expect(body.total).toBe(base.timeline + count(shown, ...HIDDEN)) }],
    getTimelineHistogram: [{ path: '/api/timeline/histogram', names: [], check: ({ body }, shown) => expect(body.total).toBe(base.histogram + count(shown, ...HIDDEN)) }],
    listSources: [
      {
        path: '/api/sources',
        names: [],
        check: ({ body }, shown) => {
          const statements = (id: string) => body.sources.find((s: { id: string }) => s.id === id).statementCount;
          // The recorded fact and the actor it created each cite the recorded source.
          expect(statements('src/field-report')).toBe(2 * count(shown, 'proposed'));
          expect(statements('src/a-report')).toBe(base.reportStatements + count(shown, 'retired', 'rejected'));
        },
      },
    ],
    getSource: [
      { path: `/api/sources/${enc('src/field-report')}`, names: ['proposed'] },
      { path: `/api/sources/${enc('src/a-report')}`, names: ['retired', 'rejected'] },
    ],
    getSubgraph: [{ path: '/api/subgraph', json: { ids: subgraphIds }, names: HIDDEN }],
    exportGraph: [
      { path: `/api/export?ids=${subgraphIds.map(enc).join(',')}&format=json`, names: HIDDEN },
      { path: `/api/export?ids=${subgraphIds.map(enc).join(',')}&format=ftm`, names: HIDDEN },
    ],
    exportGraphPost: [
      { path: '/api/export', json: { ids: subgraphIds, format: 'json' }, names: HIDDEN },
      { path: '/api/export', json: { ids: subgraphIds, format: 'ftm' }, names: HIDDEN },
    ],
  };
}

describe('what reads show of proposed, rejected and retired facts (team mode)', () => {
  const accounts = Accounts.open(':memory:', { sessionLifetimeMs: 3_600_000 });
  const tokens = { editor: '', viewer: '' };
  let server: RunningServer;

  async function ask(token: string, probe: Pick<Probe, 'path' | 'json'>, header?: string): Promise<Answer> {
    return fetchAnswer(server.url + probe.path, {
      headers: { authorization: `Bearer ${token}`, ...(header === undefined ? {} : { [SHOW_FACTS_HEADER]: header }) },
      json: probe.json,
    });
  }

  beforeAll(async () => {
    await resetDatabase(db);
    await applySchema(db, civicSpaceModel());
    writeFileSync(dir.join('a.yaml'), stringify(datasetA()));
    await loadDatasetFile(db, dir.join('a.yaml'), { schema: false });
    // Retiring and rejecting have endpoints of their own (being built); here the statuses are set as they will store them.
    await db.write("MATCH ()-[r {id: 'rel-a-retired'}]->() SET r.factStatus = 'retired', r.factRevision = 2");
    await db.write("MATCH ()-[r {id: 'rel-a-rejected'}]->() SET r.factStatus = 'rejected', r.factRevision = 2");
    await db.read('CALL db.awaitIndexes(60)');

    const admin = accounts.users.create({ username: 'admin', isAdmin: true });
    for (const [name, role] of [
      ['editor', 'editor'],
      ['viewer', 'viewer'],
    ] as const) {
      const user = accounts.users.create({ username: name });
      accounts.grants.grant(A, 'user', user.id, role, admin.id);
      tokens[name] = accounts.tokens.create(user.id, 'tests', new Date(Date.now() + 3_600_000)).secret;
    }
    server = await startServer(db, { security: { rateLimits: false } }, { accounts, auth: { mode: 'accounts', sessionHours: 1, cookieSecure: 'auto', auditReads: [] } });

    // The editor records a fact with one new actor: both proposed (team mode).
    const source = await ask(tokens.editor, { path: `/api/datasets/${enc(A)}/sources`, json: { title: 'Field Report', publisher: 'Watch', language: 'en', text: RECORDED_TEXT } });
    expect(source.status, source.text).toBe(201);
    expect(source.body.source.id).toBe('src/field-report');
    const start = RECORDED_TEXT.indexOf(RECORDED_QUOTE);
    const recorded = await ask(tokens.editor, {
      path: `/api/datasets/${enc(A)}/facts`,
      json: {
        type: 'ACCUSED',
        from: { id: 'person/anna' },
        to: { new: { type: 'Person', name: 'Bruno Proposed' } },
        date: { on: '2024-03-03', inferred: false },
        properties: { words: 'proposed words' },
        evidence: { source: 'src/field-report', quote: RECORDED_QUOTE, start, end: start + RECORDED_QUOTE.length },
      },
    });
    expect(recorded.status, recorded.text).toBe(201);
    expect(recorded.body.fact.status).toBe('proposed');
    expect(recorded.body.created).toEqual([{ id: BRUNO, type: 'Person', name: 'Bruno Proposed' }]);
    factId = recorded.body.fact.id;

    const elementId = async (match: string, params: Record<string, unknown>) => String((await db.read(`${match} RETURN elementId(x) AS id`, params)).rows[0]!.id);
    const ofId = (id: string) => [id, toFtmId(id)];
    marks.proposed = [...ofId(factId), ...ofId(BRUNO), await elementId('MATCH ()-[x {id: $id}]->()', { id: factId }), await elementId('MATCH (x:Entity {id: $id})', { id: BRUNO })];
    marks.retired = ['rel-a-retired', 'treachery', await elementId("MATCH ()-[x {id: 'rel-a-retired'}]->()", {})];
    marks.rejected = ['rel-a-rejected', 'sedition', await elementId("MATCH ()-[x {id: 'rel-a-rejected'}]->()", {})];

    // What the viewer sees with nothing asked, for the answers counted against it.
    base.histogram = (await ask(tokens.viewer, { path: '/api/timeline/histogram' })).body.total;
    base.timeline = (await ask(tokens.viewer, { path: '/api/timeline' })).body.total;
    base.reportStatements = (await ask(tokens.viewer, { path: '/api/sources' })).body.sources.find((s: { id: string }) => s.id === 'src/a-report').statementCount;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    accounts.close();
  });

  it('probes every read endpoint of the registry (a new one must be added here)', () => {
    const reads = ENDPOINT_LIST.filter((e) => e.headers === ReadHeaders).map((e) => e.operationId);
    expect(reads.length).toBeGreaterThanOrEqual(15);
    expect(Object.keys(probes()).sort()).toEqual([...reads].sort());
  });

  it('counts the imported, accepted graph as the viewer sees it by default', () => {
    // Four imported relationships, two of them dated but hidden: nothing dated is left.
    expect(base).toEqual({ histogram: 0, timeline: 0, reportStatements: 5 });
  });

  const choices: [string | undefined, FactStatus[]][] = [
    [undefined, []],
    ['', []],
    ['proposed', ['proposed']],
    ['retired', ['retired']],
    ['rejected', ['rejected']],
    [' proposed , retired ', ['proposed', 'retired']],
    ['proposed,retired,rejected', ['proposed', 'retired', 'rejected']],
  ];

  describe.each(choices)('X-Show-Facts: %j', (header, statuses) => {
    const shown: Shown = new Set(statuses);

    it.each(Object.entries(probes()))('%s shows exactly those statuses', async (_operation, list) => {
      for (const probe of list) {
        const answer = await ask(tokens.viewer, probe, header);
        const where = `${probe.path} (${header ?? 'no header'})`;
        if (probe.needs && !shown.has(probe.needs)) {
          // Exactly as an unknown id.
          expect(answer.status, where).toBe(404);
          continue;
        }
        expect(answer.status, `${where}: ${answer.text.slice(0, 300)}`).toBe(200);
        // The subgraph and the JSON export list the ids asked for that name no node they see, exactly as unknown ids.
        let text = answer.text;
        if (Array.isArray(answer.body?.missing)) {
          expect(answer.body.missing, where).toEqual(shown.has('proposed') ? [] : [BRUNO]);
          text = JSON.stringify({ ...answer.body, missing: [] });
        }
        for (const status of HIDDEN) {
          const found = marks[status].filter((mark) => shows(text, mark));
          if (!shown.has(status)) expect(found, `${where} names a ${status} fact`).toEqual([]);
          else if (probe.names.includes(status)) expect(found.length, `${where} names the ${status} fact`).toBeGreaterThan(0);
        }
        probe.check?.(answer, shown);
      }
      // Neo4j plans a read again for each new kind of parameter (a list of statuses, or null): the timeline's slices take a while the first time.
    }, 120_000);
  });

  it('refuses a status outside the allow-list on every read endpoint, naming the header and the value', async () => {
    for (const [operation, list] of Object.entries(probes())) {
      for (const value of ['bogus', 'proposed,accepted', 'PROPOSED']) {
        const answer = await ask(tokens.viewer, list[0]!, value);
        expect(answer.status, `${operation} with ${value}`).toBe(400);
        expect(answer.body.error.code).toBe('invalid_parameter');
        expect(answer.body.error.message).toContain(SHOW_FACTS_HEADER);
        expect(answer.body.error.message).toContain(value === 'proposed,accepted' ? "'accepted'" : `'${value}'`);
      }
    }
  }, 60_000);

  it('answers a read with Vary: X-Show-Facts (and no-store: no cache keeps it)', async () => {
    const response = await fetch(`${server.url}/api/graph`, { headers: { authorization: `Bearer ${tokens.viewer}` } });
    expect(response.headers.get('vary') ?? '').toMatch(/X-Show-Facts/i);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('documents the header as a parameter of every read endpoint, and of no other', async () => {
    const document = await (await fetch(`${server.url}/api/openapi.json`, { headers: { authorization: `Bearer ${tokens.viewer}` } })).json();
    const withHeader: string[] = [];
    for (const methods of Object.values(document.paths) as Record<string, { operationId: string; parameters?: { name: string; in: string; schema: unknown }[] }>[]) {
      for (const op of Object.values(methods)) {
        const parameter = op.parameters?.find((p) => p.in === 'header' && p.name === SHOW_FACTS_HEADER);
        if (parameter) withHeader.push(op.operationId);
      }
    }
    // The histories take it too; what they hide is checked in facts-review.test.ts.
    const histories = FACT_ENDPOINT_LIST.filter((e) => e.headers === ReadHeaders).map((e) => e.operationId);
    expect(histories.sort()).toEqual(['getActorRevisions', 'getFactRevisions']);
    expect(withHeader.sort()).toEqual([...Object.keys(probes()), ...histories].sort());
  });

  it('shows the editor the same as the viewer: what a request asks decides, not the role', async () => {
    const overview = await ask(tokens.editor, { path: '/api/graph' });
    expect(ids(overview.body.nodes)).toEqual(['org/omega', 'person/anna', 'person/arno']);
    const shown = await ask(tokens.editor, { path: '/api/graph' }, 'proposed');
    expect(ids(shown.body.nodes)).toEqual(['org/omega', 'person/anna', BRUNO, 'person/arno'].sort());
  });
});
