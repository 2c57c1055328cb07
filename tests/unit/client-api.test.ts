// The client's subgraph request: POST /api/subgraph with the ids, and an answer of another shape refused by its code.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fetchSubgraph } from '../../client/src/api.ts';
import { edge, node } from './client-fixtures.ts';

function answering(body: unknown) {
  const fetch = vi.fn(async (_input: string, _init?: RequestInit) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('client api: subgraph', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts the ids to /api/subgraph and returns nodes, edges and missing ids with their evidence', async () => {
    const evidence = [{ sourceId: 'src/a', quote: 'said', start: 3, end: 7, level: 'quote' }];
    const body = { nodes: [{ ...node('a'), evidence }, { ...node('b'), evidence: [] }], edges: [{ ...edge('e', 'a', 'b'), evidence }], missing: ['gone'] };
    const fetch = answering(body);
    const graph = await fetchSubgraph(['a', 'b', 'gone']);
    expect(graph).toEqual(body);
    const [path, init] = fetch.mock.calls[0]!;
    expect(path).toBe('/api/subgraph');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ ids: ['a', 'b', 'gone'] });
  });

  it('refuses an answer of another shape (the export body without evidence) with the code invalid_response', async () => {
    answering({ nodes: [node('a')], edges: [], missing: [] });
    const refused = await fetchSubgraph(['a']).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('invalid_response');
  });
});
