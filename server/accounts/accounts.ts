// The accounts service: signs people in, turns a session cookie or a personal token into a principal,
// and answers which role that principal holds in each dataset. Routes and middleware use only this.
import type { BookmarkKeeper } from '../../db/bookmarks.ts';
import type { DatabaseSync } from 'node:sqlite';
import { AuditTrail } from './audit.ts';
import { Grants, roleAtLeast, type Role } from './grants.ts';
import { checkPassword, MAX_PASSWORD_LENGTH } from './passwords.ts';
import { Sessions, type Session } from './sessions.ts';
import { openAccountStore } from './store.ts';
import { SignInThrottle } from './throttle.ts';
import { Tokens } from './tokens.ts';
import { Users, type User } from './users.ts';

/** Who is asking: the owner at their own machine (owner mode), or a signed-in user. */
export type Principal =
  | { kind: 'owner'; name: string }
  | { kind: 'user'; user: User; groups: string[]; via: 'session' | 'token'; csrfToken?: string; bookmarks?: BookmarkKeeper };

/** What a principal may do: every dataset (the owner, an instance admin) or a role per dataset. */
export type DatasetRoles = 'all' | ReadonlyMap<string, Role>;

export function principalName(principal: Principal): string {
  return principal.kind === 'owner' ? principal.name : principal.user.displayName;
}

/** The audit trail's actor: the user's id, or 'owner'. */
export function actorOf(principal: Principal | undefined): string | null {
  if (!principal) return null;
  return principal.kind === 'owner' ? 'owner' : principal.user.id;
}

export type SignInResult = { ok: true; id: string; session: Session; user: User } | { ok: false; retryAfterMs: number };

export interface AccountsOptions {
  sessionLifetimeMs: number;
}

export class Accounts {
  readonly users: Users;
  readonly grants: Grants;
  readonly sessions: Sessions;
  readonly tokens: Tokens;
  readonly audit: AuditTrail;
  private readonly throttle: SignInThrottle;

  constructor(
    readonly store: DatabaseSync,
    options: AccountsOptions,
  ) {
    this.users = new Users(store);
    this.grants = new Grants(store);
    this.sessions = new Sessions(store, options.sessionLifetimeMs);
    this.tokens = new Tokens(store);
    this.audit = new AuditTrail(store);
    this.throttle = new SignInThrottle(store);
  }

  static open(file: string, options: AccountsOptions): Accounts {
    return new Accounts(openAccountStore(file), options);
  }

  close(): void {
    this.store.close();
  }

  /**
   * A local sign-in. An unknown user, a wrong password, a disabled account and a throttled attempt
   * all answer the same `ok: false` (a throttled one with the wait), after the same argon2 work.
   */
  async signIn(username: string, password: string, address: string): Promise<SignInResult> {
    const keys = [`user:${username.toLowerCase()}`, `address:${address}`];
    const wait = this.throttle.waitMs(keys);
    if (wait > 0) {
      this.audit.record({ actor: null, address, action: 'sign-in', target: username, outcome: 'refused', detail: { reason: 'throttled' } });
      return { ok: false, retryAfterMs: wait };
    }
    const found = password.length <= MAX_PASSWORD_LENGTH ? this.users.forSignIn(username) : undefined;
    const matches = await checkPassword(found?.passwordHash, password.slice(0, MAX_PASSWORD_LENGTH));
    if (!found || !matches || found.user.disabled) {
      this.throttle.failed(keys);
      this.audit.record({ actor: found?.user.id ?? null, address, action: 'sign-in', target: username, outcome: 'failed' });
      return { ok: false, retryAfterMs: 0 };
    }
    this.throttle.succeeded(keys);
    const { id, session } = this.sessions.create(found.user.id, [], address);
    this.audit.record({ actor: found.user.id, address, action: 'sign-in', outcome: 'ok', detail: { method: 'password' } });
    return { ok: true, id, session, user: found.user };
  }

  /** A session for a user the identity provider vouched for (OpenID Connect), with the groups it named. */
  signInVerified(user: User, groups: readonly string[], address: string, method: string): { id: string; session: Session } {
    const created = this.sessions.create(user.id, groups, address);
    this.audit.record({ actor: user.id, address, action: 'sign-in', outcome: 'ok', detail: { method, groups: [...groups] } });
    return created;
  }

  /** The principal behind a session cookie; undefined when the session is unknown, over, or its user disabled. */
  fromSession(id: string): Principal | undefined {
    const session = this.sessions.find(id);
    const user = session && this.users.byId(session.userId);
    if (!session || !user || user.disabled) return undefined;
    const bookmarks = this.keeper(session.bookmarks, (kept) => this.sessions.keepBookmarks(id, kept));
    return { kind: 'user', user, groups: [...new Set([...session.groups, ...this.users.groupsOf(user.id)])], via: 'session', csrfToken: session.csrfToken, bookmarks };
  }

  /** The principal behind a personal token; its owner's rights, with the owner's local groups. */
  fromToken(secret: string): Principal | undefined {
    const used = this.tokens.use(secret);
    const user = used && this.users.byId(used.userId);
    if (!used || !user || user.disabled) return undefined;
    const bookmarks = this.keeper(used.bookmarks, (kept) => this.tokens.keepBookmarks(used.tokenId, kept));
    return { kind: 'user', user, groups: this.users.groupsOf(user.id), via: 'token', bookmarks };
  }

  /** The caller's bookmarks as read with their session or token, written back to its row after each write. */
  private keeper(initial: string[], store: (bookmarks: string[]) => void): BookmarkKeeper {
    let kept = initial;
    return {
      read: () => kept,
      keep: (bookmarks) => {
        if (!bookmarks.length) return;
        kept = [...bookmarks];
        store(kept);
      },
    };
  }

  /** The owner's name in owner mode, asked once by the page; 'owner' until given. */
  ownerName(): string {
    const row = this.store.prepare("SELECT value FROM settings WHERE key = 'owner_name'").get() as { value: string } | undefined;
    return row?.value ?? 'owner';
  }

  setOwnerName(name: string): void {
    this.store.prepare("INSERT INTO settings (key, value) VALUES ('owner_name', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(name);
  }

  rolesOf(principal: Principal): DatasetRoles {
    if (principal.kind === 'owner' || principal.user.isAdmin) return 'all';
    return this.grants.rolesOf(principal.user.id, principal.groups);
  }
}

/** Whether `roles` hold at least `needed` in `dataset`. */
export function may(roles: DatasetRoles, dataset: string, needed: Role): boolean {
  return roles === 'all' || roleAtLeast(roles.get(dataset), needed);
}
