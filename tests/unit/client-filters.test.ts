// What the legend toggles and the time range leave visible, with dates as precise as the source (and the styling they rely on).
import { describe, expect, it } from 'vitest';
import { formatDate, monthsBetween, periodOf } from '../../client/src/state/dates.ts';
import { edgeVisible, inTimeRange, nodeVisible, visibleElements } from '../../client/src/state/filters.ts';
import { initialState, type ViewState } from '../../client/src/state/store.ts';
import { stylingFor } from '../../client/src/state/styling.ts';
import { colourFor } from '../../model/looks.ts';
import { edge, node, schema } from './client-fixtures.ts';

const styling = stylingFor(schema);

function view(patch: Partial<ViewState>): ViewState {
  return { ...initialState(), schema, ...patch };
}

describe('client filters', () => {
  it('keeps undated elements and an open range', () => {
    expect(inTimeRange({}, { from: '2024-01', to: '2024-02' })).toBe(true);
    expect(inTimeRange({ date: '2020-01-01' }, { from: null, to: null })).toBe(true);
  });

  it('compares whole periods: a month-precise date overlaps a range that starts inside that month', () => {
    const march = { date: '2024-03-01', datePrecision: 'month' };
    expect(inTimeRange(march, { from: '2024-03', to: null })).toBe(true);
    expect(inTimeRange(march, { from: '2024-04', to: null })).toBe(false);
    expect(inTimeRange(march, { from: null, to: '2024-02' })).toBe(false);
    const year = { date: '2023-01-01', datePrecision: 'year' };
    expect(inTimeRange(year, { from: '2023-12', to: '2023-12' })).toBe(true);
    expect(inTimeRange(year, { from: '2024-01', to: null })).toBe(false);
  });

  it('uses the end date of a time-bound relation', () => {
    const term = { date: '2021-06-07', endDate: '2024-11-20', datePrecision: 'day' };
    expect(inTimeRange(term, { from: '2023-01', to: '2023-02' })).toBe(true);
    expect(inTimeRange(term, { from: '2024-12', to: null })).toBe(false);
    expect(inTimeRange({ date: '2024-02-29' }, { from: null, to: '2024-02' })).toBe(true);
  });

  it('hides nodes by their display label, and edges by type, date or a hidden end', () => {
    const a = node('a', ['Entity', 'Organization']);
    const p = node('p', ['Person'], { date: '2024-05-01' });
    const e1 = edge('e1', 'a', 'p', 'ACCUSED');
    const e2 = edge('e2', 'a', 'a', 'DISSOLVED', { date: '2022-01-01' });
    const state = view({ nodes: new Map([['a', a], ['p', p]]), edges: new Map([['e1', e1], ['e2', e2]]) });
    expect(styling.displayLabel(a.labels)).toBe('Organization');
    expect(nodeVisible(a, { ...state, hiddenLabels: new Set(['Entity']) }, styling)).toBe(true);
    expect(nodeVisible(a, { ...state, hiddenLabels: new Set(['Organization']) }, styling)).toBe(false);
    expect(edgeVisible(e1, { ...state, hiddenLabels: new Set(['Person']) }, styling)).toBe(false);
    expect(edgeVisible(e1, { ...state, hiddenTypes: new Set(['ACCUSED']) }, styling)).toBe(false);
    const ranged = { ...state, timeRange: { from: '2024-01', to: null } };
    const visible = visibleElements(ranged, styling);
    expect(visible.nodes.map((n) => n.id)).toEqual(['a', 'p']);
    expect(visible.edges.map((e) => e.id)).toEqual(['e1']);
    expect(visibleElements({ ...state, timeRange: { from: null, to: '2023-12' } }, styling).edges.map((e) => e.id)).toEqual(['e2']);
  });

  it('styles from the schema, refusing colours that are not colours', () => {
    expect(styling.labelStyle('Organization')).toEqual({ label: 'Organization', color: '#4e79a7', shape: 'round-rectangle' });
    expect(styling.typeColor('DISSOLVED')).toBe(colourFor('DISSOLVED'));
    expect(styling.typeColor('UNKNOWN')).toBe(colourFor('UNKNOWN'));
    expect(stylingFor(schema)).toBe(styling);
    expect(stylingFor(null).displayLabel([])).toBe('(no label)');
  });

  it('formats dates as precisely as the source allows and walks months', () => {
    expect(formatDate('2024-03-13', 'day')).toBe('13 March 2024');
    expect(formatDate('2024-03-01', 'month')).toBe('March 2024');
    expect(formatDate('2024-01-01', 'year')).toBe('2024');
    expect(periodOf({ date: '2024-02-01', datePrecision: 'month', dateInferred: true })).toEqual({ start: '2024-02-01', end: '2024-02-29', precision: 'month', inferred: true });
    expect(periodOf({ date: 'soon' })).toBeNull();
    expect(monthsBetween('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
  });
});
