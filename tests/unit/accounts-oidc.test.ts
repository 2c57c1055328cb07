// The parts of OpenID Connect sign-in that need no provider: sign-ins under way taken once across two handles
// on one store (two processes, or a restart), the configuration's group roles, groups and usernames from claims.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../server/accounts/accounts.ts';
import { applyGroupRoles, groupsFrom, OidcTransactions, usernameFrom } from '../../server/accounts/oidc.ts';
import { authConfigFromEnv, parseGroupRoles } from '../../server/config.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-oidc-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'accounts.sqlite');
const options = { sessionLifetimeMs: 60_000 };

const transaction = (expiresAt = Date.now() + 60_000) => ({ browserHash: 'b', issuer: 'https://idp.example.org', nonce: 'n', codeVerifier: 'v', expiresAt });

describe('sign-ins under way', () => {
  it('survive a restart and are taken exactly once, by whichever process gets the callback', () => {
    const before = Accounts.open(file, options);
    new OidcTransactions(before.store).put('state-1', transaction());
    before.close();
    // "Restart": a new handle on the file, and a second one beside it.
    const one = Accounts.open(file, options);
    const two = Accounts.open(file, options);
    try {
      expect(new OidcTransactions(two.store).take('state-1')).toMatchObject({ nonce: 'n', codeVerifier: 'v' });
      expect(new OidcTransactions(one.store).take('state-1')).toBeUndefined();
      expect(new OidcTransactions(two.store).take('state-1')).toBeUndefined();
    } finally {
      one.close();
      two.close();
    }
  });

  it('keep only a hash of the state, and clear expired ones when new ones come', () => {
    const accounts = Accounts.open(file, options);
    try {
      const transactions = new OidcTransactions(accounts.store);
      transactions.put('state-old', transaction(Date.now() - 1));
      transactions.put('state-new', transaction());
      const rows = accounts.store.prepare('SELECT state_hash FROM oidc_transactions').all() as { state_hash: string }[];
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain('state-new');
    } finally {
      accounts.close();
    }
  });
});

describe('groups and usernames from claims', () => {
  it('takes an array of strings as groups, and anything else as none', () => {
    expect(groupsFrom({ groups: ['a', 'b', 'a'] }, 'groups')).toEqual(['a', 'b']);
    expect(groupsFrom({ groups: 'a' }, 'groups')).toEqual([]);
    expect(groupsFrom({ groups: ['a', 1] }, 'groups')).toEqual([]);
    expect(groupsFrom({ groups: { a: true } }, 'groups')).toEqual([]);
    expect(groupsFrom({}, 'groups')).toEqual([]);
    expect(groupsFrom({ realm_access: { roles: ['x'] } }, 'realm_access.roles')).toEqual(['x']);
  });

  it('names the user from preferred_username, else email, else sub, within what a username may hold', () => {
    expect(usernameFrom({ preferred_username: 'ana', email: 'a@x.org', sub: '1' })).toBe('ana');
    expect(usernameFrom({ email: 'ana@x.org', sub: '1' })).toBe('ana@x.org');
    expect(usernameFrom({ sub: 'auth0|123' })).toBe('auth0-123');
    expect(usernameFrom({ preferred_username: 'Ana María López', sub: '1' })).toBe('Ana-María-López');
    expect(usernameFrom({ preferred_username: '***', sub: '42' })).toBe('42');
    expect(usernameFrom({ preferred_username: 'x'.repeat(100) })).toHaveLength(64);
  });
});

describe('OIDC_GROUP_ROLES', () => {
  it('reads group:dataset:role items; the dataset may hold colons', () => {
    expect(parseGroupRoles('team-b:b:viewer, editors:a:editor')).toEqual([
      { group: 'team-b', dataset: 'b', role: 'viewer' },
      { group: 'editors', dataset: 'a', role: 'editor' },
    ]);
    expect(parseGroupRoles('g:urn:x:admin')).toEqual([{ group: 'g', dataset: 'urn:x', role: 'admin' }]);
    expect(() => parseGroupRoles('g:b:owner')).toThrow(/OIDC_GROUP_ROLES/);
    expect(() => parseGroupRoles('g:viewer')).toThrow(/OIDC_GROUP_ROLES/);
    expect(() => parseGroupRoles('g:b:viewer,g:b:editor')).toThrow(/twice/);
  });

  it('is refused without the rest of the OpenID Connect settings, and an http issuer off this machine is refused', () => {
    expect(() => authConfigFromEnv({ AUTH: 'accounts', OIDC_GROUP_ROLES: 'g:b:viewer' }, dir)).toThrow(/^OIDC_GROUP_ROLES/);
    const oidc = { AUTH: 'accounts', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URI: 'https://graph.example.org/api/auth/oidc/callback' };
    expect(() => authConfigFromEnv({ ...oidc, OIDC_ISSUER: 'http://idp.example.org' }, dir)).toThrow(/^OIDC_ISSUER/);
    expect(() => authConfigFromEnv({ ...oidc, OIDC_ISSUER: 'https://idp.example.org', OIDC_REDIRECT_URI: 'https://graph.example.org/' }, dir)).toThrow(/^OIDC_REDIRECT_URI/);
    expect(authConfigFromEnv({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:9000' }, dir).oidc).toMatchObject({ scopes: 'openid profile email', groupsClaim: 'groups', groupRoles: [] });
  });

  it('grants at start, changes nothing on the next start, and takes back what the configuration no longer names', () => {
    const accounts = Accounts.open(path.join(dir, 'grants.sqlite'), options);
    try {
      expect(applyGroupRoles(accounts, parseGroupRoles('team-b:b:viewer,editors:a:editor'))).toEqual({ granted: 2, revoked: 0 });
      const first = accounts.grants.list();
      expect(applyGroupRoles(accounts, parseGroupRoles('team-b:b:viewer,editors:a:editor'))).toEqual({ granted: 0, revoked: 0 });
      expect(accounts.grants.list()).toEqual(first);
      // An admin's own grant to a group stays when the configuration drops its rules.
      accounts.grants.grant('c', 'group', 'team-b', 'editor', 'admin-id');
      expect(applyGroupRoles(accounts, parseGroupRoles('team-b:b:editor'))).toEqual({ granted: 1, revoked: 1 });
      expect(accounts.grants.list().map((g) => `${g.principal}:${g.dataset}:${g.role}:${g.grantedBy}`)).toEqual(['team-b:b:editor:configuration', 'team-b:c:editor:admin-id']);
      expect(accounts.grants.rolesOf('someone', ['team-b'])).toEqual(new Map([['b', 'editor'], ['c', 'editor']]));
      expect(accounts.audit.read({ limit: 10, actor: 'configuration' }).map((e) => e.action)).toEqual(['grant.revoke', 'grant', 'grant', 'grant']);
    } finally {
      accounts.close();
    }
  });
});
