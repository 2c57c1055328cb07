// The offline importer's CSV (ingest/bulk/offline-csv.ts): typed headers written last, short rows, the lists an empty
// cell cannot say set afterwards, and a refusal (before anything is imported) for what one CSV column cannot carry.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARRAY_DELIMITER, OfflineCsvWriter, OfflineUnsupportedError } from '../../ingest/bulk/offline-csv.ts';

const entity = (id: string, props: Record<string, unknown>, dates: Record<string, string | null> = {}) => ({
  kind: 'entity' as const,
  group: 'Person',
  row: { id, props: { id, ...props }, dates },
});

describe('offline importer CSV', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-offline-csv-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('types each column from its values, writes the header last and leaves earlier rows short', async () => {
    const writer = new OfflineCsvWriter(dir);
    await writer.write(entity('p/1', { name: 'Ann "A"', n: 3 }, { date: '2020-01-02', endDate: null }));
    await writer.write(entity('p/2', { name: 'Bob', n: 4, score: 1.5, ok: true, aliases: ['x', 'y'] }));
    await writer.write({ barrier: true });
    await writer.write({ kind: 'relation', group: 'KNOWS', row: { id: 'r/1', from: 'p/1', to: 'p/2', props: { id: 'r/1', starts: [1, 2] }, dates: {} } });
    const out = await writer.close();
    expect(out.args).toEqual([
      `--nodes=Entity:Person=${path.join(dir, 'entity-Person-header.csv')},${path.join(dir, 'entity-Person.csv')}`,
      `--relationships=KNOWS=${path.join(dir, 'relation-KNOWS-header.csv')},${path.join(dir, 'relation-KNOWS.csv')}`,
    ]);
    expect(readFileSync(path.join(dir, 'entity-Person-header.csv'), 'utf8')).toBe('id:ID(Entity),name:string,n:long,date:date,score:double,ok:boolean,aliases:string[]\n');
    expect(readFileSync(path.join(dir, 'entity-Person.csv'), 'utf8')).toBe(
      `"p/1","Ann ""A""",3,"2020-01-02"\n"p/2","Bob",4,,1.5,true,"x${ARRAY_DELIMITER}y"\n`,
    );
    expect(readFileSync(path.join(dir, 'relation-KNOWS-header.csv'), 'utf8')).toBe(':START_ID(Entity),:END_ID(Entity),id:string,starts:long[]\n');
    expect(readFileSync(path.join(dir, 'relation-KNOWS.csv'), 'utf8')).toBe(`"p/1","p/2","r/1",1${ARRAY_DELIMITER}2\n`);
    expect(out.counts).toEqual({ sources: 0, entities: 2, relations: 1 });
    expect(out.multiline).toBe(false);
  });

  it('sets [] and [\'\'] afterwards, by id, since the importer reads an empty cell as no property', async () => {
    const writer = new OfflineCsvWriter(dir);
    await writer.write(entity('p/1', { aliases: [], aliasLanguages: [] }));
    await writer.write(entity('p/2', { aliases: ['A'], aliasLanguages: [''] }));
    await writer.write(entity('p/3', { aliases: [], aliasLanguages: [] }));
    await writer.write(entity('p/4', { aliases: ['A', 'B'], aliasLanguages: ['', ''] }));
    const out = await writer.close();
    expect(out.fixups).toEqual([
      { kind: 'entity', group: 'Person', values: { aliases: [], aliasLanguages: [] }, ids: ['p/1', 'p/3'] },
      { kind: 'entity', group: 'Person', values: { aliasLanguages: [''] }, ids: ['p/2'] },
    ]);
    // Two empty strings are a delimiter alone, which the importer reads as two empty strings.
    expect(readFileSync(path.join(dir, 'entity-Person.csv'), 'utf8').split('\n')[3]).toBe(`"p/4","A${ARRAY_DELIMITER}B","${ARRAY_DELIMITER}"`);
  });

  it('notices text with line breaks (the importer must then read multi-line fields)', async () => {
    const writer = new OfflineCsvWriter(dir);
    await writer.write(entity('p/1', { name: 'two\nlines' }));
    expect((await writer.close()).multiline).toBe(true);
  });

  it('refuses what one CSV column cannot carry exactly', async () => {
    const cases: Record<string, unknown>[] = [{ n: 1.5 }, { n: 'text' }];
    const writer = new OfflineCsvWriter(dir);
    await writer.write(entity('p/1', { n: 1 }));
    for (const props of cases) await expect(writer.write(entity('p/2', props))).rejects.toBeInstanceOf(OfflineUnsupportedError);
    await expect(writer.write(entity('p/3', { list: [`a${ARRAY_DELIMITER}b`] }))).rejects.toBeInstanceOf(OfflineUnsupportedError);
    await expect(writer.write(entity('p/4', { 'odd:name': 'x' }))).rejects.toBeInstanceOf(OfflineUnsupportedError);
    await expect(writer.write(entity('p/5', { mixed: [1, 'a'] }))).rejects.toBeInstanceOf(OfflineUnsupportedError);
    await writer.close();
  });
});
