// Dataset validation without Neo4j: quote matching across whitespace, partial dates, and the issues a broken dataset reports.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePartialDate } from '../../model/dates.ts';
import { DatasetError, formatIssue } from '../../ingest/errors.ts';
import { planDataset } from '../../ingest/dataset/plan.ts';
import { closestPassage, findQuote, foldWhitespace } from '../../ingest/quotes.ts';
import { parseDataset, validateDataset } from '../../ingest/dataset/validate.ts';

const ARTICLE = readFileSync(new URL('../../seed/mali/sources/hrw-2024-03-15-mali-deepens-crackdown-on-civil-society.txt', import.meta.url), 'utf8');

describe('quotes', () => {
  it('matches across any whitespace, including non-breaking spaces, and maps back to the original offsets', () => {
    const text = 'Before.  On\u00a0March 6,\n authorities\u00a0dissolved it.';
    const match = findQuote(text, 'On March 6, authorities dissolved');
    expect(match).toEqual({ start: 9, end: 43, text: 'On\u00a0March 6,\n authorities\u00a0dissolved' });
    expect(text.slice(match!.start, match!.end)).toBe(match!.text);
    expect(foldWhitespace(text).folded).toBe('Before. On March 6, authorities dissolved it.');
  });

  it('finds the article’s quotes at their offsets, and does not "fix" the source', () => {
    const match = findQuote(ARTICLE, 'cracked down on peaceful dissentpolitical opposition');
    expect(match).not.toBeNull();
    expect(match!.text).toBe('cracked down on\u00a0peaceful dissentpolitical opposition');
    expect(ARTICLE.slice(match!.start, match!.end)).toBe(match!.text);
    expect(findQuote(ARTICLE, 'peaceful dissent, political opposition')).toBeNull();
    expect(findQuote(ARTICLE, '   ')).toBeNull();
  });

  it('names the closest passage when a quote is absent, and notices a difference of typography only', () => {
    const near = closestPassage(ARTICLE, 'On February 28, the authorities dissolved the political organisation Kaoural Renewal');
    expect(near!.passage).toMatch(/^On February 28, authorities\u00a0dissolved\u00a0the political organization Kaoural Renewal/);
    expect(near!.onlyTypography).toBe(false);
    const typographic = closestPassage(ARTICLE, "the leader of mali's junta");
    expect(typographic).toMatchObject({ passage: 'The leader of Mali’s junta', onlyTypography: true, distance: 0 });
  });
});

describe('partial dates', () => {
  it('reads day, month and year precision and refuses impossible dates', () => {
    expect(parsePartialDate('2024-03-06')).toEqual({ first: '2024-03-06', precision: 'day' });
    expect(parsePartialDate('2024-03')).toEqual({ first: '2024-03-01', precision: 'month' });
    expect(parsePartialDate('2021')).toEqual({ first: '2021-01-01', precision: 'year' });
    expect(parsePartialDate('2024-02-29')).toEqual({ first: '2024-02-29', precision: 'day' });
    expect(parsePartialDate('2023-02-29')).toMatch(/does not exist \(2023-02 has 28 days\)/);
    expect(parsePartialDate('2024-13')).toMatch(/no month 13/);
    expect(parsePartialDate('March 6')).toMatch(/is not a date written YYYY-MM-DD/);
    expect(parsePartialDate('0024')).toMatch(/implausible year/);
  });
});

const TEXT = 'On\u00a0March 6, authorities dissolved the Club (Le Club). Its chair, Ana Diallo, protested.';

function small(): any {
  return {
    metadata: { id: 'small', title: 'Small' },
    sources: [
      { id: 'src/a', title: 'A', publisher: 'P', url: 'https://example.org/a', published: '2024-03-15', language: 'en', textFile: 'a.txt' },
      { id: 'src/b', title: 'B', publisher: 'Q', url: 'https://example.org/b', language: 'fr', excerpt: '« le Club est dissous »' },
    ],
    entities: [
      { id: 'authority/gov', type: 'Authority', name: 'Government', evidence: [{ source: 'src/a', quote: 'authorities' }] },
      {
        id: 'org/club', type: 'Organization', name: 'Club', aliases: ['Le Club', { name: 'CLB', language: 'fr' }], properties: { kind: 'club' },
        evidence: [{ source: 'src/a', quote: 'the Club (Le Club)' }, { source: 'src/b', quote: 'le Club est dissous' }],
      },
      { id: 'person/ana', type: 'Person', name: 'Ana Diallo', evidence: [{ source: 'src/a', quote: 'Its chair, Ana Diallo' }] },
    ],
    relations: [
      {
        id: 'rel/dissolved-club', type: 'DISSOLVED', from: 'authority/gov', to: 'org/club', properties: { statedReason: 'none given' },
        date: { on: '2024-03-06', inferred: true, source: 'src/a' },
        evidence: [{ source: 'src/a', quote: 'On March 6, authorities dissolved the Club' }],
      },
      { id: 'rel/ana-chairs', type: 'CHAIRS', from: 'person/ana', to: 'org/club', evidence: [{ source: 'src/a', quote: 'Its chair, Ana Diallo' }] },
    ],
  };
}

const options = { file: '/data/small.yaml', readText: (p: string) => (p === '/data/a.txt' ? TEXT : (() => { throw new Error('ENOENT: no such file'); })()) };

function issues(data: unknown): { id?: string; field?: string; message: string; path: string; file: string }[] {
  try {
    validateDataset(data, options);
  } catch (error) {
    if (error instanceof DatasetError) return error.issues;
    throw error;
  }
  return [];
}

describe('validateDataset and planDataset', () => {
  it('accepts a valid dataset and plans four statements with evidence offsets, names and dates', () => {
    const valid = validateDataset(small(), options);
    const club = valid.entities.find((e) => e.input.id === 'org/club')!;
    expect(club.evidence).toEqual([
      { source: 'src/a', quote: 'the Club (Le Club)', start: 34, end: 52 },
      { source: 'src/b', quote: 'le Club est dissous', start: -1, end: -1 },
    ]);
    expect(valid.relations[0]!.evidence[0]).toEqual({ source: 'src/a', quote: 'On\u00a0March 6, authorities dissolved the Club', start: 0, end: 42 });
    const plan = planDataset(valid);
    // Sources, entities, relations, and the record of the dataset itself.
    expect(plan.statements).toHaveLength(4 + 1);
    expect(plan.statements[4]!.params.dataset).toEqual({ id: valid.metadata.id, title: valid.metadata.title, synthetic: false });
    expect(plan.counts).toEqual({ sources: 2, entities: 3, relations: 2, byLabel: { Authority: 1, Organization: 1, Person: 1 }, byType: { DISSOLVED: 1, CHAIRS: 1 } });
    const nodeRows = plan.statements[1]!.params.rows as any[];
    expect(nodeRows.find((r) => r.id === 'org/club').props).toMatchObject({
      name: 'Club', aliases: ['Le Club', 'CLB'], aliasLanguages: ['', 'fr'], searchText: 'Club | Le Club | CLB', kind: 'club',
      evidenceSources: ['src/a', 'src/b'], evidenceStarts: [34, -1], evidenceEnds: [52, -1],
    });
    const relRows = plan.statements[3]!.params.rows as any[];
    expect(relRows[0].props).toMatchObject({ datePrecision: 'day', dateInferred: true, dateSource: 'src/a', statedReason: 'none given' });
    // DATE values travel apart, as YYYY-MM-DD strings that the statement turns into DATEs.
    expect(relRows[0].dates).toEqual({ date: '2024-03-06', endDate: null });
    const sourceRows = plan.statements[0]!.params.rows as any[];
    expect(sourceRows[0].props).toMatchObject({ text: TEXT, publishedPrecision: 'day' });
    expect(sourceRows[0].dates).toEqual({ published: '2024-03-15' });
    expect(sourceRows[1].props).toMatchObject({ excerpts: ['« le Club est dissous »'] });
    expect(sourceRows[1].props.text).toBeUndefined();
  });

  it('reads YAML and JSON alike, and reports syntax errors with line and column', () => {
    const yaml = parseDataset('x.yaml', 'metadata:\n  id: small\n  title: Small\nsources: []\n');
    const json = parseDataset('x.json', '{"metadata": {"id": "small", "title": "Small"}, "sources": []}');
    expect(yaml).toEqual(json);
    expect(() => parseDataset('x.yaml', 'a: 1\na: 2\n')).toThrow(DatasetError);
    try {
      parseDataset('x.json', '{"metadata": ');
    } catch (error) {
      expect((error as DatasetError).issues[0]!.message).toMatch(/^cannot be read as JSON \(line 1, column \d+\)/);
    }
  });

  it('reports all problems at once, each naming file, path, id and field', () => {
    const data = small();
    data.entities[1].aliases.push('club');
    data.entities[2].type = 'Human';
    data.relations[0].to = 'org/none';
    data.relations[1].type = 'LEADS';
    data.relations[1].evidence[0].quote = 'Its chairman, Ana Diallo';
    data.sources[1].excerpt = undefined;
    const found = issues(data);
    expect(found.map(formatIssue)).toEqual([
      "/data/small.yaml: src/b: needs either textFile (the held text) or excerpt (the words quoted from it): otherwise no quote can be checked",
      "/data/small.yaml: org/club aliases[2]: 'club' repeats the name or another alias",
      "/data/small.yaml: person/ana type: unknown entity type 'Human' (declared types: Person, Organization, Authority, Institution, Event, Publication)",
      "/data/small.yaml: rel/dissolved-club to: 'org/none' is not an entity of the dataset (dangling end)",
      expect.stringMatching(/^\/data\/small\.yaml: rel\/ana-chairs evidence\[0\]\.quote: quote not found in source 'src\/a' .*closest passage of the source \(at 54\): "Its chair, Ana Diallo"$/),
    ]);
    expect(found[1]).toMatchObject({ file: '/data/small.yaml', path: 'entities[1].aliases[2]', id: 'org/club', field: 'aliases[2]' });
  });

  it('checks shapes with zod: required fields, unknown fields, id slugs, URLs and language codes', () => {
    const data = small();
    delete data.entities[0].name;
    data.entities[1].colour = 'red';
    data.sources[0].url = 'ftp://example.org';
    data.sources[0].language = 'English';
    data.relations[1].id = 'rel/Ana Chairs';
    const found = issues(data).map((i) => `${i.id ?? i.path} ${i.field ?? ''}: ${i.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'src/a url: must be an http(s) URL',
        'src/a language: must be a language code such as en or fr (or empty when unknown)',
        'authority/gov name: is required',
        "org/club : unknown field 'colour'",
        'rel/Ana Chairs id: must be a lowercase slug such as org/aeem (letters, digits, - _ . and / between parts)',
      ]),
    );
  });

  it('refuses a relation to a source, a self-loop, and an unreadable text file', () => {
    const data = small();
    data.relations[1].to = 'src/b';
    data.relations[0].to = 'authority/gov';
    data.relations[0].from = 'authority/gov';
    data.sources[0].textFile = 'missing.txt';
    const found = issues(data);
    expect(found.find((i) => i.id === 'rel/ana-chairs')!.message).toBe("'src/b' is a source, not an entity: relations join entities");
    expect(found.some((i) => i.id === 'rel/dissolved-club' && /to itself/.test(i.message))).toBe(true);
    expect(found.find((i) => i.field === 'textFile')).toMatchObject({ file: '/data/missing.txt', message: expect.stringMatching(/cannot read the source text \/data\/missing\.txt: ENOENT/) });
  });

  it('lets relations point at entities that exist outside the file (bulk import), still checking their labels', () => {
    const data = small();
    data.relations.push({ id: 'rel/gov-dissolved-other', type: 'DISSOLVED', from: 'authority/gov', to: 'org/elsewhere', evidence: [{ source: 'src/a', quote: 'dissolved' }] });
    data.relations.push({ id: 'rel/gov-dissolved-person', type: 'DISSOLVED', from: 'authority/gov', to: 'person/elsewhere', evidence: [{ source: 'src/a', quote: 'dissolved' }] });
    const existingEntities = new Map([['org/elsewhere', 'Organization'], ['person/elsewhere', 'Person']]);
    try {
      validateDataset(data, { ...options, existingEntities });
      expect.unreachable();
    } catch (error) {
      expect((error as DatasetError).issues.map((i) => i.id)).toEqual(['rel/gov-dissolved-person']);
    }
  });
});
