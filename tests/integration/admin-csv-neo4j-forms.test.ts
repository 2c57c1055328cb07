// A neo4j-admin folder written the way Neo4j's own manual writes them (operations manual, "Import": the movies, actors
// and roles example with header files apart from compressed data files, a bare :ID beside an ordinary id column, ID
// spaces, :IGNORE, lists, a node file without :ID) imports as neo4j-admin database import would take it, and is explored
// through the API: captions (a person's name and surname joined), ids in their id spaces, neighbours, search, exports
// holding only what the files stored. Fictitious films and people.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderSourceId, importAdminFolder, type AdminImportResult } from '../../ingest/bulk/admin.ts';
import { COMPUTED_PROPERTIES } from '../../model/index.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { zip } from '../support/zip.ts';
import { getJson, nodePath, startApiServer, stopAndEmpty } from './api-support.ts';
import { refusedAdminFolder } from './seed-support.ts';

const EVIDENCE = { evidenceSource: 'https://films.example.org/exports/2024', publisher: 'Fictitious Film Archive' };

/** The manual's compressed-files example: `actors-header.csv actors.csv.zip movies-header.csv movies.csv.gz roles-header.csv roles.csv.gz`. */
function writeFolder(dir: string): void {
  const write = (name: string, data: string | Buffer) => writeFileSync(path.join(dir, name), data);
  write('movies-header.csv', 'movieId:ID(Movie-ID),title,year:int,genres:string[],:LABEL\n');
  write('movies.csv.gz', gzipSync('m1,"Lantern Harbour",1999,drama;mystery,Film\nm2,"Salt, Wind and Iron",2003,drama,Film\n'));
  // A bare :ID (joins the roles, stored nowhere) and an ordinary `id` property; a person's name in two columns; a column skipped.
  write('actors-header.csv', ':ID(Actor-ID),id,name,surname,born:int,:LABEL,:IGNORE\n');
  write('actors.csv.zip', zip({ 'actors.csv': 'a1,P-001,Amanda,Alexander,1971,Performer,internal note\na2,P-002,Brian,Bishop,1965,Performer,internal note\n' }));
  // Several files per label: one more with its own header line, names on :LABEL and :IGNORE ignored as neo4j-admin ignores them.
  write('more-actors.csv', ':ID(Actor-ID),id,name,surname,born:int,kind:LABEL,x:IGNORE\na3,P-003,Carol,Cole,1980,Performer,-\n');
  write('roles-header.csv', ':START_ID(Actor-ID),role,:END_ID(Movie-ID),:TYPE\n');
  write('roles.csv.gz', gzipSync('a1,Keeper,m1,ACTED_IN\na2,Ferryman,m1,ACTED_IN\na3,Navigator,m2,ACTED_IN\n'));
  // Nodes without :ID: neo4j-admin imports them unconnected; ours are named by their file and line.
  write('awards.csv', 'title,:LABEL,year:int\nGolden Lantern,Award,2001\n');
}

describe("a neo4j-admin folder in the header forms of Neo4j's own manual", () => {
  const db = testDatabase();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'admin-forms-'));
  let server: Awaited<ReturnType<typeof startApiServer>>;
  let result: AdminImportResult;

  beforeAll(async () => {
    await resetDatabase(db);
    writeFolder(dir);
    result = await importAdminFolder(db, dir, EVIDENCE);
    server = await startApiServer(db, { security: { rateLimits: false } });
  });

  afterAll(async () => {
    await stopAndEmpty(db, server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports every row: header files for the gzip and zip parts, several files per label, nodes without :ID', () => {
    expect(result.counts.byLabel).toMatchObject({ Film: 2, Performer: 3, Award: 1 });
    expect(result.counts.relations.created).toBe(3);
    expect(result.inferred.files.filter((f) => f.header).map((f) => [path.basename(f.file), path.basename(f.header!)])).toEqual([
      ['actors.csv.zip', 'actors-header.csv'],
      ['movies.csv.gz', 'movies-header.csv'],
      ['roles.csv.gz', 'roles-header.csv'],
    ]);
    const performer = result.inferred.labels.find((l) => l.label === 'Performer')!;
    expect(performer).toMatchObject({ caption: 'name', captionColumns: ['name', 'surname'], properties: { idValue: 'string', surname: 'string', born: 'number', givenName: 'string' } });
  });

  it('captions a person with name and surname joined, and shows the other columns as stored', async () => {
    const { body } = await getJson(`${server.url}${nodePath('actor-id/a1')}`);
    expect(body.node).toMatchObject({ labels: expect.arrayContaining(['Performer']), caption: 'Amanda Alexander' });
    expect(body.node.properties).toMatchObject({ name: 'Amanda Alexander', givenName: 'Amanda', surname: 'Alexander', idValue: 'P-001', born: 1971 });
    // The bare :ID is stored nowhere (its value only joined the roles), the :IGNORE column neither.
    expect(Object.values(body.node.properties)).not.toContain('a1');
    expect(Object.values(body.node.properties)).not.toContain('internal note');
    expect(body.evidence).toEqual([{ sourceId: folderSourceId(dir), level: 'document' }]);
    const { body: film } = await getJson(`${server.url}${nodePath('movie-id/m2')}`);
    expect(film.node).toMatchObject({ caption: 'Salt, Wind and Iron' });
    expect(film.node.properties).toMatchObject({ movieId: 'm2', year: 2003, genres: ['drama'] });
  });

  it('finds people by their full name and joins them to films across the id spaces', async () => {
    const { body } = await getJson(`${server.url}/api/search?q=${encodeURIComponent('amanda alexander')}`);
    expect(body.results.map((r: { node: { id: string } }) => r.node.id)).toContain('actor-id/a1');
    const { body: around } = await getJson(`${server.url}${nodePath('movie-id/m1')}/neighbors`);
    expect(around.edges.map((e: { type: string; properties: { role: string } }) => [e.type, e.properties.role]).sort()).toEqual([['ACTED_IN', 'Ferryman'], ['ACTED_IN', 'Keeper']]);
    expect(around.nodes.map((n: { caption: string }) => n.caption)).toEqual(expect.arrayContaining(['Amanda Alexander', 'Brian Bishop', 'Lantern Harbour']));
    const { body: award } = await getJson(`${server.url}${nodePath('awards/line-2')}`);
    expect(award.node).toMatchObject({ labels: expect.arrayContaining(['Award']), caption: 'Golden Lantern' });
  });

  it('exports only what was stored: the columns of each format are the stored properties less computed storage', async () => {
    const { body } = await getJson(`${server.url}${nodePath('actor-id/a1')}`);
    const stored = Object.keys(body.node.properties);
    expect(stored).toContain('searchText');
    const expected = stored.filter((key) => !COMPUTED_PROPERTIES.has(key)).sort();
    expect(expected).toEqual(expect.arrayContaining(['born', 'givenName', 'idValue', 'name', 'surname']));
    const exported = async (format: string) => {
      const response = await fetch(`${server.url}/api/export?ids=actor-id/a1&format=${format}`);
      expect(response.status).toBe(200);
      return response.text();
    };
    expect((await exported('csv')).split('\r\n')[0]).toBe(['Id', 'Label', 'labels', ...expected, 'evidence_sources', 'evidence_quotes'].join(','));
    expect(Object.keys(JSON.parse(await exported('json')).nodes[0].properties).sort()).toEqual(expected);
    for (const format of ['graphml', 'gexf', 'ftm']) expect(await exported(format)).not.toContain('searchText');
  });

  it('a rerun creates nothing', async () => {
    const again = await importAdminFolder(db, dir, EVIDENCE);
    expect(again.counts.entities.created + again.counts.relations.created + again.counts.sources.created).toBe(0);
  });

  it('refuses what neo4j-admin refuses, with its kind of message, and writes nothing', async () => {
    const issues = await refusedAdminFolder(db, { 'people.csv': 'id:ID,id,name,:LABEL\np1,P-001,Dana,Witness\n' }, EVIDENCE);
    expect(issues).toEqual([expect.objectContaining({ path: 'header', message: "duplicate header entries: 'id:ID' and 'id' both name the property 'id'" })]);
  });
});
