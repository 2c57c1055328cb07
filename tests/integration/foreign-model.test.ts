// The inferred model on a foreign graph of ~59k nodes: captions, dates, looks, the schema view, a label's top nodes, search with and without the opt-in index, the timeline of string dates and the console's generated examples.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { NamedQueriesSchema, SchemaGraphSchema, SchemaSchema, SearchResponseSchema, SubgraphSchema, TimelineSchema } from '../../server/http/api-shapes.ts';
import { projectRoot } from '../../db/config.ts';
import { buildForeignGraph, dropForeignConstraints, foreignGraphCounts, foreignPerson, HUB_PERSON } from '../../bench/synthetic/foreign-graph.ts';
import { testCredentials, resetDatabase, testDatabase } from '../support/db.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { dropCivicGraphSchema, getJson, postJson, restoreCivicGraphSchema } from './api-support.ts';
import { nodesByElementIds } from '../../server/services/reads/nodes.ts';
import { SEE_ALL } from '../../server/services/reads/run.ts';
import { searchNamesScan } from '../../server/services/reads/search.ts';
import { namesScanPattern } from '../../server/services/search-text.ts';
import { loadNameIndex } from '../../server/services/name-index.ts';
import { NAME_SCAN_EXAMINE } from '../../server/services/search.ts';

const run = promisify(execFile);

interface Label {
  label: string;
  count: number;
  caption: string;
  captionProperties: string[];
  dateProperty: { name: string; format: string } | null;
  dateCandidates: { name: string; format: string }[];
  color: string;
  shape: string;
}

/** A one-letter typo in the middle of a word. */
function typo(word: string): string {
  const letters = [...word];
  const i = Math.floor(letters.length / 2);
  letters[i] = letters[i] === 'x' ? 'z' : 'x';
  return letters.join('');
}

describe('the inferred model of a foreign graph', () => {
  const db = testDatabase();
  let server: RunningServer;
  const person = foreignPerson(1234);

  beforeAll(async () => {
    await resetDatabase(db);
    await dropCivicGraphSchema(db);
    await db.write('DROP INDEX entity_search IF EXISTS');
    await buildForeignGraph((cypher, params) => db.write(cypher, params));
    server = await startServer(db);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await restoreCivicGraphSchema(db, () => dropForeignConstraints((cypher, params) => db.write(cypher, params)));
    await db.close();
  });

  it('captions people by first and last name, meetings by topic, documents by title, and says no evidence is kept', async () => {
    const { status, body } = await getJson(`${server.url}/api/schema`);
    expect(status).toBe(200);
    SchemaSchema.parse(body);
    const label = (name: string): Label => body.labels.find((l: Label) => l.label === name);
    expect(body.labels).toHaveLength(11);
    expect(label('Person')).toMatchObject({ count: foreignGraphCounts().Person, captionProperties: ['firstName', 'lastName'], caption: 'firstName' });
    expect(label('Meeting').captionProperties).toEqual(['topic']);
    expect(label('Document').captionProperties).toEqual(['title']);
    expect(label('Company').captionProperties).toEqual(['name']);
    expect(body.evidence).toBe(false);
    expect(body.search).toMatchObject({ mode: 'scan', command: 'npm run search-index' });
    expect(body.search.properties).toEqual(expect.arrayContaining(['firstName', 'lastName', 'name', 'title', 'topic']));
    expect(body.search.createIndex).toMatch(/^CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR \(n:.*`Person`.*\) ON EACH \[.*n\.`firstName`, .*n\.`lastName`/);
  });

  it('finds each label its date property and format from a sample', async () => {
    const { body } = await getJson(`${server.url}/api/schema`);
    const label = (name: string): Label => body.labels.find((l: Label) => l.label === name);
    expect(label('Transfer').dateProperty).toEqual({ name: 'date', format: 'dd/MM/yyyy' });
    expect(label('Account').dateProperty).toEqual({ name: 'opened', format: 'temporal' });
    expect(label('Company').dateProperty).toEqual({ name: 'founded', format: 'year' });
    expect(label('Meeting').dateProperty).toEqual({ name: 'day', format: 'temporal' });
    expect(label('Vehicle').dateProperty).toEqual({ name: 'year', format: 'year' });
    expect(label('Person').dateProperty).toEqual({ name: 'birthDate', format: 'dd/MM/yyyy' });
    expect(label('Meeting').dateCandidates.map((c) => c.name)).not.toContain('startsAt');
    expect(label('City').dateProperty).toBeNull();
  });

  it('gives every label its own colour and every relationship type its own, the same on every read', async () => {
    const first = (await getJson(`${server.url}/api/schema`)).body;
    const colours = first.labels.map((l: Label) => l.color.toLowerCase());
    expect(new Set(colours).size).toBe(11);
    const typeColours = first.relationshipTypes.map((t: { color: string }) => t.color.toLowerCase());
    expect(new Set(typeColours).size).toBe(first.relationshipTypes.length);
    const fresh = await startServer(db);
    try {
      const again = (await getJson(`${fresh.url}/api/schema`)).body;
      expect(again.labels.map((l: Label) => [l.label, l.color, l.shape])).toEqual(first.labels.map((l: Label) => [l.label, l.color, l.shape]));
    } finally {
      await fresh.close();
    }
  });

  it('answers the schema graph: labels with counts, relationship patterns with counts', async () => {
    const { status, body } = await getJson(`${server.url}/api/schema/graph`);
    expect(status).toBe(200);
    SchemaGraphSchema.parse(body);
    expect(body.labels).toHaveLength(11);
    expect(body.labels.find((l: { label: string }) => l.label === 'Transfer')).toMatchObject({ count: foreignGraphCounts().Transfer });
    expect(body.relationships).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'LIVES_AT', from: 'Person', to: 'Address', count: foreignGraphCounts().Person }),
      expect.objectContaining({ type: 'FROM_ACCOUNT', from: 'Transfer', to: 'Account', count: foreignGraphCounts().Transfer }),
    ]));
    for (const r of body.relationships) expect(r.count).toBeGreaterThan(0);
  });

  it("lists a label's most connected nodes with the links among them, for labels the database reports only", async () => {
    const { status, body } = await getJson(`${server.url}/api/labels/Person/top?limit=25`);
    expect(status).toBe(200);
    SubgraphSchema.parse(body);
    expect(body.nodes).toHaveLength(25);
    expect(body.nodes[0]).toMatchObject({ caption: `${HUB_PERSON.firstName} ${HUB_PERSON.lastName}`, properties: { uid: HUB_PERSON.uid } });
    const ids = new Set(body.nodes.map((n: { id: string }) => n.id));
    for (const edge of body.edges) expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
    expect((await getJson(`${server.url}/api/labels/Nothing/top`)).status).toBe(404);
    expect((await getJson(`${server.url}/api/labels/${encodeURIComponent('Person`) DETACH DELETE n //')}/top`)).status).toBe(404);
    expect((await getJson(`${server.url}/api/labels/Person/top?limit=0`)).status).toBe(400);
  });

  it('dates wire nodes by their label’s date property', async () => {
    const { body } = await getJson(`${server.url}/api/labels/Transfer/top?limit=3`);
    for (const node of body.nodes) {
      const [d, m, y] = String(node.properties.date).split('/');
      expect(node.date).toBe(`${y}-${m}-${d}`);
    }
    const accounts = (await getJson(`${server.url}/api/labels/Account/top?limit=3`)).body;
    for (const node of accounts.nodes) expect(node.date).toBe(node.properties.opened);
  });

  async function expectFinds(url: string, mode: 'scan' | 'fulltext') {
    const full = await getJson(`${url}/api/search?q=${encodeURIComponent(`${person.firstName} ${person.lastName}`)}`);
    expect(full.status).toBe(200);
    SearchResponseSchema.parse(full.body);
    expect(full.body.mode).toBe(mode);
    expect(full.body.results[0].node).toMatchObject({ caption: `${person.firstName} ${person.lastName}`, properties: { uid: person.uid } });
    const typed = await getJson(`${url}/api/search?q=${encodeURIComponent(`${person.firstName} ${typo(person.lastName)}`)}`);
    expect(typed.body.results[0]?.node.properties.uid).toBe(person.uid);
    const folded = await getJson(`${url}/api/search?q=${encodeURIComponent(`${person.lastName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()} ${person.firstName.slice(0, 3)}`)}`);
    expect(folded.body.results.map((r: { node: { properties: { uid: string } } }) => r.node.properties.uid)).toContain(person.uid);
    const meeting = await getJson(`${url}/api/search?q=${encodeURIComponent('assemblée générale')}&labels=Meeting`);
    expect(meeting.body.results[0]?.node.properties.uid).toBe('meeting-0');
  }

  it('finds a person by full name and by a one-letter typo without the index (the server\'s name index, or a bounded scan until it is read)', async () => {
    await expectFinds(server.url, 'scan');
    // Both ways the server answers without the full-text index, each on its own.
    const targets = [{ label: 'Person', properties: ['firstName', 'lastName'] }];
    const query = `${person.firstName} ${typo(person.lastName)}`;
    const scanned = await searchNamesScan(db, { targets, pattern: namesScanPattern(query)!, examine: NAME_SCAN_EXAMINE, limit: 200 });
    expect(scanned.map((n) => n.properties.uid)).toContain(person.uid);
    const index = await loadNameIndex(db, targets);
    expect(index.size).toBe(foreignGraphCounts().Person);
    const [first] = await nodesByElementIds(db, index.search(query, null, 1), SEE_ALL);
    expect(first?.properties.uid).toBe(person.uid);
  });

  it('reads the timeline of string dates in date order, filtered by from and to', async () => {
    const all = await getJson(`${server.url}/api/timeline?limit=200`);
    expect(all.status).toBe(200);
    TimelineSchema.parse(all.body);
    expect(all.body.events.length).toBe(200);
    expect(all.body.total).toBeGreaterThan(40_000);
    const dates = all.body.events.map((e: { date: string }) => e.date);
    expect(dates).toEqual([...dates].sort());

    const transfers = await getJson(`${server.url}/api/timeline?types=Transfer&from=2016-03&to=2016-04-15&limit=2000`);
    const events = transfers.body.events as { date: string; type: string; caption: string; precision: string }[];
    expect(events.length).toBeGreaterThan(0);
    expect(transfers.body.total).toBe(events.length);
    for (const e of events) {
      expect(e.type).toBe('Transfer');
      expect(e.precision).toBe('day');
      expect(e.date >= '2016-03-01' && e.date <= '2016-04-15').toBe(true);
    }
    expect(events.map((e) => e.date)).toEqual(events.map((e) => e.date).sort());
    const expected = Array.from({ length: foreignGraphCounts().Transfer }, (_, i) => i).filter((i) => {
      const day = 1 + (i % 28), month = 1 + (Math.floor(i / 28) % 12), year = 2015 + (i % 10);
      const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      return iso >= '2016-03-01' && iso <= '2016-04-15';
    });
    expect(events.length).toBe(expected.length);

    const companies = await getJson(`${server.url}/api/timeline?types=Company&from=1970&to=1970&limit=5`);
    expect(companies.body.events[0]).toMatchObject({ date: '1970-01-01', precision: 'year', type: 'Company' });
  });

  it('lets the page choose another date property per label, and refuses one that is no date', async () => {
    const people = await getJson(`${server.url}/api/timeline?types=Person&limit=5`);
    expect(people.body.events[0].type).toBe('Person');
    const overridden = await getJson(`${server.url}/api/timeline?types=Document&dates=${encodeURIComponent('Document.filed')}&limit=5`);
    expect(overridden.status).toBe(200);
    expect(overridden.body.events[0]).toMatchObject({ date: '2010-01-01', precision: 'year' });
    expect((await getJson(`${server.url}/api/timeline?dates=${encodeURIComponent('Meeting.startsAt')}`)).status).toBe(400);
    expect((await getJson(`${server.url}/api/timeline?dates=${encodeURIComponent('Nothing.date')}`)).status).toBe(400);
    const explicit = await getJson(`${server.url}/api/timeline?types=Transfer&dates=${encodeURIComponent('Transfer.date:MM/dd/yyyy')}&limit=5`);
    expect(explicit.status).toBe(200);
  });

  it('offers console examples generated from the schema, each returning rows on this graph', async () => {
    const { status, body } = await getJson(`${server.url}/api/queries`);
    expect(status).toBe(200);
    NamedQueriesSchema.parse(body);
    const names = body.queries.map((q: { name: string }) => q.name);
    expect(names.slice(0, 3)).toEqual(['schema-most-connected', 'schema-two-labels', 'schema-path']);
    expect(names).not.toContain('example-accusations');
    for (const query of body.queries) {
      const result = await postJson(`${server.url}/api/cypher`, { query: query.cypher, params: query.params });
      expect(result.status, query.name).toBe(200);
      expect(result.body.rows.length, query.name).toBeGreaterThan(0);
    }
    expect(body.queries[0].cypher).toMatch(/MATCH \(n:`Person`\)/);
  });

  it('creates the full-text index only when the operator runs the command, and then searches through it', async () => {
    const { username, password } = testCredentials();
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'ingest/search-index-cli.ts'], {
      cwd: projectRoot,
      env: { ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_USERNAME: username ?? 'neo4j', NEO4J_PASSWORD: password ?? '' },
      timeout: 170_000,
    });
    expect(stdout).toMatch(/CREATE FULLTEXT INDEX entity_search/);
    expect(stdout).toMatch(/Person: firstName, lastName/);
    expect(stdout).toMatch(/it is online/);
    // A new server: the catalog of the first one keeps its snapshot for a few seconds.
    const indexed = await startServer(db);
    try {
      const schema = (await getJson(`${indexed.url}/api/schema`)).body;
      expect(schema.search.mode).toBe('fulltext');
      expect(schema.search.createIndex).toBeUndefined();
      await expectFinds(indexed.url, 'fulltext');
    } finally {
      await indexed.close();
    }
  }, 180_000);
});
