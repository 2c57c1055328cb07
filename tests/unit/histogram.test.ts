// The time histogram: the server's counts per month from counted month spans (services/histogram.ts), and the page's bars from them (state/histogram.ts).
import { describe, expect, it } from 'vitest';
import { histogramBars } from '../../client/src/state/histogram.ts';
import { histogramOf, monthName } from '../../server/services/histogram.ts';
import { monthNumber, type MonthSpan } from '../../server/services/reads/histogram.ts';

const span = (first: string, last: string, type: string, items: number, inferred = false, kind: MonthSpan['kind'] = 'node'): MonthSpan => ({
  first: monthNumber(first),
  last: monthNumber(last),
  inferred,
  type,
  kind,
  items,
});

describe('time histogram (server)', () => {
  it('names months as the page does, and back', () => {
    expect(monthName(monthNumber('2024-01'))).toBe('2024-01');
    expect(monthName(monthNumber('0999-12'))).toBe('0999-12');
    expect(monthNumber('2024-03') - monthNumber('2023-12')).toBe(3);
  });

  it('counts stated and inferred dates apart, a period in every month it spans, and each item once in the total', () => {
    const histogram = histogramOf([
      span('2023-12', '2023-12', 'Event', 1),
      span('2024-03', '2024-03', 'Event', 1, true),
      span('2024-01', '2024-02', 'Event', 1),
      span('2019-01', '2019-01', 'Event', 1),
    ]);
    expect(histogram.total).toBe(4);
    expect(histogram.months.map((m) => [m.month, m.stated, m.inferred])).toEqual([
      ['2019-01', 1, 0],
      ['2023-12', 1, 0],
      ['2024-01', 1, 0],
      ['2024-02', 1, 0],
      ['2024-03', 0, 1],
    ]);
  });

  it('stacks each month by label or relationship type, and says which is which', () => {
    const histogram = histogramOf([span('2024-03', '2024-03', 'DISSOLVED', 2, false, 'relationship'), span('2024-02', '2024-03', 'Event', 1)]);
    expect(histogram.months.map((m) => m.byType)).toEqual([{ Event: 1 }, { DISSOLVED: 2, Event: 1 }]);
    expect(histogram.kinds).toEqual({ DISSOLVED: 'relationship', Event: 'node' });
  });

  it('adds the groups of several slices that fall in the same month', () => {
    const histogram = histogramOf([span('2024-05', '2024-05', 'Person', 3), span('2024-05', '2024-05', 'Person', 2, true), span('2024-05', '2024-05', 'ACCUSED', 4, false, 'relationship')]);
    expect(histogram.months).toEqual([{ month: '2024-05', stated: 7, inferred: 2, byType: { Person: 5, ACCUSED: 4 } }]);
  });
});

describe('time histogram (page)', () => {
  it('shows every month from the first to the last, the empty ones too', () => {
    const bars = histogramBars(histogramOf([span('2023-11', '2023-11', 'Event', 2), span('2024-02', '2024-02', 'ACCUSED', 1, true, 'relationship')]));
    expect(bars.months).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(bars.counts).toEqual([
      { stated: 2, inferred: 0 },
      { stated: 0, inferred: 0 },
      { stated: 0, inferred: 0 },
      { stated: 0, inferred: 1 },
    ]);
    expect(bars.groups.map((g) => Object.fromEntries(g))).toEqual([{ Event: 2 }, {}, {}, { ACCUSED: 1 }]);
    expect(bars.kinds.get('ACCUSED')).toBe('relationship');
    expect(bars.total).toBe(3);
  });

  it('has no bars when nothing is dated', () => {
    expect(histogramBars({ total: 0, months: [], kinds: {} })).toMatchObject({ months: [], counts: [], groups: [], total: 0 });
  });
});
