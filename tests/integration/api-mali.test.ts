// Every endpoint of the explorer API on the Mali dataset: happy paths and errors.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Shapes from '../../server/http/api-shapes.ts';
import { projectRoot } from '../../db/config.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import type { RunningServer } from '../support/server.ts';
import { applySchema } from '../../ingest/schema.ts';
import { getJson, loadMaliFixture, nodePath, postJson, startApiServer } from './api-support.ts';
import { civicSpaceModel } from '../../model/index.ts';

const ARTICLE = readFileSync(path.join(projectRoot, 'seed', 'mali', 'sources', 'hrw-2024-03-15-mali-deepens-crackdown-on-civil-society.txt'), 'utf8');

describe('API on the Mali dataset', () => {
  const db = testDatabase();
  let server: RunningServer;
  const get = (p: string) => getJson(server.url + p);
  /** GETs what must answer 200 with a body of the schema's shape, and gives the body. */
  const getValid = async (p: string, schema: { parse: (body: unknown) => unknown }) => {
    const { status, body } = await get(p);
    expect(status, p).toBe(200);
    schema.parse(body);
    return body;
  };
  const expectInvalid = async (p: string, parameter: string) => {
    const { status, body } = await get(p);
    expect(status, p).toBe(400);
    expect(body.error.code, p).toBe('invalid_parameter');
    expect(body.error.message, p).toMatch(new RegExp(`(^|; )${parameter}\\b`));
  };

  beforeAll(async () => {
    await resetDatabase(db);
    await applySchema(db, civicSpaceModel());
    await loadMaliFixture(db, ARTICLE);
    server = await startApiServer(db, { security: { rateLimits: false } });
  });

  afterAll(async () => {
    await server?.close();
    await db.close();
  });

  describe('schema', () => {
    it('lists declared labels and types with counts and display metadata', async () => {
      const body = await getValid('/api/schema', Shapes.SchemaSchema);
      const org = body.labels.find((l: { label: string }) => l.label === 'Organization');
      expect(org).toMatchObject({ count: 4, declared: true, caption: 'name' });
      expect(org.color).toMatch(/^#[0-9a-f]{6}$/i);
      expect(body.labels.map((l: { label: string }) => l.label)).not.toContain('Entity');
      expect(body.labels.map((l: { label: string }) => l.label)).not.toContain('Source');
      expect(body.relationshipTypes.find((t: { type: string }) => t.type === 'DISSOLVED')).toMatchObject({ count: 4, declared: true });
      // The index our loader creates, with the properties it covers and the command a foreign database would need.
      expect(body.search).toEqual({ mode: 'fulltext', index: 'entity_search', properties: expect.arrayContaining(['name']), command: 'npm run search-index' });
      expect(body.evidence).toBe(true);
      expect(org).toMatchObject({ captionProperties: ['name'], dateProperty: { name: 'date', format: 'temporal' } });
      expect(body.sourceCount).toBe(2);
    });
  });

  describe('search', () => {
    const search = async (q: string, extra = '') => {
      const body = await getValid(`/api/search?q=${encodeURIComponent(q)}${extra}`, Shapes.SearchResponseSchema);
      expect(body.mode).toBe('fulltext');
      return body.results as { node: { id: string; caption: string; labels: string[] }; score: number }[];
    };

    it('forgives a typo: "Kaural" finds Kaoural Renewal', async () => {
      expect((await search('Kaural'))[0]!.node.caption).toBe('Kaoural Renewal');
    });

    it('folds diacritics both ways: "Eleves" finds the AEEM (Elèves), "Goïta" finds Goita, "Sangare" finds Sangaré', async () => {
      expect((await search('Eleves'))[0]!.node.id).toBe('org/aeem');
      expect((await search('Goïta'))[0]!.node.caption).toBe('Assimi Goita');
      expect((await search('Sangare'))[0]!.node.caption).toBe('Alpha Yaya Sangaré');
      expect((await search('élections bonne gouvernance'))[0]!.node.id).toBe('org/observatory');
    });

    it('matches prefixes while typing, aliases in other languages, and ranks the whole name first', async () => {
      expect((await search('Kaou'))[0]!.node.caption).toBe('Kaoural Renewal');
      expect((await search('Kaoural Renouveau'))[0]!.node.id).toBe('org/kaoural-renewal');
      expect((await search('AEEM'))[0]!.node.id).toBe('org/aeem');
      const scores = (await search('Mali')).map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('filters by label, caps with limit, and finds an exact id', async () => {
      const people = await search('Alpha Goita Magango', '&labels=Person');
      expect(people.length).toBeGreaterThan(0);
      for (const r of people) expect(r.node.labels).toContain('Person');
      expect(await search('Kaoural', '&labels=Person')).toEqual([]);
      expect(await search('a', '&limit=2')).toHaveLength(2);
      expect((await search('org/cmas'))[0]!.node.id).toBe('org/cmas');
    });

    it('treats Lucene syntax in the query as plain words', async () => {
      expect(await search('*:* OR')).toBeDefined();
      expect((await search('Kaoural) AND (')).map((r) => r.node.id)).toContain('org/kaoural-renewal');
    });

    it('rejects bad parameters, naming them', async () => {
      await expectInvalid('/api/search', 'q');
      await expectInvalid('/api/search?q=', 'q');
      await expectInvalid('/api/search?q=x&limit=0', 'limit');
      await expectInvalid('/api/search?q=x&limit=abc', 'limit');
      await expectInvalid('/api/search?q=x&limit=101', 'limit');
      await expectInvalid('/api/search?q=x&color=red', 'color');
      await expectInvalid(`/api/search?q=${'x'.repeat(201)}`, 'q');
    });
  });

  describe('nodes', () => {
    it('answers a node with its evidence (offsets into the source text), degree and sources', async () => {
      const body = await getValid(nodePath('org/aeem'), Shapes.NodeDetailsSchema);
      expect(body.node).toMatchObject({ id: 'org/aeem', caption: 'Association of Pupils and Students of Mali', labels: expect.arrayContaining(['Organization']) });
      expect(body.node.properties.aliases).toContain('AEEM');
      expect(body.node.properties.evidenceQuotes).toBeUndefined();
      expect(body.evidence).toHaveLength(1);
      const [evidence] = body.evidence;
      expect(ARTICLE.slice(evidence.start, evidence.end)).toBe(evidence.quote);
      expect(body.degree).toBe(2);
      expect(body.relationshipTypes).toEqual([
        { type: 'ACCUSED', direction: 'in', count: 1 },
        { type: 'DISSOLVED', direction: 'in', count: 1 },
      ]);
      expect(body.sources).toEqual([expect.objectContaining({ id: 'src/hrw-2024-03-15', publisher: 'Human Rights Watch', hasText: true })]);
    });

    it('keeps evidence without offsets when the source text is not held', async () => {
      const { body } = await postJson(`${server.url}/api/cypher`, { query: "MATCH ()-[r {id: 'rel/dissolved-observatory'}]->() RETURN r" });
      expect(body.rows[0].r.id).toBe('rel/dissolved-observatory');
    });

    it('answers 404 for an unknown id and 400 for an over-long one', async () => {
      const missing = await get(nodePath('org/nowhere'));
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('not_found');
      expect(missing.body.error.message).toMatch(/^id:/);
      const unencoded = await get('/api/nodes/org/aeem');
      expect(unencoded.status).toBe(404);
      await expectInvalid(nodePath('x'.repeat(1001)), 'id');
    });
  });

  describe('neighbours', () => {
    const neighbors = async (id: string, query = '') => {
      const body = await getValid(`${nodePath(id)}/neighbors${query}`, Shapes.NeighborsSchema);
      return body;
    };

    it('expands with the true total, filtered by type and direction', async () => {
      const all = await neighbors('authority/junta');
      expect(all).toMatchObject({ total: 6, truncated: false, nextOffset: null, offset: 0, limit: 100 });
      expect(all.node.id).toBe('authority/junta');
      // Kaoural Renewal is both dissolved and accused: six relations, six nodes with the junta.
      expect(all.nodes).toHaveLength(6);
      const dissolved = await neighbors('authority/junta', '?types=DISSOLVED');
      expect(dissolved.total).toBe(3);
      expect(dissolved.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['authority/junta', 'org/cmas', 'org/kaoural-renewal', 'org/observatory']);
      const incoming = await neighbors('authority/junta', '?direction=in');
      expect(incoming.total).toBe(1);
      expect(incoming.edges[0]).toMatchObject({ type: 'LEADS', source: 'person/assimi-goita', target: 'authority/junta' });
      const two = await neighbors('authority/junta', '?types=DISSOLVED,LEADS&direction=both');
      expect(two.total).toBe(4);
    });

    it('pages a hub: limit, offset and nextOffset load "N more" without repeats', async () => {
      const seen = new Set<string>();
      let offset: number | null = 0;
      let pages = 0;
      while (offset !== null) {
        const page = await neighbors('authority/junta', `?limit=4&offset=${offset}`);
        for (const edge of page.edges) seen.add(edge.id);
        expect(page.truncated).toBe(page.nextOffset !== null);
        offset = page.nextOffset;
        pages++;
      }
      expect(pages).toBe(2);
      expect(seen.size).toBe(6);
    });

    it('rejects bad parameters and unknown ids', async () => {
      await expectInvalid(`${nodePath('authority/junta')}/neighbors?limit=501`, 'limit');
      await expectInvalid(`${nodePath('authority/junta')}/neighbors?limit=0`, 'limit');
      await expectInvalid(`${nodePath('authority/junta')}/neighbors?offset=-1`, 'offset');
      await expectInvalid(`${nodePath('authority/junta')}/neighbors?direction=sideways`, 'direction');
      const missing = await get(`${nodePath('org/nowhere')}/neighbors`);
      expect(missing.status).toBe(404);
    });
  });

  describe('paths', () => {
    it('finds all shortest paths, in path order, with optional types', async () => {
      const body = await getValid('/api/paths?from=org%2Fkaoural-renewal&to=person%2Fassimi-goita', Shapes.PathsSchema);
      expect(body.maxLength).toBe(4);
      expect(body.paths.length).toBeGreaterThanOrEqual(1);
      for (const p of body.paths) {
        expect(p.length).toBe(2);
        expect(p.nodes.map((n: { id: string }) => n.id)).toEqual(['org/kaoural-renewal', 'authority/junta', 'person/assimi-goita']);
      }
      // Two relations join Kaoural Renewal to the junta (dissolved, accused): two shortest paths.
      expect(body.paths).toHaveLength(2);
      const onlyDissolved = await get('/api/paths?from=org%2Fkaoural-renewal&to=person%2Fassimi-goita&types=DISSOLVED,LEADS');
      expect(onlyDissolved.body.paths).toHaveLength(1);
      const none = await get('/api/paths?from=org%2Fkaoural-renewal&to=person%2Fassimi-goita&types=LEADS');
      expect(none.body.paths).toEqual([]);
      const short = await get('/api/paths?from=org%2Fkaoural-renewal&to=person%2Fassimi-goita&maxLength=1');
      expect(short.body.paths).toEqual([]);
    });

    it('rejects maxLength above 6, missing and equal ends, and answers 404 naming the unknown end', async () => {
      const invalid = [
        ['from=org%2Faeem&to=org%2Fcmas&maxLength=7', 'maxLength'],
        ['to=org%2Fcmas', 'from'],
        ['from=org%2Faeem', 'to'],
        ['from=org%2Faeem&to=org%2Faeem', 'to'],
      ] as const;
      for (const [query, parameter] of invalid) await expectInvalid(`/api/paths?${query}`, parameter);
      const unknown = await get('/api/paths?from=org%2Faeem&to=org%2Fnowhere');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toMatch(/^to:/);
    });
  });

  describe('timeline', () => {
    it('lists dated events and relations in date order with precision, inferred flag and participants', async () => {
      const body = await getValid('/api/timeline', Shapes.TimelineSchema);
      const dates = body.events.map((e: { date: string }) => e.date);
      expect(dates).toEqual([...dates].sort());
      expect(body).toMatchObject({ total: 6, truncated: false });
      expect(body.events[0]).toMatchObject({ id: 'event/coup-2021', kind: 'node', date: '2021-01-01', precision: 'year', inferred: false, type: 'Event' });
      const observatory = body.events.find((e: { id: string }) => e.id === 'rel/dissolved-observatory');
      expect(observatory).toMatchObject({ kind: 'relationship', date: '2023-12-20', precision: 'day', inferred: true, type: 'DISSOLVED' });
      expect(observatory.caption).toBe('Malian junta dissolved Observatory for Elections and Good Governance');
      expect(observatory.participants).toEqual([
        { id: 'authority/junta', caption: 'Malian junta', labels: expect.arrayContaining(['Authority']), role: 'from' },
        { id: 'org/observatory', caption: 'Observatory for Elections and Good Governance', labels: expect.arrayContaining(['Organization']), role: 'to' },
      ]);
      expect(observatory.evidence.map((e: { sourceId: string }) => e.sourceId)).toEqual(['src/hrw-2024-03-15', 'src/maliactu-2023-12']);
      const aeem = body.events.find((e: { id: string }) => e.id === 'rel/dissolved-aeem');
      expect(aeem).toMatchObject({ date: '2024-03-01', precision: 'month' });
    });

    it('filters by overlapping date range and by type', async () => {
      const march = await get('/api/timeline?from=2024-03-05&to=2024-03');
      // The month-precision AEEM dissolution overlaps the range; the March 4 disappearance does not.
      expect(march.body.events.map((e: { id: string }) => e.id)).toEqual(['rel/dissolved-aeem', 'rel/dissolved-cmas']);
      const until2023 = await get('/api/timeline?to=2023');
      expect(until2023.body.events.map((e: { id: string }) => e.id)).toEqual(['event/coup-2021', 'rel/dissolved-observatory']);
      const dissolutions = await get('/api/timeline?types=DISSOLVED');
      expect(dissolutions.body.total).toBe(4);
      const limited = await get('/api/timeline?limit=2');
      expect(limited.body).toMatchObject({ total: 6, truncated: true });
      expect(limited.body.events).toHaveLength(2);
    });

    it('rejects malformed dates and limits, naming the parameter', async () => {
      await expectInvalid('/api/timeline?from=2024-13', 'from');
      await expectInvalid('/api/timeline?to=2024-02-30', 'to');
      await expectInvalid('/api/timeline?from=March', 'from');
      await expectInvalid('/api/timeline?limit=2001', 'limit');
    });
  });

  describe('sources', () => {
    it('lists the source records with what each supports', async () => {
      const body = await getValid('/api/sources', Shapes.SourcesSchema);
      expect(body.sources.map((s: { id: string }) => s.id)).toEqual(['src/maliactu-2023-12', 'src/hrw-2024-03-15']);
      const hrw = body.sources[1];
      expect(hrw).toMatchObject({ hasText: true, publisher: 'Human Rights Watch', published: '2024-03-15', language: 'en', statementCount: 20 });
      expect(body.sources[0]).toMatchObject({ hasText: false, statementCount: 1 });
      expect(hrw.text).toBeUndefined();
    });

    it('gives one source with its text and every statement, whose offsets select the quote', async () => {
      const body = await getValid(`/api/sources/${encodeURIComponent('src/hrw-2024-03-15')}`, Shapes.SourceDetailsSchema);
      expect(body.source.text).toBe(ARTICLE);
      expect(body.statements).toHaveLength(20);
      const starts = body.statements.map((s: { start: number }) => s.start);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      for (const s of body.statements) expect(body.source.text.slice(s.start, s.end)).toBe(s.quote);
      expect(body.statements.find((s: { id: string }) => s.id === 'rel/accused-kaoural')).toMatchObject({ kind: 'relationship', type: 'ACCUSED', caption: 'Malian junta —ACCUSED→ Kaoural Renewal' });
      const excerpt = await get(`/api/sources/${encodeURIComponent('src/maliactu-2023-12')}`);
      expect(excerpt.body.source.text).toBeNull();
      expect(excerpt.body.statements).toEqual([expect.objectContaining({ id: 'rel/dissolved-observatory', quote: '« de nature à troubler l’ordre public »' })]);
      expect(excerpt.body.statements[0].start).toBeUndefined();
    });

    it('answers 404 for an unknown source', async () => {
      const { status, body } = await get('/api/sources/src%2Fnowhere');
      expect(status).toBe(404);
      expect(body.error.code).toBe('not_found');
    });
  });

  describe('export', () => {
    const ids = ['authority/junta', 'org/kaoural-renewal', 'org/observatory', 'org/nowhere'].map(encodeURIComponent).join(',');

    it('exports JSON with evidence, the edges among the ids, and the ids it could not find', async () => {
      const response = await fetch(`${server.url}/api/export?ids=${ids}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="?civic-graph-export\.json"?$/);
      const body = Shapes.ExportJsonSchema.parse(await response.json());
      expect(body.nodes.map((n) => n.id).sort()).toEqual(['authority/junta', 'org/kaoural-renewal', 'org/observatory']);
      expect(body.edges.map((e) => e.id).sort()).toEqual(['rel/accused-kaoural', 'rel/dissolved-kaoural', 'rel/dissolved-observatory']);
      expect(body.missing).toEqual(['org/nowhere']);
      expect(body.edges.find((e) => e.id === 'rel/accused-kaoural')!.evidence[0]!.quote).toMatch(/defamatory and subversive remarks/);
    });

    it('exports CSV nodes and edges tables with Gephi columns', async () => {
      const nodes = await (await fetch(`${server.url}/api/export?ids=${ids}&format=csv`)).text();
      const nodeLines = nodes.trim().split('\r\n');
      expect(nodeLines[0]).toMatch(/^Id,Label,labels,/);
      expect(nodeLines).toHaveLength(4);
      const edgesResponse = await fetch(`${server.url}/api/export?ids=${ids}&format=csv&part=edges`);
      expect(edgesResponse.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(edgesResponse.headers.get('content-disposition')).toMatch(/civic-graph-export-edges\.csv/);
      const edgeLines = (await edgesResponse.text()).trim().split('\r\n');
      expect(edgeLines[0]).toMatch(/^Source,Target,Type,Id,Label,relationship,/);
      expect(edgeLines).toHaveLength(4);
      expect(edgeLines.some((l) => l.startsWith('authority/junta,org/kaoural-renewal,Directed,rel/dissolved-kaoural,DISSOLVED,DISSOLVED,'))).toBe(true);
    });

    it('exports well-formed GraphML with declared keys, also from a POST body', async () => {
      const response = await fetch(`${server.url}/api/export`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ids: ['authority/junta', 'org/kaoural-renewal', 'org/observatory'], format: 'graphml' }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/graphml\+xml/);
      const xml = await response.text();
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml.match(/<node /g)).toHaveLength(3);
      expect(xml.match(/<edge /g)).toHaveLength(3);
      const declared = new Set([...xml.matchAll(/<key id="([^"]+)"/g)].map((m) => m[1]));
      for (const used of xml.matchAll(/<data key="([^"]+)"/g)) expect(declared.has(used[1])).toBe(true);
      expect(xml).toContain('“defamatory and subversive remarks”');
    });

    it('answers the same nodes and edges from POST /api/subgraph, with colours, and 404 when no id is known', async () => {
      const { status, body } = await postJson(`${server.url}/api/subgraph`, { ids: ['authority/junta', 'org/kaoural-renewal', 'org/observatory', 'org/nowhere'] });
      expect(status).toBe(200);
      const graph = Shapes.SubgraphWithEvidenceSchema.parse(body);
      const exported = Shapes.ExportJsonSchema.parse(await (await fetch(`${server.url}/api/export?ids=${ids}`)).json());
      expect(graph.nodes.map(({ color: _, ...n }) => n)).toEqual(exported.nodes);
      expect(graph.edges.map(({ color: _, ...e }) => e)).toEqual(exported.edges);
      expect(graph.missing).toEqual(['org/nowhere']);
      expect(graph.nodes.every((n) => typeof n.color === 'string')).toBe(true);
      expect((await postJson(`${server.url}/api/subgraph`, { ids: ['org/nowhere'] })).status).toBe(404);
      const empty = await postJson(`${server.url}/api/subgraph`, { ids: [] });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toMatch(/^ids:/);
    });

    it('rejects a missing id list or an unknown format, and answers 404 when no id is known', async () => {
      await expectInvalid('/api/export', 'ids');
      await expectInvalid('/api/export?ids=', 'ids');
      await expectInvalid('/api/export?ids=org%2Faeem&format=pdf', 'format');
      await expectInvalid('/api/export?ids=org%2Faeem&format=csv&part=both', 'part');
      const none = await get('/api/export?ids=org%2Fnowhere');
      expect(none.status).toBe(404);
      const post = await postJson(`${server.url}/api/export`, { ids: [] });
      expect(post.status).toBe(400);
      expect(post.body.error.message).toMatch(/^ids:/);
    });
  });

  describe('overview and examples', () => {
    it('draws a capped overview without sources', async () => {
      const body = await getValid('/api/graph?limit=5', Shapes.OverviewSchema);
      expect(body.nodes).toHaveLength(5);
      expect(body).toMatchObject({ total: 11, truncated: true });
      await expectInvalid('/api/graph?limit=0', 'limit');
      await expectInvalid('/api/graph?limit=2001', 'limit');
    });

    it('offers titled example queries that each run in the console with their parameters', async () => {
      const body = await getValid('/api/queries', Shapes.NamedQueriesSchema);
      const titles = body.queries.map((q: { title: string }) => q.title);
      expect(titles).toEqual(expect.arrayContaining(['Dissolutions in date order', 'Who accused whom of what', 'Everything one source states', 'Actors within two hops of an actor']));
      for (const query of body.queries) {
        const result = await postJson(`${server.url}/api/cypher`, { query: query.cypher, params: query.params });
        expect(result.status, query.name).toBe(200);
        expect(result.body.rows.length, query.name).toBeGreaterThan(0);
      }
      const dissolutions = await postJson(`${server.url}/api/cypher`, { query: body.queries.find((q: { name: string }) => q.name === 'example-dissolutions').cypher });
      expect(dissolutions.body.rows.map((r: { dissolved: string }) => r.dissolved)).toEqual([
        'Observatory for Elections and Good Governance',
        'Kaoural Renewal',
        'Association of Pupils and Students of Mali',
        'Coordination of Movements, Associations, and Sympathizers of Imam Mahmoud Dicko',
      ]);
    });
  });
});
