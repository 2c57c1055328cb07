// A neo4j-admin folder in the header forms of Neo4j's own manual, checked without a database (validateAdminFolder):
// what is inferred from it, and what is refused, with neo4j-admin's kind of message. The import itself, and exploring
// it, is tests/integration/admin-csv-import.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeInference, validateAdminFolder } from '../../ingest/bulk/admin.ts';
import { DatasetError } from '../../ingest/errors.ts';

const EVIDENCE = { evidenceSource: 'https://films.example.org/export', publisher: 'Fictitious Film Archive' };

describe('a neo4j-admin folder in Neo4j\'s own header forms', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'admin-folder-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string | Buffer) => writeFileSync(path.join(dir, name), text);

  it('takes a bare :ID beside an id property, id spaces, a header file for gzip parts, :IGNORE, lists, nodes without :ID', async () => {
    write('films_header.csv', 'filmId:ID(Film),title,year:int,genres:string[],:LABEL\n');
    write('films.csv.gz', gzipSync('f1,Lantern Harbour,1999,drama;mystery,Film\nf2,"Salt, Wind",2003,drama,Film\n'));
    write('people.csv', ':ID(Person),id,name,surname,:LABEL,:IGNORE\np1,P-001,Amanda,Alexander,Filmmaker,x\np2,P-002,Brian,Bishop,Filmmaker,y\n');
    write('roles.csv', ':START_ID(Person),role,:END_ID(Film),:TYPE\np1,director,f1,WORKED_ON\np2,editor,f2,WORKED_ON\n');
    write('awards.csv', 'name,:LABEL,year:int\nGolden Lantern,Award,2001\n');
    const result = await validateAdminFolder(dir, EVIDENCE);
    expect(result.records).toEqual({ sources: 1, entities: 5, relations: 2 });
    const byLabel = Object.fromEntries(result.inferred.labels.map((l) => [l.label, l]));
    // The bare :ID is not stored; the ordinary id column is (as idValue, id being our own); the name joins name and surname.
    expect(byLabel.Filmmaker).toMatchObject({ caption: 'name', captionColumns: ['name', 'surname'], keepNameAs: 'givenName', properties: { idValue: 'string', surname: 'string', givenName: 'string' }, renamed: { id: 'idValue', name: 'givenName' } });
    expect(byLabel.Film).toMatchObject({ caption: 'title', properties: { filmId: 'string', title: 'string', year: 'number', genres: 'string[]' } });
    expect(byLabel.Award).toMatchObject({ caption: 'name', properties: { year: 'number' } });
    expect(result.inferred.relations).toEqual([expect.objectContaining({ type: 'WORKED_ON', from: ['Filmmaker'], to: ['Film'], properties: { role: 'string' } })]);
    const lines = describeInference(result.inferred).join('\n');
    expect(lines).toContain('films.csv.gz: header from films_header.csv');
    expect(lines).toContain('caption name (name from columns name and surname joined)');
    expect(lines).toContain('column id -> property idValue');
  });

  it('joins composite ids and reads an id space with {id-type:long} as whole numbers', async () => {
    write('pairs.csv', ':ID(Q),:ID(Q),name,:LABEL\naa,11,John,Pair\nbb,22,Paul,Pair\n');
    write('members.csv', 'memberNo:ID(M){id-type:long},full_name,:LABEL\n007,Jo Bloggs,Member\n8,Al Smith,Member\n');
    write('works.csv', ':START_ID(Q),:END_ID(Q),:TYPE\naa11,bb22,WORKS_WITH\n');
    write('knows.csv', ':START_ID(M),:END_ID(M),:TYPE\n7,08,KNOWS\n');
    const result = await validateAdminFolder(dir, EVIDENCE);
    expect(result.records.relations).toBe(2);
    expect(result.inferred.relations.map((r) => [r.type, r.from, r.to])).toEqual([['KNOWS', ['Member'], ['Member']], ['WORKS_WITH', ['Pair'], ['Pair']]]);
  });

  it('refuses what neo4j-admin refuses, each header problem on its own line', async () => {
    write('dup.csv', 'id:ID,id,:LABEL\n1,2,X\n');
    write('types.csv', ':ID,x:foo,:LABEL,y:ignore\n1,2,X,3\n');
    write('rel.csv', ':START_ID,:TYPE\n1,T\n');
    const error = (await validateAdminFolder(dir, EVIDENCE).catch((e: unknown) => e)) as DatasetError;
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.issues.map((i) => [path.basename(i.file), i.message])).toEqual([
      ['dup.csv', "duplicate header entries: 'id:ID' and 'id' both name the property 'id'"],
      ['rel.csv', 'missing header of type END_ID: a relationships file needs :START_ID and :END_ID'],
      ['types.csv', expect.stringContaining("column 2 'x:foo': type 'foo' is not supported: unknown property type")],
      ['types.csv', expect.stringContaining("column 4 'y:ignore': unexpected node header type 'ignore'")],
    ]);
  });
});
