// The benchmark's request URLs: one builder for the API scenario's measurements and the start scenario's first requests.
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, endpointPath, firstOne, type Workload } from '../../bench/scenarios/api.ts';
import { firstVisitRequests } from '../../bench/scenarios/start.ts';

const workload: Workload = {
  ids: ['person-1', 'org 2'],
  words: ['Kéita', 'Traoré'],
  pairs: [['person-1', 'org 2']],
  windows: [['2023-01', '2023-06'], ['2024-01', '2024-06']],
  hub: { id: 'authority-0', degree: 1_250 },
};

describe('bench endpoint paths', () => {
  it('builds each endpoint from the first items, encoded', () => {
    expect(ENDPOINTS.map((e) => endpointPath(e, workload, firstOne))).toEqual([
      '/api/search?q=K%C3%A9ita',
      '/api/nodes/person-1/neighbors',
      '/api/nodes/authority-0/neighbors?offset=0',
      '/api/paths?from=person-1&to=org%202',
      '/api/timeline?from=2023-01&to=2023-06',
    ]);
  });

  it('pages the hub within its degree, at multiples of the route’s page of 100', () => {
    const offsets = new Set(Array.from({ length: 400 }, () => Number(/offset=(\d+)/.exec(endpointPath('hub', workload))![1])));
    for (const offset of offsets) expect(offset % 100 === 0 && offset < workload.hub.degree).toBe(true);
    expect(offsets.size).toBeGreaterThan(1);
  });

  it('pairs two different sampled ids when the workload found no connected pair', () => {
    expect(endpointPath('paths', { ...workload, pairs: [] }, firstOne)).toBe('/api/paths?from=person-1&to=org%202');
  });
});

describe('bench first visit', () => {
  it('asks the first screen, then the first clicks on the visit\'s own ids, then the timeline', () => {
    const requests = firstVisitRequests({ node: '~4:ab:12', other: 'org/x', word: 'Kéita', label: 'Person', source: 'src/a', window: ['2023-01', '2023-06'], hub: { id: 'authority-0', degree: 10 } });
    expect(requests.map((r) => r.name)).toEqual([
      'schema', 'schema graph', 'histogram', 'overview', 'label top', 'node details', 'neighbours', 'story', 'subgraph', 'search', 'paths', 'hub page', 'sources', 'source', 'timeline window', 'whole timeline',
    ]);
    expect(requests.find((r) => r.name === 'node details')?.path).toBe('/api/nodes/~4%3Aab%3A12');
    expect(requests.find((r) => r.name === 'subgraph')?.body).toEqual({ ids: ['~4:ab:12', 'org/x'] });
    expect(requests.find((r) => r.name === 'search')?.path).toBe('/api/search?q=K%C3%A9ita&limit=12');
  });

  it('asks only the first screen when nothing could be sampled, and no source or window where there is none', () => {
    expect(firstVisitRequests(null).map((r) => r.name)).toEqual(['schema', 'schema graph', 'histogram', 'overview']);
    expect(firstVisitRequests({ node: 'a', other: 'b', word: 'w', label: 'L' }).map((r) => r.name)).not.toContain('source');
  });
});
