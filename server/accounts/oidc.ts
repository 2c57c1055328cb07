// OpenID Connect sign-in (team mode): the redirect to the provider with PKCE, state and nonce, and the callback
// that exchanges the code, lets openid-client validate the ID token, finds or creates the user by (issuer,
// subject) and opens a session with the groups the provider named. Sign-ins under way live in the accounts
// store, so the callback may reach another server process, or this one after a restart.
import type { DatabaseSync } from 'node:sqlite';
import * as client from 'openid-client';
import type { GroupRole, OidcConfig } from '../config.ts';
import { isLoopbackHost } from '../config.ts';
import type { Logger } from '../context.ts';
import type { Accounts } from './accounts.ts';
import { secretHash } from './secrets.ts';
import { inTransaction, nowIso } from './store.ts';
import { USERNAME, type User } from './users.ts';

/** How long a sign-in may take at the provider. */
export const TRANSACTION_LIFETIME_MS = 10 * 60_000;
/** Sign-ins under way at most: a flood of /start requests fills no disk. */
const MAX_TRANSACTIONS = 10_000;
/** After a failed discovery, requests within this wait fail at once instead of each asking the provider again. */
const DISCOVERY_RETRY_MS = 5_000;
/** Who the audit trail names for grants made by OIDC_GROUP_ROLES. */
export const CONFIGURATION = 'configuration';

/** Why a sign-in failed; the page gets it as /?signin_error=CODE. */
export type SignInFailure =
  | 'provider_unavailable'
  | 'busy'
  | 'invalid_state'
  | 'expired'
  | 'browser_mismatch'
  | 'provider_error'
  | 'invalid_response'
  | 'account_disabled';

export class OidcFailure extends Error {
  constructor(
    readonly reason: SignInFailure,
    message: string,
    /** Safe to keep: an OAuth error code or the library's error code, never a code, token or claim. */
    readonly detail: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface Transaction {
  browserHash: string;
  issuer: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: number;
}

/** Sign-ins under way, in the accounts store: created at /start, taken (once) at the callback. */
export class OidcTransactions {
  constructor(private readonly db: DatabaseSync) {}

  /** Stores a sign-in under way; false when too many are (expired ones are cleared first). */
  put(state: string, transaction: Transaction): boolean {
    return inTransaction(this.db, () => {
      this.db.prepare('DELETE FROM oidc_transactions WHERE expires_at <= ?').run(Date.now());
      const { live } = this.db.prepare('SELECT count(*) AS live FROM oidc_transactions').get() as { live: number };
      if (live >= MAX_TRANSACTIONS) return false;
      this.db
        .prepare('INSERT INTO oidc_transactions (state_hash, browser_hash, issuer, nonce, code_verifier, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(secretHash(state), transaction.browserHash, transaction.issuer, transaction.nonce, transaction.codeVerifier, nowIso(), transaction.expiresAt);
      return true;
    });
  }

  /**
   * Takes the sign-in with this state out of the store: one DELETE ... RETURNING, so of two callbacks with
   * the same state (a replay, or two processes) exactly one gets it. An expired one is taken and answered as such.
   */
  take(state: string): Transaction | undefined {
    const row = this.db
      .prepare('DELETE FROM oidc_transactions WHERE state_hash = ? RETURNING browser_hash, issuer, nonce, code_verifier, expires_at')
      .get(secretHash(state)) as { browser_hash: string; issuer: string; nonce: string; code_verifier: string; expires_at: number } | undefined;
    return row && { browserHash: row.browser_hash, issuer: row.issuer, nonce: row.nonce, codeVerifier: row.code_verifier, expiresAt: row.expires_at };
  }
}

/** The value of `claim` in `claims`: the key itself, or a dotted path into objects (realm_access.roles). */
function claimValue(claims: Record<string, unknown>, claim: string): unknown {
  if (claim in claims) return claims[claim];
  let value: unknown = claims;
  for (const part of claim.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The groups the provider named: an array of strings, or none at all (anything else is not trusted to mean groups). */
export function groupsFrom(claims: Record<string, unknown>, claim: string): string[] {
  const value = claimValue(claims, claim);
  if (!Array.isArray(value) || !value.every((g): g is string => typeof g === 'string')) return [];
  return [...new Set(value.map((g) => g.trim()).filter((g) => g.length > 0 && g.length <= 200))];
}

/** A username from the provider's claims: preferred_username, else email, else sub, made to fit USERNAME. */
export function usernameFrom(claims: Record<string, unknown>): string {
  for (const key of ['preferred_username', 'email', 'sub']) {
    const value = claims[key];
    if (typeof value !== 'string') continue;
    const name = value.normalize('NFC').replace(/[^\p{L}\p{N}._@-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 64);
    if (name && USERNAME.test(name)) return name;
  }
  return 'user';
}

function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;
}

export interface CallbackInput {
  /** The query string the provider sent the browser back with (without '?'). */
  query: string;
  /** The value of the browser-binding cookie, when the browser sent one. */
  browser: string | undefined;
  address: string;
}

export interface OidcSignInOptions {
  /** Ask the provider at another address than the issuer's (never in production; unused by the app). */
  fetch?: client.CustomFetch;
  log?: Logger;
}

/** OpenID Connect sign-in against one provider. */
export class OidcSignIn {
  private readonly transactions: OidcTransactions;
  private discovered: Promise<client.Configuration> | undefined;
  private failedAt = 0;

  constructor(
    private readonly accounts: Accounts,
    readonly config: OidcConfig,
    private readonly options: OidcSignInOptions = {},
  ) {
    this.transactions = new OidcTransactions(accounts.store);
  }

  /**
   * The provider's metadata, found at the first sign-in and kept; a failure is not kept (the next sign-in
   * after a short wait asks again), so a provider that was down at start does not need a restart here.
   */
  private configuration(): Promise<client.Configuration> {
    if (this.discovered) return this.discovered;
    if (Date.now() - this.failedAt < DISCOVERY_RETRY_MS) return Promise.reject(new OidcFailure('provider_unavailable', 'the provider could not be reached a moment ago'));
    const issuer = new URL(this.config.issuer);
    // openid-client speaks only HTTPS; plain HTTP is allowed for a provider on this machine (tests, a local IdP), never beyond.
    const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
    const discovered = client
      .discovery(issuer, this.config.clientId, { client_secret: this.config.clientSecret }, client.ClientSecretBasic(this.config.clientSecret), {
        ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
        ...(this.options.fetch ? { [client.customFetch]: this.options.fetch } : {}),
      })
      .catch((error: unknown) => {
        this.discovered = undefined;
        this.failedAt = Date.now();
        this.options.log?.error('OpenID Connect discovery failed', { issuer: this.config.issuer, error: String(error) });
        throw new OidcFailure('provider_unavailable', 'the OpenID Connect provider could not be reached', { cause: errorCode(error) });
      });
    this.discovered = discovered;
    return discovered;
  }

  /**
   * Starts a sign-in: stores state, nonce and PKCE verifier, bound to `browser` (a value the route keeps in a
   * cookie), and answers where to send the browser.
   */
  async start(browser: string): Promise<URL> {
    const configuration = await this.configuration();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const stored = this.transactions.put(state, { browserHash: secretHash(browser), issuer: this.config.issuer, nonce, codeVerifier, expiresAt: Date.now() + TRANSACTION_LIFETIME_MS });
    if (!stored) throw new OidcFailure('busy', 'too many sign-ins are under way; try again in a few minutes');
    return client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUri,
      scope: this.config.scopes,
      response_type: 'code',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Finishes a sign-in: answers the new session's id (for the cookie) and the user, or throws an OidcFailure. */
  async finish({ query, browser, address }: CallbackInput): Promise<{ id: string; user: User; groups: string[] }> {
    const params = new URLSearchParams(query);
    const states = params.getAll('state');
    const state = states.length === 1 ? states[0] : undefined;
    // Taken before anything else: whatever happens next, this state is used up.
    const transaction = state ? this.transactions.take(state) : undefined;
    if (!state || !transaction) throw new OidcFailure('invalid_state', 'unknown or already used sign-in state');
    if (transaction.expiresAt <= Date.now()) throw new OidcFailure('expired', 'the sign-in took longer than 10 minutes');
    // The browser that comes back must be the one that left: a callback URL handed to someone else signs nobody in.
    if (!browser || secretHash(browser) !== transaction.browserHash) throw new OidcFailure('browser_mismatch', 'the sign-in was started in another browser');
    if (transaction.issuer !== this.config.issuer) throw new OidcFailure('invalid_state', 'the sign-in was started with another provider');
    const configuration = await this.configuration();
    // The URL the provider redirected to is the configured one (a proxy in front may have changed host and scheme).
    const current = new URL(this.config.redirectUri);
    current.search = params.toString();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, current, { pkceCodeVerifier: transaction.codeVerifier, expectedState: state, expectedNonce: transaction.nonce, idTokenExpected: true });
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError) throw new OidcFailure('provider_error', 'the provider refused the sign-in', { error: error.error.slice(0, 100) });
      this.options.log?.error('OpenID Connect code exchange failed', { error: String(error) });
      throw new OidcFailure('invalid_response', "the provider's answer could not be verified", { cause: errorCode(error) });
    }
    const idToken = tokens.claims();
    if (!idToken) throw new OidcFailure('invalid_response', 'the provider sent no ID token');
    const claims: Record<string, unknown> = { ...idToken };
    // Providers that follow the core spec strictly put profile claims and groups only in UserInfo when an
    // access token is issued; ask there for what the ID token lacks (the subject must match, the library checks).
    const needs = claimValue(claims, this.config.groupsClaim) === undefined || (claims.preferred_username === undefined && claims.email === undefined);
    if (needs && tokens.access_token && configuration.serverMetadata().userinfo_endpoint) {
      try {
        const info = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
        for (const [key, value] of Object.entries(info)) if (!(key in claims)) claims[key] = value;
      } catch (error) {
        this.options.log?.error('OpenID Connect UserInfo failed; signing in with the ID token alone', { error: String(error) });
      }
    }
    const user = this.findOrCreate(idToken.iss, idToken.sub, claims);
    if (user.disabled) throw new OidcFailure('account_disabled', 'this account is disabled', { user: user.id });
    const groups = groupsFrom(claims, this.config.groupsClaim);
    const { id } = this.accounts.signInVerified(user, groups, address, 'oidc');
    return { id, user, groups };
  }

  /** The user the provider vouched for: known by (issuer, subject), or new, with a unique username. */
  private findOrCreate(issuer: string, subject: string, claims: Record<string, unknown>): User {
    const { users } = this.accounts;
    // One write transaction: two processes creating the same new user take turns, and the second finds the first's.
    return inTransaction(this.accounts.store, () => {
      const known = users.byOidc(issuer, subject);
      if (known) return known;
      const base = usernameFrom(claims);
      let username = base;
      for (let n = 2; users.forSignIn(username); n++) username = `${base.slice(0, 64 - String(n).length - 1)}-${n}`;
      const user = users.create({ username, displayName: text(claims.name, 100) ?? username, oidc: { issuer, subject } });
      this.accounts.audit.record({ actor: user.id, action: 'user.create', target: user.id, outcome: 'ok', detail: { username, method: 'oidc' } });
      return user;
    });
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code.slice(0, 100) : error instanceof Error ? error.name : 'unknown';
}

/**
 * Grants by configuration (OIDC_GROUP_ROLES), at every start: the configuration decides the (group, dataset)
 * pairs it names, so a rule becomes a grant to its group unless that grant holds the rule's role already
 * (idempotent: a restart changes nothing). A grant the configuration made and no longer names is taken
 * back; every other grant is the page's and stays.
 */
export function applyGroupRoles(accounts: Accounts, rules: readonly GroupRole[]): { granted: number; revoked: number } {
  return inTransaction(accounts.store, () => {
    let granted = 0;
    let revoked = 0;
    const existing = accounts.grants.list().filter((g) => g.kind === 'group');
    for (const rule of rules) {
      const current = existing.find((g) => g.principal === rule.group && g.dataset === rule.dataset);
      if (current?.role === rule.role) continue;
      accounts.grants.grant(rule.dataset, 'group', rule.group, rule.role, CONFIGURATION);
      accounts.audit.record({ actor: CONFIGURATION, action: 'grant', target: rule.dataset, outcome: 'ok', detail: { kind: 'group', principal: rule.group, role: rule.role, via: 'OIDC_GROUP_ROLES' } });
      granted++;
    }
    for (const grant of existing) {
      if (grant.grantedBy !== CONFIGURATION || rules.some((r) => r.group === grant.principal && r.dataset === grant.dataset)) continue;
      accounts.grants.revoke(grant.dataset, 'group', grant.principal);
      accounts.audit.record({ actor: CONFIGURATION, action: 'grant.revoke', target: grant.dataset, outcome: 'ok', detail: { kind: 'group', principal: grant.principal, via: 'OIDC_GROUP_ROLES' } });
      revoked++;
    }
    return { granted, revoked };
  });
}
