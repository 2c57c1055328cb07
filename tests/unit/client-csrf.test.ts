// The session's CSRF token rides on every request that changes something (POST, PUT, PATCH, DELETE), the explorer's old POSTs included, and never on a read; owner mode sends none.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CSRF_HEADER,
  fetchExportFile,
  fetchNode,
  fetchSubgraph,
  fetchUsers,
  putGrant,
  revokeGrant,
  revokeToken,
  runCypher,
  search,
  setCsrfToken,
  setUserDisabled,
  withCsrf,
} from '../../client/src/api.ts';

function recording() {
  const sent: { method: string; path: string; csrf: string | null; contentType: string | null }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      sent.push({ method: init?.method ?? 'GET', path: new URL(input, 'http://test').pathname, csrf: headers.get(CSRF_HEADER), contentType: headers.get('content-type') });
      const body = input.includes('/api/subgraph') ? { nodes: [], edges: [], missing: [] } : input.includes('/api/nodes/') ? { node: {} } : { ok: true, results: [], users: [], user: {} };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  return sent;
}

describe('client api: the CSRF header', () => {
  afterEach(() => {
    setCsrfToken(undefined);
    vi.unstubAllGlobals();
  });

  it('adds the token to state-changing requests only', async () => {
    const sent = recording();
    setCsrfToken('t0ken');
    await search('mali');
    await fetchNode('org/a');
    await fetchUsers();
    await runCypher('RETURN 1', {});
    await fetchSubgraph(['a']);
    await fetchExportFile(['a'], 'json');
    await putGrant({ dataset: 'mali', kind: 'everyone', principal: '*', role: 'viewer' });
    await revokeGrant({ dataset: 'mali', kind: 'everyone', principal: '*' });
    await setUserDisabled('u1', true);
    await revokeToken('tok1');
    expect(sent.map((s) => `${s.method} ${s.path} ${s.csrf ?? '-'}`)).toEqual([
      'GET /api/search -',
      'GET /api/nodes/org%2Fa -',
      'GET /api/admin/users -',
      'POST /api/cypher t0ken',
      'POST /api/subgraph t0ken',
      'POST /api/export t0ken',
      'PUT /api/admin/grants t0ken',
      'DELETE /api/admin/grants t0ken',
      'PATCH /api/admin/users/u1 t0ken',
      'DELETE /api/auth/tokens/tok1 t0ken',
    ]);
    // The header is added beside the request's own, not instead of them.
    expect(sent.find((s) => s.path === '/api/cypher')?.contentType).toBe('application/json');
  });

  it('sends none without a token (owner mode, or signed out)', async () => {
    const sent = recording();
    await runCypher('RETURN 1', {});
    await putGrant({ dataset: 'mali', kind: 'everyone', principal: '*', role: 'viewer' });
    expect(sent.every((s) => s.csrf === null)).toBe(true);
  });

  it('leaves a read untouched, and treats the method without regard to case', () => {
    setCsrfToken('abc');
    const get = { method: 'GET' };
    expect(withCsrf(get)).toBe(get);
    expect(withCsrf(undefined)).toBeUndefined();
    expect(new Headers(withCsrf({ method: 'post' })?.headers).get(CSRF_HEADER)).toBe('abc');
    expect(new Headers(withCsrf({ method: 'HEAD' })?.headers).get(CSRF_HEADER)).toBeNull();
  });
});
