// The benchmark's request URLs: one builder for the API scenario's measurements and the start scenario's first requests.
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, endpointPath, firstOne, type Workload } from '../../bench/scenarios/api.ts';

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
