// CSV headers as neo4j-admin database import reads them (ingest/bulk/header.ts): every form the Neo4j 5.26 operations
// manual shows is accepted, and what Neo4j 5.26's own header parser refuses is refused with its kind of message. The
// expectations were taken by running org.neo4j.internal.batchimport.input.csv.DataFactories (neo4j-import-util 5.26.30)
// on each header. Also: delimiters as neo4j-admin takes them, and gzip and zip files read as it reads them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../ingest/bulk/csv.ts';
import { parseCsvHeader, parseDelimiter, type CsvLayout } from '../../ingest/bulk/header.ts';
import { zip } from '../support/zip.ts';

const admin = (header: string) => parseCsvHeader(header.split(','), 'neo4j-admin');
const columns = (header: string) => {
  const layout = admin(header);
  if ('errors' in layout) throw new Error(layout.errors.join('; '));
  return layout.columns.map((c) => [c.role, c.name, c.group].filter(Boolean).join(' '));
};
const errors = (header: string) => {
  const layout = admin(header);
  return 'errors' in layout ? layout.errors.join('\n') : '';
};

describe('neo4j-admin headers: what Neo4j 5.26 accepts', () => {
  it.each([
    // Bare :ID (joins relationships, stored nowhere) beside an ordinary `id` property: the form the issue names.
    [':ID,id,name,:LABEL', ['id', 'property id', 'property name', 'label']],
    ['movieId:ID,title,year:int,:LABEL', ['id movieId', 'property title', 'property year', 'label']],
    ['personId:ID,name,:IGNORE,:LABEL', ['id personId', 'property name', 'ignore', 'label']],
    ['movieId:ID(Movie-ID),title,year:int,:LABEL', ['id movieId Movie-ID', 'property title', 'property year', 'label']],
    // Node files without :ID (imported unconnected), with two :ID columns (a composite id), with :LABEL twice.
    ['name,:LABEL', ['property name', 'label']],
    [':ID,:ID,name,:LABEL', ['id', 'id', 'property name', 'label']],
    ['personId:ID(MyGroup),memberId:ID(MyGroup),name,:LABEL', ['id personId MyGroup', 'id memberId MyGroup', 'property name', 'label']],
    [':ID,name,:LABEL,:LABEL', ['id', 'property name', 'label', 'label']],
    // Options in braces, types in any case, IGNORE with a name or a group, an empty entry skipped.
    [':ID,location:point{crs:WGS-84},when:datetime{timezone:Europe/Stockholm},:LABEL', ['id', 'property location', 'property when', 'label']],
    ['id:ID(GroupOne){id-type:long},name,:LABEL', ['id id GroupOne', 'property name', 'label']],
    [':id,name:Int,x:DATE[],:Label', ['id', 'property name', 'property x', 'label']],
    [':ID,x:IGNORE,y:IGNORE(foo),,:LABEL', ['id', 'ignore', 'ignore', 'ignore', 'label']],
    [':ID,a:float[],b:int[],c:boolean[],d:date[],e:string[],f:point[],g:datetime[],:LABEL', ['id', 'property a', 'property b', 'property c', 'property d', 'property e', 'property f', 'property g', 'label']],
    [':ID,s:string,c:char,b:byte,h:short,l:long,d:double,t:time,lt:localtime,ldt:localdatetime,du:duration,:LABEL', ['id', ...'s c b h l d t lt ldt du'.split(' ').map((n) => `property ${n}`), 'label']],
    // Relationship files: names on START_ID, END_ID and TYPE are ignored; `id` is a property; :TYPE may be lower case.
    [':START_ID,role,:END_ID,:TYPE', ['start', 'property role', 'end', 'type']],
    [':START_ID(Actor-ID),role,:END_ID(Movie-ID),:TYPE', ['start Actor-ID', 'property role', 'end Movie-ID', 'type']],
    ['a:START_ID,b:END_ID,c:TYPE,id', ['start', 'end', 'type', 'property id']],
    [':start_id,:end_id,:type,w:IGNORE', ['start', 'end', 'type', 'ignore']],
  ])('%s', (header, expected) => {
    expect(columns(header)).toEqual(expected);
  });

  it('reads the parts of an entry as neo4j-admin cuts them: options, then the group, then the type after the last colon', () => {
    const layout = admin('id:ID(Case){id-type:long},loc:point{crs:WGS-84},x:string:int,:LABEL') as CsvLayout;
    expect(layout.columns[0]).toMatchObject({ role: 'id', name: 'id', group: 'Case', options: { 'id-type': 'long' } });
    expect(layout.columns[1]).toMatchObject({ role: 'property', name: 'loc', type: 'string', written: 'point', options: { crs: 'WGS-84' } });
    expect(layout.columns[2]).toMatchObject({ role: 'property', name: 'x:string', type: 'int' });
    expect(layout.kind).toBe('nodes');
    expect((admin(':START_ID,:END_ID,:TYPE') as CsvLayout).kind).toBe('relationships');
  });
});

describe('neo4j-admin headers: what Neo4j 5.26 refuses, with its kind of message', () => {
  it.each([
    ['id:ID,id,name,:LABEL', "duplicate header entries: 'id:ID' and 'id' both name the property 'id'"],
    [':ID,name,name,:LABEL', "duplicate header entries: 'name' and 'name' both name the property 'name'"],
    ['a:ID,a:ID,:LABEL', 'a composite id is stored only as its parts'],
    [':ID,x:foo,:LABEL', "column 2 'x:foo': type 'foo' is not supported: unknown property type"],
    [':ID,x:vector,:LABEL', "type 'vector' is not supported"],
    [':ID,name:,:LABEL', "type '' is not supported"],
    [':ID,x:IGNORE[],:LABEL', "type 'IGNORE[]' is not supported"],
    ['x:ID[],:LABEL', "type 'ID[]' is not supported"],
    [':ID,y:ignore,:LABEL', "unexpected node header type 'ignore' (a nodes file has :ID, :LABEL, :IGNORE and properties; neo4j-admin reads IGNORE in capitals only)"],
    [':ID,:TYPE,:LABEL', "unexpected node header type 'TYPE'"],
    [':START_ID,:END_ID,:TYPE,:ID', "unexpected relationship header type 'ID'"],
    [':START_ID,:END_ID,:TYPE,:LABEL', "unexpected relationship header type 'LABEL'"],
    [':START_ID,:TYPE', 'missing header of type END_ID'],
    [':END_ID,:TYPE', 'missing header of type START_ID'],
    [':START_ID,:END_ID,:TYPE,:TYPE', "duplicate header entries: ':TYPE' and ':TYPE'"],
    [':START_ID,:START_ID,:END_ID,:TYPE', "duplicate header entries: ':START_ID' and ':START_ID'"],
    [':START_ID,:END_ID,:TYPE,x:int,x', "duplicate header entries: 'x:int' and 'x' both name the property 'x'"],
    [':ID,p:point{crs:WGS-84,:LABEL', "expected a closing '}'"],
  ])('%s', (header, message) => {
    expect(errors(header)).toContain(message);
  });

  it('refuses what a folder cannot carry: labels or a type that neo4j-admin would take from its command line', () => {
    expect(errors(':ID,name')).toContain('has no :LABEL column: neo4j-admin would take the labels from its command line (--nodes=Label=FILE)');
    expect(errors(':START_ID,:END_ID')).toContain('has no :TYPE column');
  });

  it('keeps the bulk format stricter: one :ID and one :LABEL, every field of a row', () => {
    expect(parseCsvHeader(['name', ':LABEL'])).toEqual({ errors: [expect.stringContaining('a nodes file needs exactly one :ID column')] });
    expect(parseCsvHeader(['id:ID', ':LABEL', ':LABEL'])).toEqual({ errors: ['a nodes file needs exactly one :LABEL column'] });
    expect(parseCsvHeader(['id:ID', ':LABEL', 'name'])).toMatchObject({ kind: 'nodes', rules: 'bulk' });
  });
});

describe('delimiters as neo4j-admin takes them', () => {
  it.each([
    [';', ';'],
    ['|', '|'],
    ['TAB', '\t'],
    ['\\t', '\t'],
    ['U+007C', '|'],
    ['U+20AC', '€'],
    ['\\59', ';'],
    ['\\9', '\t'],
  ])('%s', (raw, value) => {
    expect(parseDelimiter(raw)).toEqual({ value });
  });

  it('refuses more than one character', () => {
    expect(parseDelimiter(';;')).toEqual({ error: expect.stringContaining("got ';;'") });
  });
});

describe('compressed files, read as neo4j-admin reads them', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bulk-header-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = 'movieId:ID,title,year:int,:LABEL\ntt0133093,"The Matrix",1999,Movie\ntt0234215,"The Matrix, Reloaded",2003,Movie\n';
  const read = async (file: string) => {
    const rows: string[][] = [];
    for await (const batch of readCsv(file)) for (const record of batch) rows.push(record.fields);
    return rows;
  };

  it('reads .csv.gz and a .csv.zip holding one file like the plain file', async () => {
    writeFileSync(path.join(dir, 'movies.csv'), text);
    writeFileSync(path.join(dir, 'movies.csv.gz'), gzipSync(text));
    writeFileSync(path.join(dir, 'movies.csv.zip'), zip({ 'movies.csv': text }));
    const plain = await read(path.join(dir, 'movies.csv'));
    expect(plain[2]).toEqual(['tt0234215', 'The Matrix, Reloaded', '2003', 'Movie']);
    expect(await read(path.join(dir, 'movies.csv.gz'))).toEqual(plain);
    expect(await read(path.join(dir, 'movies.csv.zip'))).toEqual(plain);
  });

  it('refuses a zip holding two files, and says a broken gzip cannot be decompressed', async () => {
    writeFileSync(path.join(dir, 'two.csv.zip'), zip({ 'a.csv': text, 'b.csv': text }));
    await expect(read(path.join(dir, 'two.csv.zip'))).rejects.toThrow('holds 2 files; neo4j-admin reads a zip archive holding exactly one');
    writeFileSync(path.join(dir, 'broken.csv.gz'), gzipSync(text).subarray(0, 20));
    await expect(read(path.join(dir, 'broken.csv.gz'))).rejects.toThrow('cannot be decompressed');
  });
});
