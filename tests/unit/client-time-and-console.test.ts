// The time histogram's counts per month, and console errors moved back into the user's own text.
import { describe, expect, it } from 'vitest';
import { inOwnText } from '../../client/src/lib/cypher-errors.ts';
import { monthsBetween } from '../../client/src/state/dates.ts';
import { monthCounts, monthGroups } from '../../client/src/state/histogram.ts';

describe('client time histogram', () => {
  it('counts stated and inferred dates apart, a period in every month it spans', () => {
    const months = monthsBetween('2023-12', '2024-03');
    const counts = monthCounts(
      [
        { date: '2023-12-20', endDate: null, inferred: false },
        { date: '2024-03-06', endDate: null, inferred: true },
        { date: '2024-01-01', endDate: '2024-02-15', inferred: false },
        { date: '2019-01-01', endDate: null, inferred: false },
      ],
      months,
    );
    expect(counts).toEqual([
      { stated: 1, inferred: 0 },
      { stated: 1, inferred: 0 },
      { stated: 1, inferred: 0 },
      { stated: 0, inferred: 1 },
    ]);
  });
});

describe('client time histogram by type', () => {
  it('stacks each month by label or relationship type', () => {
    const groups = monthGroups(
      [
        { date: '2024-03-06', endDate: null, type: 'DISSOLVED' },
        { date: '2024-03-13', endDate: null, type: 'DISSOLVED' },
        { date: '2024-02-28', endDate: '2024-03-01', type: 'Event' },
      ],
      ['2024-02', '2024-03'],
    );
    expect(groups.map((g) => Object.fromEntries(g))).toEqual([{ Event: 1 }, { DISSOLVED: 2, Event: 1 }]);
  });
});

describe('client console errors', () => {
  it('counts lines, columns and offsets from the user\'s text, not from the EXPLAIN prefix', () => {
    const neo4j = 'Invalid input \'RETRUN\': expected \'RETURN\' (line 1, column 19 (offset: 18))\n"EXPLAIN MATCH (n) RETRUN n"\n                  ^';
    const own = inOwnText(neo4j);
    expect(own.offset).toBe(10);
    expect(own.message).toBe('Invalid input \'RETRUN\': expected \'RETURN\' (line 1, column 11 (offset: 10))\n"MATCH (n) RETRUN n"\n          ^');
  });

  it('keeps the column on later lines and leaves other messages alone', () => {
    expect(inOwnText('Bad (line 2, column 3 (offset: 20))\n"EXPLAIN MATCH (n)').message).toBe('Bad (line 2, column 3 (offset: 12))\n"MATCH (n)');
    expect(inOwnText('read_only: writes are refused')).toEqual({ message: 'read_only: writes are refused', offset: null });
  });
});
