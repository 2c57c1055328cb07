// The accounts store on a real SQLite file: sign-in answers, back-off, sessions and tokens shared by two
// handles on one file (as two server processes), secrets stored only as hashes, roles, an append-only trail.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Accounts, may } from '../../server/accounts/accounts.ts';
import { hashPassword } from '../../server/accounts/passwords.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-accounts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'accounts.sqlite');
const options = { sessionLifetimeMs: 60_000 };
const one = Accounts.open(file, options);
const two = Accounts.open(file, options);
afterAll(() => {
  one.close();
  two.close();
});

const password = 'correct horse battery staple';
const alice = one.users.create({ username: 'alice', displayName: 'Alice Example', passwordHash: await hashPassword(password) });

describe('sign-in', () => {
  it('answers an unknown user and a wrong password alike, and signs in the right one', async () => {
    const unknown = await one.signIn('nobody', password, '10.0.0.1');
    const wrong = await one.signIn('alice', 'not the password', '10.0.0.2');
    expect(unknown).toEqual(wrong);
    const right = await one.signIn('Alice', password, '10.0.0.3');
    expect(right.ok).toBe(true);
  });

  it('backs off after repeated failures, per account, for every handle on the store', async () => {
    for (let i = 0; i < 4; i++) await one.signIn('alice', `wrong ${i}`, `10.1.0.${i}`);
    const refused = await two.signIn('alice', password, '10.1.1.1');
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok === false && refused.retryAfterMs).toBeGreaterThan(0);
    const trail = one.audit.read({ limit: 5, action: 'sign-in' });
    expect(trail[0]).toMatchObject({ outcome: 'refused', detail: { reason: 'throttled' } });
  });
});

describe('sessions and tokens', () => {
  it('a session made through one handle works through the other, and a revocation ends it on both', () => {
    const { id } = one.sessions.create(alice.id, ['team-b'], '127.0.0.1');
    expect(two.fromSession(id)).toMatchObject({ kind: 'user', user: { id: alice.id }, groups: ['team-b'] });
    expect(two.sessions.revokeUser(alice.id)).toBeGreaterThan(0);
    expect(one.fromSession(id)).toBeUndefined();
    expect(two.fromSession(id)).toBeUndefined();
  });

  it('a token acts as its owner until revoked, and only its hash is stored', () => {
    const { secret, token } = one.tokens.create(alice.id, 'nightly export', new Date(Date.now() + 60_000));
    expect(two.fromToken(secret)).toMatchObject({ kind: 'user', user: { id: alice.id }, via: 'token' });
    one.store.exec('PRAGMA wal_checkpoint(FULL)');
    expect(readFileSync(file).includes(Buffer.from(secret))).toBe(false);
    expect(two.tokens.revoke(token.id)).toBe(true);
    expect(one.fromToken(secret)).toBeUndefined();
  });

  it('an expired token is refused', () => {
    const { secret } = one.tokens.create(alice.id, 'old', new Date(Date.now() - 1));
    expect(one.fromToken(secret)).toBeUndefined();
  });
});

describe('roles per dataset', () => {
  it('combines grants to the user, to a group and to everyone, keeping the highest', () => {
    const bob = one.users.create({ username: 'bob' });
    one.grants.grant('a', 'user', bob.id, 'viewer', 'owner');
    one.grants.grant('a', 'group', 'reviewers', 'reviewer', 'owner');
    one.grants.grant('public', 'everyone', '*', 'viewer', 'owner');
    const roles = one.rolesOf({ kind: 'user', user: bob, groups: ['reviewers'], via: 'session' });
    expect(roles).not.toBe('all');
    expect(may(roles, 'a', 'editor')).toBe(true);
    expect(may(roles, 'a', 'admin')).toBe(false);
    expect(may(roles, 'public', 'viewer')).toBe(true);
    expect(may(roles, 'b', 'viewer')).toBe(false);
    expect(one.rolesOf({ kind: 'owner', name: 'me' })).toBe('all');
  });
});

describe('the audit trail', () => {
  it('is append-only and keeps no secret', () => {
    one.audit.record({ actor: 'owner', action: 'token.create', outcome: 'ok', detail: { name: 'x', token: 'cgt_abc', password: 'p', note: 'cgt_leak' } });
    const [last] = one.audit.read({ limit: 1 });
    expect(last?.detail).toEqual({ name: 'x' });
    expect(() => one.store.exec('UPDATE audit SET outcome = 1')).toThrow(/append-only/);
    expect(() => one.store.exec('DELETE FROM audit')).toThrow(/append-only/);
  });
});
