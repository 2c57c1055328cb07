// Schema discovery helpers and the named-query files' headers.
import { describe, expect, it } from 'vitest';
import type { LabelInfo } from '../../server/services/catalog.ts';
import { captionResolverFor, createIndexCommand, discoverCaption } from '../../server/services/catalog-labels.ts';
import { propertyType } from '../../model/index.ts';
import { namedQueries, parseNamedQuery } from '../../db/named-queries.ts';

describe('catalog helpers', () => {
  it.each(
    Object.entries({
      'STRING NOT NULL': 'string',
      'LIST<STRING NOT NULL> NOT NULL': 'string[]',
      'INTEGER NOT NULL': 'number',
      'DATE NOT NULL': 'date',
      'POINT NOT NULL': 'point',
    }),
  )("maps Neo4j's value type %s onto the model's %s", (input, expected) => {
    expect(propertyType(input)).toBe(expected);
  });

  it('picks name, then title, then the most common string property as the caption', () => {
    const p = (key: string, type = 'STRING NOT NULL', seen = 1) => ({ key, type, seen });
    expect(discoverCaption([p('title'), p('name')])).toBe('name');
    expect(discoverCaption([p('released', 'INTEGER NOT NULL'), p('title')])).toBe('title');
    expect(discoverCaption([p('code', 'STRING NOT NULL', 2), p('label', 'STRING NOT NULL', 9), p('evidenceQuotes')])).toBe('label');
    expect(discoverCaption([p('stars', 'INTEGER NOT NULL')])).toBe('');
  });

  it('offers an index command that quotes names', () => {
    const label = (name: string, caption: string) => ({ label: name, caption, count: 1 }) as LabelInfo;
    expect(createIndexCommand([label('Movie', 'title'), label('Odd`Label', 'name')])).toBe(
      "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:`Movie`|`Odd``Label`) ON EACH [n.`title`, n.`name`] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
    );
    expect(createIndexCommand([label('Review', '')])).toBeUndefined();
  });

  it('captions by the label of the node, falling back to name, title or the first string', () => {
    const caption = captionResolverFor(new Map([['Movie', 'title']]));
    expect(caption(['Movie'], { title: 'The Matrix', name: 'x' })).toBe('The Matrix');
    expect(caption(['Thing'], { code: 'T-1' })).toBe('T-1');
  });
});

describe('named queries', () => {
  it('every file has a title, valid example params and a statement that uses parameters only', () => {
    const all = [...namedQueries().values()];
    expect(all.length).toBeGreaterThan(20);
    for (const q of all) {
      expect(q.title, q.name).not.toBe('');
      expect(q.cypher, q.name).not.toMatch(/\$\{|%s|\{\{/);
      for (const param of q.cypher.matchAll(/\$(\w+)/g)) expect(Object.keys(q.params), `${q.name} declares $${param[1]}`).toContain(param[1]);
    }
    expect(all.filter((q) => q.example).map((q) => q.title)).toEqual(
      expect.arrayContaining(['Dissolutions in date order', 'Who accused whom of what', 'Everything one source states', 'Actors within two hops of an actor']),
    );
  });

  it('refuses a file without a title', () => {
    expect(() => parseNamedQuery('x', 'MATCH (n) RETURN n')).toThrow(/title/);
    expect(parseNamedQuery('x', '// title: T\n// description: a\n// description: b\n// params: {"a": 1}\n// example: true\nRETURN $a')).toEqual({
      name: 'x', title: 'T', description: 'a b', cypher: 'RETURN $a', params: { a: 1 }, example: true,
    });
  });
});
