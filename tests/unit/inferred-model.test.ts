// The inferred model of a foreign database: caption parts, date formats and the typo-tolerant name scan (its looks: looks.test.ts).
import { describe, expect, it } from 'vitest';
import { chooseCaptionProperties, textKind } from '../../model/index.ts';
import { captionResolverFor } from '../../server/services/catalog-labels.ts';
import { chooseDateProperty, inferDateFormat, inferLabel, parseDateValue } from '../../server/services/inferred-model.ts';
import { namesScanPattern, oneTypoVariants, spellingScore } from '../../server/services/search-text.ts';
import { NameIndex, NameIndexCache, withinOneEdit, wordMatches } from '../../server/services/name-index.ts';
import type { Database } from '../../db/database.ts';

const text = (key: string, values: string[], seen = values.length) => ({ key, type: 'string', seen, values });

describe('captions', () => {
  it("joins a person's name parts in reading order, whatever their spelling", () => {
    expect(chooseCaptionProperties([text('lastName', ['Vantroué']), text('uid', ['person-1']), text('firstName', ['Avelin'])])).toEqual(['firstName', 'lastName']);
    expect(chooseCaptionProperties([text('family_name', ['B']), text('given_name', ['A'])])).toEqual(['given_name', 'family_name']);
    expect(chooseCaptionProperties([text('first_name', ['A']), text('last_name', ['B'])])).toEqual(['first_name', 'last_name']);
    expect(chooseCaptionProperties([text('forename', ['A']), text('surname', ['B'])])).toEqual(['forename', 'surname']);
    expect(chooseCaptionProperties([text('nom', ['Diarra']), text('prénom', ['Awa'])])).toEqual(['prénom', 'nom']);
  });

  it('prefers readable text over times of day, years, numbers, hashes, dates and ids', () => {
    const meeting = [text('startsAt', ['09:30', '10:15', '11:00', '08:45']), text('topic', ['Réunion Kora 1', 'Réunion Velm 2', 'Assemblée', 'Bilan']), text('uid', ['meeting-1', 'meeting-2'])];
    expect(chooseCaptionProperties(meeting)).toEqual(['topic']);
    const document = [text('sha256', ['3f9a0c1be27d44aa9f0e7c3b2a1d5e6f', 'a1b2c3d4e5f60718293a4b5c6d7e8f90']), text('filed', ['2012', '2013']), text('summary', ['Procès-verbal de séance', 'Lettre du bureau'])];
    expect(chooseCaptionProperties(document)).toEqual(['summary']);
    expect(chooseCaptionProperties([text('when', ['12/03/2020', '13/04/2021']), text('place', ['Kora', 'Velm'])])).toEqual(['place']);
    expect(chooseCaptionProperties([text('reference', ['TX1000001', 'TX1000002', 'TX1000003', 'TX1000004']), text('currency', ['VLR', 'VLR', 'VLR', 'VLR'])])).toEqual(['reference']);
    expect(chooseCaptionProperties([text('uid', ['x-1'])])).toEqual(['uid']);
    expect(chooseCaptionProperties([{ key: 'stars', type: 'number', seen: 1, values: [3] }])).toEqual([]);
  });

  it('tells what a value looks like', () => {
    expect(['09:30', '2012', '2020-03-01', '12/03/2020', 'person-12', '3f9a0c1be27d44aa9f0e', 'Réunion Kora'].map(textKind)).toEqual([
      'time', 'number', 'date', 'date', 'code', 'hash', 'readable',
    ]);
  });

  it('resolves composed captions, and reads dates by format when given the dates', () => {
    const caption = captionResolverFor(new Map([['Person', ['firstName', 'lastName']]]), new Map([['Person', { name: 'birthDate', format: 'dd/MM/yyyy' as const }]]));
    expect(caption(['Person'], { firstName: 'Avelin', lastName: 'Vantroué', birthDate: '13/04/1971' })).toBe('Avelin Vantroué');
    expect(caption(['Person'], { lastName: 'Vantroué' })).toBe('Vantroué');
    expect(caption.date?.(['Person'], { birthDate: '13/04/1971' })).toBe('1971-04-13');
    expect(caption.date?.(['Person'], { birthDate: '31/02/1971' })).toBeUndefined();
  });
});

describe('dates', () => {
  it('recognises Neo4j temporals, integer years and date strings from a sample', () => {
    expect(inferDateFormat('opened', 'DATE NOT NULL', ['2020-01-02'])).toBe('temporal');
    expect(inferDateFormat('at', 'ZONED DATETIME NOT NULL', ['2020-01-02T10:00:00Z'])).toBe('temporal');
    expect(inferDateFormat('founded', 'INTEGER NOT NULL', [1960, 1999])).toBe('year');
    expect(inferDateFormat('amount', 'INTEGER NOT NULL', [1960, 1999])).toBeUndefined();
    expect(inferDateFormat('amount', 'INTEGER NOT NULL', [1960, 1999, 2001, 2002, 2010])).toBe('year');
    expect(inferDateFormat('founded', 'INTEGER NOT NULL', [1960, 45000])).toBeUndefined();
    expect(inferDateFormat('filed', 'STRING NOT NULL', ['2012', '2013-04', '2014-05-06'])).toBe('iso');
    expect(inferDateFormat('date', 'STRING NOT NULL', ['01/02/2020', '13/02/2020'])).toBe('dd/MM/yyyy');
    expect(inferDateFormat('date', 'STRING NOT NULL', ['01/02/2020', '02/13/2020'])).toBe('MM/dd/yyyy');
    expect(inferDateFormat('date', 'STRING NOT NULL', ['01/02/2020', '03/04/2020'])).toBe('ambiguous');
    expect(inferDateFormat('startsAt', 'STRING NOT NULL', ['09:30'])).toBeUndefined();
    expect(inferDateFormat('date', 'STRING NOT NULL', ['13/02/2020', '02/13/2020'])).toBeUndefined();
  });

  it('parses each format to an ISO day, refusing impossible days', () => {
    expect(parseDateValue('2020-03-01', 'temporal')).toBe('2020-03-01');
    expect(parseDateValue('2020-03-01T10:00:00Z', 'temporal')).toBe('2020-03-01');
    expect(parseDateValue(1987, 'year')).toBe('1987-01-01');
    expect(parseDateValue('2012-05', 'iso')).toBe('2012-05-01');
    expect(parseDateValue('13/04/1971', 'dd/MM/yyyy')).toBe('1971-04-13');
    expect(parseDateValue('04/13/1971', 'MM/dd/yyyy')).toBe('1971-04-13');
    expect(parseDateValue('31/02/1971', 'dd/MM/yyyy')).toBeUndefined();
    expect(parseDateValue('soon', 'iso')).toBeUndefined();
  });

  it('picks a full-day date over a year, and never an ambiguous one', () => {
    expect(chooseDateProperty([{ name: 'year', format: 'year' }, { name: 'day', format: 'temporal' }])).toEqual({ name: 'day', format: 'temporal' });
    expect(chooseDateProperty([{ name: 'date', format: 'ambiguous' }])).toBeNull();
    const meeting = inferLabel([
      { key: 'startsAt', type: 'string', neo4jType: 'STRING NOT NULL', seen: 4, values: ['09:30', '10:15'] },
      { key: 'day', type: 'date', neo4jType: 'DATE NOT NULL', seen: 4, values: ['2020-01-02'] },
      { key: 'topic', type: 'string', neo4jType: 'STRING NOT NULL', seen: 4, values: ['Réunion Kora', 'Bilan annuel'] },
    ]);
    expect(meeting).toMatchObject({ captionProperties: ['topic'], dateProperty: { name: 'day', format: 'temporal' }, dateCandidates: [{ name: 'day', format: 'temporal' }] });
  });
});

describe('name scan', () => {
  const matches = (query: string, text: string) => new RegExp(namesScanPattern(query)!.replace('(?s)', '').replace(/\\p\{M\}/g, '\\p{M}'), 'su').test(text.normalize('NFD').toLowerCase());

  it('finds every word of the query at the start of a name word, forgiving one typo in longer words', () => {
    // Exact, unaccented, one letter changed, removed, added, swapped; two changed; a prefix; a middle; one typo in a short word.
    const found = { 'Avelin Vantroué': true, 'avelin vantroue': true, 'avelin vantroxe': true, 'avelin vantoue': true, 'avelin vantrooue': true, 'avelin vnatroue': true, 'avelin vaxtrxue': false, avel: true, elin: false, velin: true };
    for (const [query, expected] of Object.entries(found)) expect(matches(query, ' Avelin Vantroué'), query).toBe(expected);
    expect(oneTypoVariants('abc')).toHaveLength(1);
  });

  it('scores the closest spelling highest', () => {
    expect(spellingScore(['Avelin Vantroué'], 'avelin vantroxe')).toBeGreaterThan(spellingScore(['Avelin Vantrin'], 'avelin vantroxe'));
    expect(spellingScore(['Avelin Vantroué'], 'avelin vantr')).toBe(1);
  });
});

describe('in-memory name index', () => {
  it('accepts one letter changed, added, removed or swapped, and no more', () => {
    const edits = { vantxoue: true, vantoue: true, vantrooue: true, vnatroue: true, vaxtrxue: false };
    for (const [word, expected] of Object.entries(edits)) expect(withinOneEdit('vantroue', word), word).toBe(expected);
    expect(wordMatches('vantroue', 'vant')).toBe(true);
    expect(wordMatches('vantrouek', 'vantxoue')).toBe(true);
    expect(wordMatches('ava', 'avx')).toBe(false);
  });

  it('finds the nodes whose names hold every word, best spelled first, within a label filter', () => {
    const index = new NameIndex([
      { id: 'a', label: 'Person', text: ' Avelin Vantroué' },
      { id: 'b', label: 'Person', text: ' Avelin Kelmaré' },
      { id: 'c', label: 'Person', text: ' Borrané Vantrin' },
      { id: 'd', label: 'Company', text: ' Vantroué Holding' },
    ]);
    expect(index.search('Avelin Vantroué', null, 10)).toEqual(['a']);
    expect(index.search('avelin vantxoue', null, 10)).toEqual(['a']);
    expect(index.search('vantroue', null, 10)).toEqual(['a', 'd']);
    expect(index.search('vantroue', ['Company'], 10)).toEqual(['d']);
    expect(index.search('avel', null, 1)).toHaveLength(1);
    expect(index.search('zzz', null, 10)).toEqual([]);
  });

  /** A database whose name read answers when `release` is called, counting the reads. */
  function slowNames() {
    let release!: () => void;
    const db = {
      reads: 0,
      read() {
        db.reads++;
        return new Promise((resolve) => (release = () => resolve({ rows: [{ id: 'a', label: 'Person', text: 'Avelin Vantroué' }] })));
      },
    };
    return { db, release: () => release() };
  }
  const targets = [{ label: 'Person', properties: ['name'] }];

  it('lets a search wait, bounded, for the first read under way instead of scanning', async () => {
    const { db, release } = slowNames();
    const cache = new NameIndexCache(db as unknown as Database);
    expect(cache.current(targets)).toBeUndefined();
    const waiting = cache.within(targets, 5_000);
    const also = cache.within(targets, 5_000);
    release();
    expect((await waiting)?.search('vantroue', null, 10)).toEqual(['a']);
    expect((await also)?.size).toBe(1);
    // Every waiting request shared the one read.
    expect(db.reads).toBe(1);
  });

  it('gives up after the wait when the read is still under way, and does not wait at all when asked not to', async () => {
    const { db, release } = slowNames();
    const cache = new NameIndexCache(db as unknown as Database);
    const started = performance.now();
    expect(await cache.within(targets, 50)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await cache.within(targets, 0)).toBeUndefined();
    release();
    expect((await cache.ready(targets))?.size).toBe(1);
    expect(db.reads).toBe(1);
  });
});
