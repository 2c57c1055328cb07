// The story of an actor (grouping, date order, counterparts, words, evidence) and quotes shown with one pair of marks.
import { describe, expect, it } from 'vitest';
import { bareQuote } from '../../client/src/lib/quotes.ts';
import { buildStory, groupHeading } from '../../client/src/state/story.ts';
import { edge, node } from './client-fixtures.ts';

describe('client story of an actor', () => {
  const aeem = node('org/aeem', ['Organization'], { name: 'AEEM' });
  const minister = node('authority/minister', ['Authority'], { name: 'Minister of Territorial Administration' });
  const police = node('authority/police', ['Authority'], { name: 'Security forces' });
  const nodes = new Map([aeem, minister, police].map((n) => [n.id, n]));
  const edges = [
    edge('rel/dissolved', 'authority/minister', 'org/aeem', 'DISSOLVED', { date: '2024-03-13', datePrecision: 'day', dateInferred: false }),
    edge('rel/accused-2', 'authority/minister', 'org/aeem', 'ACCUSED', { words: 'lethal weapons' }),
    edge('rel/accused-1', 'authority/minister', 'org/aeem', 'ACCUSED', { words: '"violence and clashes"', date: '2024-03-01', datePrecision: 'month', dateInferred: true }),
    edge('rel/arrested', 'authority/police', 'org/aeem', 'ARRESTED', { date: '2017-01-01', datePrecision: 'year', endDate: '2018-01-01' }),
    edge('rel/member', 'org/aeem', 'org/unknown', 'MEMBER_OF', {}),
    edge('rel/elsewhere', 'authority/minister', 'authority/police', 'LEADS', {}),
  ];
  const evidence = new Map([['rel/dissolved', [{ sourceId: 'src/a', quote: 'the AEEM is dissolved', level: 'quote' as const }]]]);

  it('groups by type and direction, oldest group first, undated groups last', () => {
    const story = buildStory('org/aeem', edges, nodes, evidence);
    expect(story.map((g) => g.key)).toEqual(['in:ARRESTED', 'in:ACCUSED', 'in:DISSOLVED', 'out:MEMBER_OF']);
    expect(story.flatMap((g) => g.lines.map((l) => l.edge.id))).not.toContain('rel/elsewhere');
  });

  it('orders lines by date, undated after dated, and names the counterpart by its caption', () => {
    const accused = buildStory('org/aeem', edges, nodes, evidence).find((g) => g.key === 'in:ACCUSED')!;
    expect(accused.lines.map((l) => l.edge.id)).toEqual(['rel/accused-1', 'rel/accused-2']);
    const [first] = accused.lines;
    expect(first!.counterpart?.caption).toBe('Minister of Territorial Administration');
    expect(first!.date).toEqual({ start: '2024-03-01', precision: 'month', inferred: true, end: null });
    expect(first!.words).toBe('"violence and clashes"');
    expect(accused.lines[1]!.date).toBeNull();
  });

  it('carries the evidence and an end date, and keeps an unknown counterpart by id', () => {
    const story = buildStory('org/aeem', edges, nodes, evidence);
    expect(story.find((g) => g.type === 'DISSOLVED')!.lines[0]!.evidence).toEqual(evidence.get('rel/dissolved'));
    expect(story.find((g) => g.type === 'ARRESTED')!.lines[0]!.date?.end).toBe('2018-01-01');
    const member = story.find((g) => g.type === 'MEMBER_OF')!.lines[0]!;
    expect(member.counterpart).toBeNull();
    expect(member.counterpartId).toBe('org/unknown');
  });

  it('words the headings by direction', () => {
    expect(groupHeading({ type: 'DISSOLVED', direction: 'in' })).toBe('dissolved by');
    expect(groupHeading({ type: 'SPOKESPERSON_FOR', direction: 'out' })).toBe('spokesperson for');
  });

  it.each([
    ['"the AEEM is dissolved"', 'the AEEM is dissolved'],
    ['  « de nature à troubler l\'ordre public »  ', "de nature à troubler l'ordre public"],
    ['“violence and clashes in schools”', 'violence and clashes in schools'],
    ['“lethal weapons” and “narcotics”', '“lethal weapons” and “narcotics”'],
    ['was responsible for “violence,”', 'was responsible for “violence,”'],
    ['"', '"'],
  ])('strips quotation marks around the whole quote only: %s -> %s', (input, expected) => {
    expect(bareQuote(input)).toBe(expected);
  });
});
