// What a user may not see does not exist for them, on every read path (issue #24): two datasets, A and B, a
// node of B on the only short path between two nodes of A, sources in each, evidence and relationships that
// cross; an app in team mode; the owner (an instance admin), an editor and a viewer of A, a reader of both, each
// with a personal token, and a viewer of B signed in through OpenID Connect (a real provider on loopback) whose
// group is granted B. Every endpoint is asked by each; what one may not see appears in no answer to them.
import { writeFileSync } from 'node:fs';
import type { RequestListener, Server } from 'node:http';
import Provider from 'oidc-provider';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { applySchema } from '../../ingest/schema.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { listenLocal, type LocalServer as Running } from '../../bench/lib/net.ts';
import { createApp } from '../../server/app.ts';
import { jsonLogger, type AppContext } from '../../server/context.ts';
import { Accounts } from '../../server/accounts/accounts.ts';
import { createHttpServer } from '../../server/http/raw-refusals.ts';
import { NodeDetailsSchema, NeighborsSchema, SchemaSchema, SourceDetailsSchema, TimelineSchema } from '../../server/http/api-shapes.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';
import { fetchAnswer, shows, type Answer } from '../support/marks.ts';
import { Browser, CLIENT_ID, CLIENT_SECRET, close, listen, providerConfiguration, toCallback, visitCallback } from '../support/oidc.ts';
import { tempDir } from '../support/temp-dir.ts';

const db = testDatabase();

/** The OpenID provider's people: Olga, in the group to which B is granted. */
const OIDC_PEOPLE = { olga: { preferred_username: 'olga', email: 'olga@example.org', name: 'Olga Example', groups: ['team-b'] } };
const dir = tempDir('civic-graph-access-');

const A = 'test/a';
const B = 'test/b';

const A_REPORT = [
  'Alpha Association held a meeting.',
  'Omega Union was dissolved by the Ministry of Order.',
  'Anna Example is a member of Alpha Association.',
  'Arno Example is a member of Omega Union.',
  'Anna Example accused Arno Example of disloyalty.',
];
const quote = (source: string, text: string) => [{ source, quote: text }];

function datasetA() {
  const r = (i: number) => quote('src/a-report', A_REPORT[i]!);
  return fixtureDataset(A, 'Dataset A', {
    sources: [
      { id: 'src/a-report', title: 'Alpha Report', publisher: 'A Press', url: 'https://example.org/a', language: 'en', excerpt: A_REPORT },
      { id: 'src/a-notes', title: 'Alpha Notes', publisher: 'A Press', url: 'https://example.org/a-notes', language: 'en', excerpt: ['The meeting of January 2024.'] },
    ],
    entities: [
      { id: 'org/alpha', type: 'Organization', name: 'Alpha Association', evidence: r(0) },
      { id: 'org/omega', type: 'Organization', name: 'Omega Union', evidence: r(1) },
      { id: 'authority/a-ministry', type: 'Authority', name: 'Ministry of Order', evidence: r(1) },
      { id: 'person/anna', type: 'Person', name: 'Anna Example', evidence: r(2) },
      { id: 'person/arno', type: 'Person', name: 'Arno Example', evidence: r(3) },
      { id: 'event/a-meeting', type: 'Event', name: 'Alpha meeting', date: { on: '2024-01-10', inferred: false }, evidence: quote('src/a-notes', 'The meeting of January 2024.') },
    ],
    relations: [
      { id: 'rel-a-anna-member', type: 'MEMBER_OF', from: 'person/anna', to: 'org/alpha', evidence: r(2) },
      { id: 'rel-a-arno-member', type: 'MEMBER_OF', from: 'person/arno', to: 'org/omega', evidence: r(3) },
      { id: 'rel-a-accused', type: 'ACCUSED', from: 'person/anna', to: 'person/arno', properties: { words: 'disloyalty' }, evidence: r(4) },
      { id: 'rel-a-dissolved', type: 'DISSOLVED', from: 'authority/a-ministry', to: 'org/omega', date: { on: '2024-03', inferred: false }, evidence: r(1) },
    ],
  });
}

const B_SECRET = ['Zed Hiddenman is a member of the Bravo Club.', 'The Bravo Club raid happened.', 'Bravo Watch observed everything.'];

function datasetB() {
  const s = (i: number) => quote('src/b-secret', B_SECRET[i]!);
  return fixtureDataset(B, 'Dataset B', {
    sources: [{ id: 'src/b-secret', title: 'Secret Bulletin', publisher: 'Hidden Press', url: 'https://example.org/b', language: 'en', excerpt: B_SECRET }],
    entities: [
      { id: 'person/zed-hidden', type: 'Person', name: 'Zed Hiddenman', evidence: s(0) },
      { id: 'org/b-club', type: 'Organization', name: 'Bravo Club', evidence: s(0) },
      { id: 'event/b-raid', type: 'Event', name: 'Bravo raid', date: { on: '2024-02-01', inferred: false }, evidence: s(1) },
      { id: 'institution/b-watch', type: 'Institution', name: 'Bravo Watch', evidence: s(2) },
    ],
    relations: [
      { id: 'rel-b-zed-member', type: 'MEMBER_OF', from: 'person/zed-hidden', to: 'org/b-club', evidence: s(0) },
      { id: 'rel-b-zed-raid', type: 'ATTENDED', from: 'person/zed-hidden', to: 'event/b-raid', evidence: s(1) },
    ],
  });
}

const A_ENTITIES = ['org/alpha', 'org/omega', 'authority/a-ministry', 'person/anna', 'person/arno', 'event/a-meeting'];
const B_ENTITIES = ['person/zed-hidden', 'org/b-club', 'event/b-raid', 'institution/b-watch'];
const A_RELATIONS = ['rel-a-anna-member', 'rel-a-arno-member', 'rel-a-accused', 'rel-a-dissolved'];
const B_RELATIONS = ['rel-b-zed-member', 'rel-b-zed-raid'];

/**
 * What crosses the datasets, written as a writer of either would (ingest writes `dataset` on every element):
 * Zed (B) joins Alpha and Omega (the only 2-hop path between them) and attended A's meeting (its only link);
 * Anna accuses Zed in a relationship of A (visible itself, but its end is not); Arno accuses Anna in one of B
 * (both ends visible, itself not); Anna cites B's source and Zed cites A's.
 */
const CROSSING = `
MATCH (zed:Entity {id: 'person/zed-hidden'}), (alpha:Entity {id: 'org/alpha'}), (omega:Entity {id: 'org/omega'}),
      (meeting:Entity {id: 'event/a-meeting'}), (anna:Entity {id: 'person/anna'}), (arno:Entity {id: 'person/arno'})
CREATE (zed)-[:MEMBER_OF {id: 'rel-x-zed-alpha', dataset: $b, evidenceSources: ['src/b-secret'], evidenceQuotes: [''], evidenceStarts: [-1], evidenceEnds: [-1]}]->(alpha),
       (zed)-[:MEMBER_OF {id: 'rel-x-zed-omega', dataset: $b, evidenceSources: ['src/b-secret'], evidenceQuotes: [''], evidenceStarts: [-1], evidenceEnds: [-1]}]->(omega),
       (zed)-[:ATTENDED {id: 'rel-x-zed-meeting', dataset: $b, evidenceSources: ['src/b-secret'], evidenceQuotes: [''], evidenceStarts: [-1], evidenceEnds: [-1]}]->(meeting),
       (anna)-[:ACCUSED {id: 'rel-x-anna-zed', dataset: $a, words: 'hidden accusation words', date: date('2024-01-20'), datePrecision: 'day', dateInferred: false,
                         evidenceSources: ['src/a-report'], evidenceQuotes: [''], evidenceStarts: [-1], evidenceEnds: [-1]}]->(zed),
       (arno)-[:ACCUSED {id: 'rel-x-arno-anna', dataset: $b, words: 'secret words', evidenceSources: ['src/b-secret'], evidenceQuotes: [''], evidenceStarts: [-1], evidenceEnds: [-1]}]->(anna)
SET anna.evidenceSources = anna.evidenceSources + 'src/b-secret', anna.evidenceQuotes = anna.evidenceQuotes + 'Secret quote about Anna',
    anna.evidenceStarts = anna.evidenceStarts + -1, anna.evidenceEnds = anna.evidenceEnds + -1,
    zed.evidenceSources = zed.evidenceSources + 'src/a-report', zed.evidenceQuotes = zed.evidenceQuotes + '',
    zed.evidenceStarts = zed.evidenceStarts + -1, zed.evidenceEnds = zed.evidenceEnds + -1`;

/** Every node, source and relationship each dataset file wrote, marked with its dataset (as the writers do). */
async function markDatasets(): Promise<void> {
  for (const [dataset, entities, sources, relations] of [
    [A, A_ENTITIES, ['src/a-report', 'src/a-notes'], A_RELATIONS],
    [B, B_ENTITIES, ['src/b-secret'], B_RELATIONS],
  ] as const) {
    await db.write('MATCH (n) WHERE (n:Entity OR n:Source) AND n.id IN $ids SET n.dataset = $dataset', { ids: [...entities, ...sources], dataset });
    await db.write('MATCH ()-[r]->() WHERE r.id IN $ids SET r.dataset = $dataset', { ids: relations, dataset });
  }
}

/** The app on a free port; `context` may depend on its address (an OpenID provider must know where to call back). */
async function serve(context: Partial<AppContext> | ((url: string) => Partial<AppContext>)): Promise<Running> {
  let app: RequestListener = (_req, res) => res.end();
  const local = await listenLocal(createHttpServer((req, res) => app(req, res)));
  const given = typeof context === 'function' ? context(local.url) : context;
  app = createApp({ db, log: jsonLogger(process.stderr, true), ...given }, { security: { rateLimits: false } }) as unknown as RequestListener;
  return local;
}

/** How a caller proves who they are: a personal token, or a session cookie (with its CSRF token for writes). */
type Credentials = { token: string } | { cookie: string; csrf: string };

/** A caller; every answer's raw text is kept, to search it for what must not be there. */
class Caller {
  /** Every answer; `guessed` where the request named an id of what the caller may not see (the answer may echo it). */
  readonly seen: { path: string; text: string; guessed: boolean }[] = [];
  constructor(
    readonly name: string,
    private readonly server: () => Running,
    private readonly credentials: Credentials,
  ) {}

  async ask(path: string, init: { method?: string; json?: unknown; guessed?: boolean } = {}): Promise<Answer> {
    const answer = await fetchAnswer(this.server().url + path, {
      ...(init.method ? { method: init.method } : {}),
      headers: 'token' in this.credentials ? { authorization: `Bearer ${this.credentials.token}` } : { cookie: this.credentials.cookie, 'x-csrf-token': this.credentials.csrf },
      json: init.json,
    });
    const { text } = answer;
    this.seen.push({ path, text, guessed: init.guessed ?? false });
    return answer;
  }

  get = (path: string) => this.ask(path);
  post = (path: string, json: unknown) => this.ask(path, { json });
}

const node = (id: string) => `/api/nodes/${encodeURIComponent(id)}`;
const source = (id: string) => `/api/sources/${encodeURIComponent(id)}`;
const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id).sort();

/** What B holds, in any form an answer could carry it: ids, names, words, the dataset's own id and title, element ids. */
let hiddenMarks: string[] = [];

describe('access per dataset on every read path (team mode)', () => {
  const accounts = Accounts.open(':memory:', { sessionLifetimeMs: 3_600_000 });
  let server: Running;
  const users: Record<'owner' | 'editor' | 'viewer' | 'both' | 'oidc', Caller> = {} as never;
  let provider: { server: Server; port: number } | undefined;
  const ids_ = { viewer: '', owner: '' };

  beforeAll(async () => {
    await resetDatabase(db);
    await applySchema(db, civicSpaceModel());
    for (const [name, data] of [
      ['a.yaml', datasetA()],
      ['b.yaml', datasetB()],
    ] as const) {
      writeFileSync(dir.join(name), stringify(data));
      await loadDatasetFile(db, dir.join(name), { schema: false });
    }
    await markDatasets();
    await db.write(CROSSING, { a: A, b: B });
    await db.read('CALL db.awaitIndexes(60)');
    const elementIds = await db.read(
      `MATCH (n) WHERE n.id IN $nodes RETURN elementId(n) AS id
       UNION MATCH ()-[r]->() WHERE r.dataset = $b OR r.id = 'rel-x-anna-zed' RETURN elementId(r) AS id`,
      { nodes: [...B_ENTITIES, 'src/b-secret'], b: B },
    );
    hiddenMarks = [
      ...B_ENTITIES,
      'src/b-secret',
      ...B_RELATIONS,
      'rel-x-zed-alpha',
      'rel-x-zed-omega',
      'rel-x-zed-meeting',
      'rel-x-anna-zed',
      'rel-x-arno-anna',
      'Zed',
      'Hiddenman',
      'Bravo',
      'Secret',
      'Hidden Press',
      'secret words',
      'hidden accusation',
      B,
      'Dataset B',
      ...elementIds.rows.map((r) => String(r.id)),
    ];
    expect(hiddenMarks.length).toBeGreaterThan(20);

    const token = (userId: string) => accounts.tokens.create(userId, 'tests', new Date(Date.now() + 3_600_000)).secret;
    const admin = accounts.users.create({ username: 'owner', isAdmin: true });
    const editor = accounts.users.create({ username: 'editor-a' });
    const viewer = accounts.users.create({ username: 'viewer-a' });
    const both = accounts.users.create({ username: 'reader-both' });
    accounts.grants.grant(A, 'user', editor.id, 'editor', admin.id);
    accounts.grants.grant(A, 'user', viewer.id, 'viewer', admin.id);
    accounts.grants.grant(A, 'user', both.id, 'viewer', admin.id);
    accounts.grants.grant(B, 'user', both.id, 'viewer', admin.id);
    ids_.viewer = viewer.id;
    ids_.owner = admin.id;
    const current = () => server;
    users.owner = new Caller('owner', current, { token: token(admin.id) });
    users.editor = new Caller('editor of A', current, { token: token(editor.id) });
    users.viewer = new Caller('viewer of A', current, { token: token(viewer.id) });
    users.both = new Caller('reader of A and B', current, { token: token(both.id) });

    // The fifth: Olga, whom the provider puts in the group 'team-b', to which B is granted; she has no grant of her own.
    accounts.grants.grant(B, 'group', 'team-b', 'viewer', admin.id);
    let providerHandler: RequestListener = (_req, res) => res.end();
    provider = await listen((req, res) => providerHandler(req, res));
    const issuer = `http://127.0.0.1:${provider.port}`;
    server = await serve((url) => {
      providerHandler = new Provider(issuer, providerConfiguration(`${url}/api/auth/oidc/callback`, OIDC_PEOPLE)).callback() as RequestListener;
      const oidc = { issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: `${url}/api/auth/oidc/callback`, groupsClaim: 'groups', scopes: 'openid profile email groups', name: 'Test provider', groupRoles: [] };
      return { accounts, auth: { mode: 'accounts', sessionHours: 1, cookieSecure: 'auto', auditReads: [A], oidc } };
    });
    const browser = new Browser();
    await visitCallback(browser, await toCallback(browser, 'olga', server.url), server.url);
    const cookie = browser.cookieFor(new URL('/api/', server.url));
    const signedIn = (await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string; user: { username: string }; roles: Record<string, string> };
    expect(signedIn).toMatchObject({ user: { username: 'olga' }, roles: { [B]: 'viewer' } });
    users.oidc = new Caller('viewer of B through OpenID Connect', current, { cookie, csrf: signedIn.csrfToken });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await close(provider?.server);
    accounts.close();
  });

  const restricted = ['viewer', 'editor'] as const;

  it('refuses a request without a token (team mode is on)', async () => {
    const response = await fetch(`${server.url}/api/schema`);
    expect(response.status).toBe(401);
  });

  describe.each(restricted)('as the %s of A', (who) => {
    const me = () => users[who];

    it('searches (full-text) only A: its names, not B\'s, nor an exact id of B, nor B\'s sources', async () => {
      const example = await me().get('/api/search?q=Example');
      expect(example.status).toBe(200);
      expect(example.body.mode).toBe('fulltext');
      expect(ids(example.body.results.map((r: { node: { id: string } }) => r.node))).toEqual(['person/anna', 'person/arno']);
      for (const q of ['Zed', 'Hiddenman', 'Bravo', 'person/zed-hidden', 'Secret']) {
        const found = await me().get(`/api/search?q=${encodeURIComponent(q)}`);
        expect(found.status, q).toBe(200);
        expect(found.body.results, q).toEqual([]);
      }
      // Their own sources are found by title.
      const alpha = await me().get('/api/search?q=Alpha%20Report');
      expect(alpha.body.results.map((r: { node: { id: string } }) => r.node.id)).toContain('src/a-report');
    });

    it('shows a node of A with its evidence, degree and sources as A has them', async () => {
      const anna = await me().get(node('person/anna'));
      expect(anna.status).toBe(200);
      NodeDetailsSchema.parse(anna.body);
      expect(anna.body.degree).toBe(2);
      expect(anna.body.relationshipTypes).toEqual([
        { type: 'ACCUSED', direction: 'out', count: 1 },
        { type: 'MEMBER_OF', direction: 'out', count: 1 },
      ]);
      expect(anna.body.sources.map((s: { id: string }) => s.id)).toEqual(['src/a-report']);
      expect(anna.body.evidence.map((e: { sourceId: string }) => e.sourceId)).toEqual(['src/a-report']);
    });

    it('pages neighbours and counts the total over what is visible only', async () => {
      const first = await me().get(`${node('person/anna')}/neighbors?limit=1`);
      expect(first.status).toBe(200);
      NeighborsSchema.parse(first.body);
      expect(first.body).toMatchObject({ total: 2, truncated: true, nextOffset: 1 });
      const all = await me().get(`${node('person/anna')}/neighbors?limit=10`);
      expect(all.body).toMatchObject({ total: 2, truncated: false, nextOffset: null });
      expect(ids(all.body.nodes)).toEqual(['org/alpha', 'person/anna', 'person/arno']);
      expect(all.body.edges.map((e: { id: string }) => e.id).sort()).toEqual(['rel-a-accused', 'rel-a-anna-member']);
      const byType = await me().get(`${node('person/anna')}/neighbors?types=ACCUSED&direction=in`);
      expect(byType.body).toMatchObject({ total: 0, edges: [] });
      const meeting = await me().get(`${node('event/a-meeting')}/neighbors`);
      expect(meeting.body).toMatchObject({ total: 0, nodes: [expect.objectContaining({ id: 'event/a-meeting' })], edges: [] });
    });

    it('finds the longer path A sees, not the shorter one through B, and no path where only B links', async () => {
      const paths = await me().get('/api/paths?from=org%2Falpha&to=org%2Fomega&maxLength=4');
      expect(paths.status).toBe(200);
      expect(paths.body.paths.length).toBeGreaterThan(0);
      for (const path of paths.body.paths) {
        expect(path.length).toBe(3);
        expect(ids(path.nodes)).toEqual(['org/alpha', 'org/omega', 'person/anna', 'person/arno']);
      }
      const none = await me().get('/api/paths?from=org%2Falpha&to=event%2Fa-meeting&maxLength=6');
      expect(none.status).toBe(200);
      expect(none.body.paths).toEqual([]);
    });

    it('dates only A on the timeline: total, truncation and the histogram\'s events', async () => {
      const all = await me().get('/api/timeline');
      expect(all.status).toBe(200);
      TimelineSchema.parse(all.body);
      expect(all.body.total).toBe(2);
      expect(all.body.truncated).toBe(false);
      expect(all.body.events.map((e: { id: string }) => e.id)).toEqual(['event/a-meeting', 'rel-a-dissolved']);
      const first = await me().get('/api/timeline?limit=1');
      expect(first.body).toMatchObject({ total: 2, truncated: true });
      const accusations = await me().get('/api/timeline?types=ACCUSED');
      expect(accusations.body).toMatchObject({ total: 0, events: [] });
      // The TIME panel's histogram counts what the timeline lists, and nothing of B (asked after the owner's, which is kept).
      const histogram = await me().get('/api/timeline/histogram');
      expect(histogram.status).toBe(200);
      expect(histogram.body.total).toBe(2);
      expect(Object.keys(histogram.body.kinds)).not.toContain('ACCUSED');
    });

    it('counts the schema, its graph and the datasets over what is visible', async () => {
      const schema = await me().get('/api/schema');
      expect(schema.status).toBe(200);
      SchemaSchema.parse(schema.body);
      const count = (list: { label?: string; type?: string; count: number }[], name: string) => list.find((x) => (x.label ?? x.type) === name)?.count;
      expect(count(schema.body.labels, 'Person')).toBe(2);
      expect(count(schema.body.labels, 'Organization')).toBe(2);
      expect(count(schema.body.labels, 'Event')).toBe(1);
      expect(count(schema.body.labels, 'Institution')).toBe(0);
      expect(count(schema.body.relationshipTypes, 'MEMBER_OF')).toBe(2);
      expect(count(schema.body.relationshipTypes, 'ACCUSED')).toBe(1);
      expect(count(schema.body.relationshipTypes, 'ATTENDED')).toBe(0);
      expect(schema.body.sourceCount).toBe(2);
      expect(schema.body.datasets.map((d: { id: string }) => d.id)).toEqual([A]);

      const graph = await me().get('/api/schema/graph');
      expect(graph.status).toBe(200);
      expect(graph.body.labels.map((l: { label: string; count: number }) => [l.label, l.count]).sort()).toEqual([
        ['Authority', 1],
        ['Event', 1],
        ['Organization', 2],
        ['Person', 2],
      ]);
      expect(graph.body.relationships.map((r: { from: string; type: string; to: string; count: number }) => `${r.from}-${r.type}->${r.to} ${r.count}`).sort()).toEqual([
        'Authority-DISSOLVED->Organization 1',
        'Person-ACCUSED->Person 1',
        'Person-MEMBER_OF->Organization 2',
      ]);
    });

    it("lists a label's top nodes of A only, and a label only B has as unknown", async () => {
      const people = await me().get('/api/labels/Person/top');
      expect(people.status).toBe(200);
      expect(ids(people.body.nodes)).toEqual(['person/anna', 'person/arno']);
      expect(people.body.edges.map((e: { id: string }) => e.id)).toEqual(['rel-a-accused']);
      const institutions = await me().get('/api/labels/Institution/top');
      expect(institutions.status).toBe(404);
      expect(institutions.body.error.code).toBe('not_found');
    });

    it('draws the overview of A: its nodes, their edges, its total', async () => {
      const graph = await me().get('/api/graph');
      expect(graph.status).toBe(200);
      expect(ids(graph.body.nodes)).toEqual([...A_ENTITIES].sort());
      expect(graph.body.edges.map((e: { id: string }) => e.id).sort()).toEqual([...A_RELATIONS].sort());
      expect(graph.body).toMatchObject({ total: 6, truncated: false });
      const small = await me().get('/api/graph?limit=2');
      expect(small.body.total).toBe(6);
      expect(small.body.truncated).toBe(true);
    });

    it('answers a subgraph and every export format with A only, its evidence only', async () => {
      const subgraph = await me().post('/api/subgraph', { ids: A_ENTITIES });
      expect(subgraph.status).toBe(200);
      expect(ids(subgraph.body.nodes)).toEqual([...A_ENTITIES].sort());
      expect(subgraph.body.edges.map((e: { id: string }) => e.id).sort()).toEqual([...A_RELATIONS].sort());
      expect(subgraph.body.missing).toEqual([]);
      const anna = subgraph.body.nodes.find((n: { id: string }) => n.id === 'person/anna');
      expect(anna.evidence.map((e: { sourceId: string }) => e.sourceId)).toEqual(['src/a-report']);
      for (const format of ['json', 'csv', 'graphml', 'gexf', 'ftm']) {
        const file = await me().post('/api/export', { ids: A_ENTITIES, format });
        expect(file.status, format).toBe(200);
        expect(file.text, format).toContain('Anna Example');
        const get = await me().get(`/api/export?ids=${encodeURIComponent(A_ENTITIES.join(','))}&format=${format}&part=edges`);
        expect(get.status, format).toBe(200);
      }
      const ftm = await me().post('/api/export', { ids: A_ENTITIES, format: 'ftm' });
      expect(ftm.text).toContain('Alpha Report');
    });

    it('lists the sources of A, counting the evidence of A only, and shows their statements of A only', async () => {
      const list = await me().get('/api/sources');
      expect(list.status).toBe(200);
      expect(list.body.sources.map((s: { id: string }) => s.id).sort()).toEqual(['src/a-notes', 'src/a-report']);
      const report = list.body.sources.find((s: { id: string }) => s.id === 'src/a-report');
      // Nodes: alpha, omega, ministry, anna, arno; relationships: the four of A and Anna's accusation of Zed is not visible.
      expect(report.statementCount).toBe(9);
      const details = await me().get(source('src/a-report'));
      expect(details.status).toBe(200);
      SourceDetailsSchema.parse(details.body);
      expect(details.body.statements.map((s: { id: string }) => s.id).sort()).toEqual([
        'authority/a-ministry',
        'org/alpha',
        'org/omega',
        'person/anna',
        'person/arno',
        'rel-a-accused',
        'rel-a-anna-member',
        'rel-a-arno-member',
        'rel-a-dissolved',
      ]);
    });

    it('is refused the console, saying why', async () => {
      for (const answer of [await me().post('/api/cypher', { query: 'MATCH (n) RETURN count(n) AS n' }), await me().get('/api/queries')]) {
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('console_closed');
        expect(answer.body.error.message).toMatch(/every dataset/);
      }
    });

    it('gets for an id of B guessed by hand exactly what an unknown id gets', async () => {
      const zed = (await db.read("MATCH (n {id: 'person/zed-hidden'}) RETURN elementId(n) AS id")).rows[0]!.id as string;
      const same = async (path: (id: string) => string, hidden: string, unknown: string, init: (id: string) => { json?: unknown } = () => ({})) => {
        const a = await me().ask(path(hidden), { ...init(hidden), guessed: true });
        const b = await me().ask(path(unknown), { ...init(unknown), guessed: true });
        expect(a.status, path(hidden)).toBe(404);
        expect(a.body.error.code).toBe('not_found');
        const shape = (x: Answer, id: string) => JSON.stringify({ ...x.body, error: { ...x.body.error, requestId: '' } }).replaceAll(id, 'ID');
        expect(shape(a, hidden)).toBe(shape(b, unknown));
      };
      await same(node, 'person/zed-hidden', 'person/nobody');
      await same(node, `~${zed}`, `~${zed.replace(/\d+$/, '999999')}`);
      await same((id) => `${node(id)}/neighbors`, 'person/zed-hidden', 'person/nobody');
      await same((id) => `/api/paths?from=${encodeURIComponent(id)}&to=org%2Falpha`, 'person/zed-hidden', 'person/nobody');
      await same((id) => `/api/paths?from=org%2Falpha&to=${encodeURIComponent(id)}`, 'person/zed-hidden', 'person/nobody');
      await same(source, 'src/b-secret', 'src/nobody');
      await same(() => '/api/subgraph', 'person/zed-hidden', 'person/nobody', (id) => ({ json: { ids: [id] } }));
      await same(() => '/api/export', 'person/zed-hidden', 'person/nobody', (id) => ({ json: { ids: [id], format: 'json' } }));
      // Among ids it sees, a hidden one is as missing as an unknown one.
      const mixed = await me().ask('/api/subgraph', { json: { ids: ['person/anna', 'person/zed-hidden', 'person/nobody'] }, guessed: true });
      expect(mixed.body.missing).toEqual(['person/zed-hidden', 'person/nobody']);
      expect(ids(mixed.body.nodes)).toEqual(['person/anna']);
    });
  });

  it('leaves no trace of B in any answer to the viewer or the editor of A (raw text, ids guessed by hand aside)', () => {
    for (const who of restricted) {
      const answers = users[who].seen.filter((a) => !a.guessed);
      expect(answers.length).toBeGreaterThan(30);
      for (const answer of answers) {
        for (const mark of hiddenMarks) expect(shows(answer.text, mark), `${who}: ${answer.path} shows '${mark}'`).toBe(false);
      }
    }
  });

  describe('as the viewer of B, signed in through OpenID Connect (B is granted to their group)', () => {
    const me = () => users.oidc;
    const guess = (path: string, json?: unknown) => me().ask(path, { json, guessed: true });

    it('finds, shows, pages, paths and dates only B', async () => {
      expect((await me().get('/api/search?q=Zed')).body.results.map((r: { node: { id: string } }) => r.node.id)).toEqual(['person/zed-hidden']);
      for (const q of ['Example', 'Alpha', 'Omega', 'Ministry']) expect((await me().get(`/api/search?q=${q}`)).body.results, q).toEqual([]);
      const zed = await me().get(node('person/zed-hidden'));
      expect(zed.status).toBe(200);
      // Zed's evidence citing A's report, and his links to A's nodes, are not hers to see.
      expect(zed.body.evidence.map((e: { sourceId: string }) => e.sourceId)).toEqual(['src/b-secret']);
      expect(zed.body.degree).toBe(2);
      expect((await me().get(`${node('person/zed-hidden')}/neighbors?limit=10`)).body).toMatchObject({ total: 2, truncated: false });
      expect((await me().get('/api/paths?from=person%2Fzed-hidden&to=org%2Fb-club')).body.paths.map((p: { length: number }) => p.length)).toEqual([1]);
      expect((await guess(node('person/anna'))).status).toBe(404);
      expect((await guess('/api/paths?from=org%2Falpha&to=org%2Fomega')).status).toBe(404);
      expect((await me().get('/api/timeline')).body.events.map((e: { id: string }) => e.id)).toEqual(['event/b-raid']);
      expect((await me().get('/api/timeline/histogram')).body.total).toBe(1);
      const schema = (await me().get('/api/schema')).body;
      expect(schema.labels.find((l: { label: string }) => l.label === 'Person').count).toBe(1);
      expect(schema.sourceCount).toBe(1);
      expect((await me().get('/api/graph')).body.total).toBe(B_ENTITIES.length);
      expect((await me().get('/api/sources')).body.sources.map((s: { id: string }) => s.id)).toEqual(['src/b-secret']);
      expect((await guess(source('src/a-report'))).status).toBe(404);
      const subgraph = await guess('/api/subgraph', { ids: [...B_ENTITIES, ...A_ENTITIES] });
      expect(subgraph.body.missing).toEqual(A_ENTITIES);
      expect(ids(subgraph.body.nodes)).toEqual([...B_ENTITIES].sort());
      const ftm = await me().post('/api/export', { ids: B_ENTITIES, format: 'ftm' });
      expect(ftm.status).toBe(200);
      const console_ = await me().post('/api/cypher', { query: 'MATCH (n) RETURN count(n) AS n' });
      expect(console_.status).toBe(403);
      expect(console_.body.error.code).toBe('console_closed');
    });

    it('leaves no trace of A in any answer to her (ids guessed by hand aside)', async () => {
      const elementIds = await db.read(
        `MATCH (n) WHERE n.id IN $nodes RETURN elementId(n) AS id
         UNION MATCH ()-[r]->() WHERE r.dataset = $a OR r.id IN $crossing RETURN elementId(r) AS id`,
        { nodes: [...A_ENTITIES, 'src/a-report', 'src/a-notes'], a: A, crossing: ['rel-x-zed-alpha', 'rel-x-zed-omega', 'rel-x-zed-meeting', 'rel-x-arno-anna'] },
      );
      const marks = [
        ...A_ENTITIES,
        ...A_RELATIONS,
        'src/a-report',
        'src/a-notes',
        'rel-x-zed-alpha',
        'rel-x-zed-omega',
        'rel-x-zed-meeting',
        'rel-x-anna-zed',
        'rel-x-arno-anna',
        'Alpha',
        'Omega',
        'Anna',
        'Arno',
        'Ministry of Order',
        'A Press',
        'disloyalty',
        'hidden accusation words',
        'secret words',
        A,
        'Dataset A',
        ...elementIds.rows.map((r) => String(r.id)),
      ];
      const answers = me().seen.filter((a) => !a.guessed);
      expect(answers.length).toBeGreaterThanOrEqual(15);
      for (const answer of answers) for (const mark of marks) expect(shows(answer.text, mark), `${answer.path} shows '${mark}'`).toBe(false);
    });
  });

  describe('the owner (an instance admin) sees both datasets on the same paths', () => {
    const me = () => users.owner;

    it('finds B, counts B, takes the short path through B', async () => {
      expect((await me().get('/api/search?q=Zed')).body.results.map((r: { node: { id: string } }) => r.node.id)).toContain('person/zed-hidden');
      expect((await me().get('/api/search?q=Secret')).body.results.map((r: { node: { id: string } }) => r.node.id)).toContain('src/b-secret');
      const anna = await me().get(node('person/anna'));
      expect(anna.body.degree).toBe(4);
      expect(anna.body.evidence.map((e: { sourceId: string }) => e.sourceId)).toEqual(['src/a-report', 'src/b-secret']);
      expect((await me().get(`${node('person/anna')}/neighbors?limit=1`)).body.total).toBe(4);
      const paths = await me().get('/api/paths?from=org%2Falpha&to=org%2Fomega');
      expect(paths.body.paths.map((p: { length: number }) => p.length)).toEqual([2]);
      expect(ids(paths.body.paths[0].nodes)).toContain('person/zed-hidden');
      expect((await me().get('/api/paths?from=org%2Falpha&to=event%2Fa-meeting')).body.paths).toHaveLength(1);
      expect((await me().get('/api/timeline')).body.total).toBe(4);
      expect((await me().get('/api/timeline/histogram')).body.total).toBe(4);
      const schema = (await me().get('/api/schema')).body;
      expect(schema.labels.find((l: { label: string }) => l.label === 'Person').count).toBe(3);
      expect(schema.relationshipTypes.find((t: { type: string }) => t.type === 'MEMBER_OF').count).toBe(5);
      expect(schema.sourceCount).toBe(3);
      expect((await me().get('/api/labels/Institution/top')).status).toBe(200);
      expect((await me().get('/api/graph')).body.total).toBe(10);
      const sources = (await me().get('/api/sources')).body.sources;
      expect(sources.find((s: { id: string }) => s.id === 'src/a-report').statementCount).toBe(11);
      expect((await me().get(source('src/b-secret'))).status).toBe(200);
      expect((await me().get(node('person/zed-hidden'))).status).toBe(200);
    });

    it('exports the relationship of B between two nodes of A, and the evidence citing B', async () => {
      const subgraph = await me().post('/api/subgraph', { ids: A_ENTITIES });
      expect(subgraph.body.edges.map((e: { id: string }) => e.id)).toContain('rel-x-arno-anna');
      const ftm = await me().post('/api/export', { ids: A_ENTITIES, format: 'ftm' });
      expect(ftm.text).toContain('Secret Bulletin');
      const schemaGraph = await me().get('/api/schema/graph');
      expect(schemaGraph.text).toContain('ATTENDED');
    });

    it('opens the console to the owner and to a reader of every dataset', async () => {
      for (const who of [users.owner, users.both]) {
        const answer = await who.post('/api/cypher', { query: "MATCH (n:Entity {id: 'person/zed-hidden'}) RETURN n.name AS name" });
        expect(answer.status, who.name).toBe(200);
        expect(answer.body.rows).toEqual([{ name: 'Zed Hiddenman' }]);
        expect((await who.get('/api/queries')).status).toBe(200);
      }
    });

    it('found B in what it said to the owner (the raw-text check above can fail)', () => {
      const all = users.owner.seen.map((a) => a.text).join('\n');
      for (const mark of ['person/zed-hidden', 'src/b-secret', 'Zed Hiddenman', 'secret words', 'rel-x-arno-anna']) expect(all).toContain(mark);
    });
  });

  it('searches by scan (no full-text index) only what the caller sees', async () => {
    await db.write('DROP INDEX entity_search IF EXISTS');
    // A new app: a new catalog, which finds no index.
    const scanning = await serve({ accounts, auth: { mode: 'accounts', sessionHours: 1, cookieSecure: 'auto', auditReads: [] } });
    const previous = server;
    server = scanning;
    try {
      const example = await users.viewer.get('/api/search?q=Example');
      expect(example.body.mode).toBe('scan');
      expect(example.body.createIndex).toBeUndefined();
      expect(ids(example.body.results.map((r: { node: { id: string } }) => r.node))).toEqual(['person/anna', 'person/arno']);
      for (const q of ['Zed', 'Bravo', 'Secret']) expect((await users.viewer.get(`/api/search?q=${q}`)).body.results, q).toEqual([]);
      expect((await users.owner.get('/api/search?q=Zed')).body.results.map((r: { node: { id: string } }) => r.node.id)).toContain('person/zed-hidden');
      for (const answer of users.viewer.seen.slice(-4)) for (const mark of hiddenMarks) expect(shows(answer.text, mark), `${answer.path}: ${mark}`).toBe(false);
    } finally {
      server = previous;
      await scanning.close();
      await applySchema(db, civicSpaceModel());
    }
  });

  it('audits node and source details of the datasets AUDIT_READS names, and nothing else', async () => {
    const entries = accounts.audit.read({ limit: 1000, action: 'read' });
    const viewer = entries.filter((e) => e.actor === ids_.viewer);
    expect(viewer.map((e) => e.target)).toEqual(expect.arrayContaining([A]));
    expect(viewer.some((e) => String(e.detail?.path).startsWith('/api/nodes/') && e.outcome === 'ok')).toBe(true);
    expect(viewer.some((e) => String(e.detail?.path).startsWith('/api/sources/'))).toBe(true);
    // The owner read Zed (of B), which AUDIT_READS does not name.
    expect(entries.filter((e) => e.target === B)).toEqual([]);
    // Neighbours, search and the rest are not sensitive reads.
    expect(entries.every((e) => /^\/api\/(nodes|sources)\/[^/]+$/.test(String(e.detail?.path)))).toBe(true);
  });
});

describe('a database someone else built: one unit, read whole or not at all', () => {
  const accounts = Accounts.open(':memory:', { sessionLifetimeMs: 3_600_000 });
  let server: Running;
  let granted: Caller;
  let stranger: Caller;
  let fay = '';

  beforeAll(async () => {
    await resetDatabase(db);
    // Search a foreign database as it would be searched: without our full-text index (its name index instead).
    await db.write('DROP INDEX entity_search IF EXISTS');
    await db.write(`
      CREATE (fay:Person {name: 'Fay Foreigner', born: 1970}), (finn:Person {name: 'Finn Foreigner', born: 1972}),
             (summit:Meeting {topic: 'Foreign summit', held: date('2024-05-01')}),
             (fay)-[:KNOWS]->(finn), (fay)-[:ATTENDED]->(summit), (finn)-[:ATTENDED]->(summit)`);
    fay = String((await db.read("MATCH (n:Person {name: 'Fay Foreigner'}) RETURN elementId(n) AS id")).rows[0]!.id);
    const token = (userId: string) => accounts.tokens.create(userId, 'tests', new Date(Date.now() + 3_600_000)).secret;
    const withGrant = accounts.users.create({ username: 'reader' });
    const without = accounts.users.create({ username: 'stranger' });
    accounts.grants.grant('database', 'user', withGrant.id, 'viewer', 'test');
    accounts.grants.grant(A, 'user', without.id, 'viewer', 'test');
    granted = new Caller('reader of the database', () => server, { token: token(withGrant.id) });
    stranger = new Caller('stranger', () => server, { token: token(without.id) });
    server = await serve({ accounts, auth: { mode: 'accounts', sessionHours: 1, cookieSecure: 'auto', auditReads: [] } });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    accounts.close();
    await resetDatabase(db);
    await applySchema(db, civicSpaceModel());
  });

  it('shows everything to a caller with a grant on it', async () => {
    const found = await granted.get('/api/search?q=Fay');
    expect(found.body.mode).toBe('scan');
    expect(found.body.results.map((r: { node: { caption: string } }) => r.node.caption)).toContain('Fay Foreigner');
    expect((await granted.get(node(`~${fay}`))).status).toBe(200);
    expect((await granted.get('/api/schema')).body.labels.map((l: { label: string }) => l.label).sort()).toEqual(['Meeting', 'Person']);
    expect((await granted.get('/api/graph')).body.nodes).toHaveLength(3);
    // The meeting's day and the two years of birth (an integer 'born' reads as a year).
    expect((await granted.get('/api/timeline')).body.total).toBe(3);
    expect((await granted.post('/api/cypher', { query: 'MATCH (n) RETURN count(n) AS n' })).status).toBe(200);
  });

  it('shows nothing, and runs nothing, for a caller without one', async () => {
    expect((await stranger.get('/api/search?q=Fay')).body.results).toEqual([]);
    const unknown = await stranger.get(node('~4:00000000-0000-0000-0000-000000000000:999999'));
    const hidden = await stranger.get(node(`~${fay}`));
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message.replace(fay, 'ID')).toBe(unknown.body.error.message.replace('4:00000000-0000-0000-0000-000000000000:999999', 'ID'));
    expect((await stranger.get(`${node(`~${fay}`)}/neighbors`)).status).toBe(404);
    expect((await stranger.get(`/api/paths?from=${encodeURIComponent(`~${fay}`)}&to=${encodeURIComponent(`~${fay}`)}`)).status).toBe(404);
    const schema = await stranger.get('/api/schema');
    expect(schema.body).toMatchObject({ labels: [], relationshipTypes: [], sourceCount: 0 });
    expect((await stranger.get('/api/schema/graph')).body).toEqual({ labels: [], relationships: [] });
    expect((await stranger.get('/api/labels/Person/top')).status).toBe(404);
    expect((await stranger.get('/api/graph')).body).toMatchObject({ nodes: [], edges: [], total: 0 });
    expect((await stranger.get('/api/timeline')).body).toMatchObject({ events: [], total: 0 });
    expect((await stranger.get('/api/sources')).body).toEqual({ sources: [] });
    expect((await stranger.post('/api/subgraph', { ids: [`~${fay}`] })).status).toBe(404);
    expect((await stranger.post('/api/export', { ids: [`~${fay}`], format: 'csv' })).status).toBe(404);
    expect((await stranger.post('/api/cypher', { query: 'MATCH (n) RETURN count(n) AS n' })).body.error.code).toBe('console_closed');
    for (const answer of stranger.seen) for (const mark of ['Fay', 'Finn', 'Foreign', 'Meeting']) expect(answer.text.includes(mark), `${answer.path}: ${mark}`).toBe(false);
  });
});
