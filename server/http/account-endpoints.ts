// Zod validators and registry entries for accounts: sign-in and sessions, personal tokens, and the admin's
// users, grants, sessions and audit trail. The OpenAPI document lists them with the explorer's endpoints.
import { z } from 'zod';
import { ROLES } from '../accounts/grants.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../accounts/passwords.ts';
import type { Endpoint } from './endpoints.ts';

const username = z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}._@-]+$/u, 'may hold letters, digits and . _ - @ only');
const role = z.enum(ROLES);
const datasetId = z.string().min(1).max(200).describe("A dataset's id (its Dataset node's id, or 'database' for a database Civic Graph did not build)");

export const SignInBody = z.strictObject({
  // Not trimmed or pattern-checked: any text is looked up, and an unknown name answers as a wrong password does.
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export const OwnerNameBody = z.strictObject({ name: z.string().trim().min(1).max(100).describe('How writes made at this machine are signed') });

export const PasswordBody = z.strictObject({
  current: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  next: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(MAX_PASSWORD_LENGTH),
});

export const TokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('What the token is for, e.g. "nightly export"'),
  days: z.number().int().min(1).max(366).default(90).describe('Days until it expires (1 to 366, default 90)'),
});

/** What the provider sends the browser back with (OpenID Connect authorization response); openid-client validates it. */
export const OidcCallbackQuery = z.object({
  code: z.string().optional().describe('The authorization code'),
  state: z.string().optional().describe('The state this server sent, once'),
  iss: z.string().optional().describe("The provider's issuer (RFC 9207)"),
  error: z.string().optional().describe("The provider's error code, when it refused"),
  error_description: z.string().optional(),
});

export const IdParams = z.strictObject({ id: z.string().min(1).max(100) });
export const HandleParams = z.strictObject({ handle: z.string().regex(/^[0-9a-f]{12}$/, 'is a 12-character session handle') });

export const NewUserBody = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(100).optional(),
  isAdmin: z.boolean().default(false),
  groups: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
});

export const UserPatchBody = z.strictObject({ disabled: z.boolean() });

export const GrantBody = z.strictObject({
  dataset: datasetId,
  kind: z.enum(['user', 'group', 'everyone']),
  principal: z.string().min(1).max(100).describe("The user's id, the group's name, or '*' for everyone"),
  role: role.optional().describe('The role to grant; absent in a revocation'),
});

export const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional().describe('Entries before this sequence number (paging back)'),
  actor: z.string().max(100).optional(),
  action: z.string().max(200).optional(),
});

const UserShape = z.object({ id: z.string(), username: z.string(), displayName: z.string(), isAdmin: z.boolean(), disabled: z.boolean(), groups: z.array(z.string()), oidc: z.boolean() });

export const SessionInfoSchema = z.object({
  mode: z.enum(['owner', 'accounts']),
  signedIn: z.boolean(),
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), isAdmin: z.boolean() }).optional(),
  /** Send it back as X-CSRF-Token on every request that changes something. */
  csrfToken: z.string().optional(),
  roles: z.union([z.literal('all'), z.record(z.string(), role)]),
  /** Whether the console is open to this user (grants over every dataset). */
  console: z.boolean(),
  oidc: z.object({ name: z.string() }).optional(),
});

const OkSchema = z.object({ ok: z.literal(true) });
const TokenInfoSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), expiresAt: z.string(), revoked: z.boolean(), lastUsedAt: z.string().nullable() });
const GrantSchema = z.object({ dataset: z.string(), kind: z.enum(['user', 'group', 'everyone']), principal: z.string(), role, grantedBy: z.string(), grantedAt: z.string() });
const AuditEntrySchema = z.object({ seq: z.number(), at: z.string(), actor: z.string().nullable(), address: z.string().nullable(), action: z.string(), target: z.string().nullable(), outcome: z.enum(['ok', 'refused', 'failed']), detail: z.record(z.string(), z.unknown()).nullable() });

export const ACCOUNT_ENDPOINTS = {
  session: {
    method: 'get', path: '/auth/session', operationId: 'getSession', tag: 'accounts', summary: 'Who is signed in, their roles per dataset and the CSRF token',
    response: { description: 'The session, or signedIn: false', schema: SessionInfoSchema }, errors: [],
  },
  signIn: {
    method: 'post', path: '/auth/sign-in', operationId: 'signIn', tag: 'accounts', summary: 'Sign in with a local account (team mode)',
    description: 'An unknown user and a wrong password get the same 401 sign_in_failed. Repeated failures per account and per address back off (429 with Retry-After). Sets an HttpOnly, SameSite=Strict session cookie; a new session id every time.',
    body: SignInBody, response: { description: 'The new session', schema: SessionInfoSchema }, errors: [400, 401, 429],
  },
  signOut: {
    method: 'post', path: '/auth/sign-out', operationId: 'signOut', tag: 'accounts', summary: 'End this session',
    response: { description: 'Signed out', schema: OkSchema }, errors: [],
  },
  oidcStart: {
    method: 'get', path: '/auth/oidc/start', operationId: 'startOidcSignIn', tag: 'accounts', summary: 'Sign in through OpenID Connect: sends the browser to the provider',
    description:
      'Team mode with OIDC_* set (404 oidc_not_configured otherwise). A browser navigation, not a fetch: answers 302 to the provider with PKCE (S256), state and nonce; the sign-in under way is kept 10 minutes, once, in the accounts store, and bound to this browser by a short-lived cookie. When the provider cannot be reached, 302 to /?signin_error=provider_unavailable.',
    response: { description: "To the provider's authorization endpoint, or to /?signin_error=CODE", redirect: true }, errors: [404],
  },
  oidcCallback: {
    method: 'get', path: '/auth/oidc/callback', operationId: 'finishOidcSignIn', tag: 'accounts', summary: 'Where the provider sends the browser back; opens a session',
    description:
      "Exchanges the code, validates the ID token (issuer, audience, expiry, nonce), finds the user by issuer and subject or creates one, takes the groups from the configured claim (OIDC_GROUPS_CLAIM) and sets the session cookie, then 302 to /. A failure (invalid_state, expired, browser_mismatch, provider_error, invalid_response, account_disabled, provider_unavailable) is audited and answered 302 to /?signin_error=CODE.",
    query: OidcCallbackQuery, response: { description: 'To / signed in, or to /?signin_error=CODE', redirect: true }, errors: [404],
  },
  ownerName: {
    method: 'put', path: '/auth/owner', operationId: 'setOwnerName', tag: 'accounts', summary: "Owner mode: the name the owner's writes are signed with",
    body: OwnerNameBody, response: { description: 'Saved', schema: OkSchema }, errors: [400, 403],
  },
  password: {
    method: 'post', path: '/auth/password', operationId: 'changePassword', tag: 'accounts', summary: "Change one's own password",
    body: PasswordBody, response: { description: 'Changed; other sessions of the user end', schema: OkSchema }, errors: [400, 401, 403],
  },
  tokens: {
    method: 'get', path: '/auth/tokens', operationId: 'listTokens', tag: 'accounts', summary: "One's own personal API tokens (never their secrets)",
    response: { description: 'Tokens', schema: z.object({ tokens: z.array(TokenInfoSchema) }) }, errors: [401],
  },
  tokenCreate: {
    method: 'post', path: '/auth/tokens', operationId: 'createToken', tag: 'accounts', summary: 'A new personal API token, shown once',
    body: TokenBody, response: { description: 'The token and its secret (send as Authorization: Bearer)', schema: z.object({ token: TokenInfoSchema, secret: z.string() }) }, errors: [400, 401, 403],
  },
  tokenRevoke: {
    method: 'delete', path: '/auth/tokens/:id', operationId: 'revokeToken', tag: 'accounts', summary: 'Revoke one of one\'s own tokens',
    params: IdParams, response: { description: 'Revoked', schema: OkSchema }, errors: [401, 404],
  },
  users: {
    method: 'get', path: '/admin/users', operationId: 'listUsers', tag: 'admin', summary: 'Every account (admins)',
    response: { description: 'Users', schema: z.object({ users: z.array(UserShape) }) }, errors: [401, 403],
  },
  userCreate: {
    method: 'post', path: '/admin/users', operationId: 'createUser', tag: 'admin', summary: 'A new local account; its first password is answered once',
    body: NewUserBody, response: { description: 'The user and a first password to hand over', schema: z.object({ user: UserShape, password: z.string() }) }, errors: [400, 401, 403, 409],
  },
  userPatch: {
    method: 'patch', path: '/admin/users/:id', operationId: 'updateUser', tag: 'admin', summary: 'Disable or enable an account (disabling ends its sessions)',
    params: IdParams, body: UserPatchBody, response: { description: 'The user', schema: z.object({ user: UserShape }) }, errors: [400, 401, 403, 404],
  },
  sessions: {
    method: 'get', path: '/admin/sessions', operationId: 'listSessions', tag: 'admin', summary: 'Live sessions (admins)',
    response: { description: 'Sessions by handle', schema: z.object({ sessions: z.array(z.object({ handle: z.string(), userId: z.string(), createdAt: z.string(), expiresAt: z.string(), address: z.string().nullable() })) }) }, errors: [401, 403],
  },
  sessionRevoke: {
    method: 'delete', path: '/admin/sessions/:handle', operationId: 'revokeSession', tag: 'admin', summary: 'End a session, on every server process at once',
    params: HandleParams, response: { description: 'Ended', schema: OkSchema }, errors: [400, 401, 403, 404],
  },
  grants: {
    method: 'get', path: '/admin/grants', operationId: 'listGrants', tag: 'admin', summary: 'Grants on the datasets this user administers',
    response: { description: 'Grants and the datasets they may be on', schema: z.object({ grants: z.array(GrantSchema), datasets: z.array(z.object({ id: z.string(), title: z.string() })) }) }, errors: [401, 403],
  },
  grant: {
    method: 'put', path: '/admin/grants', operationId: 'grant', tag: 'admin', summary: 'Grant a role on a dataset to a user, a group or everyone signed in',
    body: GrantBody, response: { description: 'Granted', schema: OkSchema }, errors: [400, 401, 403, 404],
  },
  revokeGrant: {
    method: 'delete', path: '/admin/grants', operationId: 'revokeGrant', tag: 'admin', summary: 'Take a grant back',
    body: GrantBody, response: { description: 'Revoked', schema: OkSchema }, errors: [400, 401, 403, 404],
  },
  audit: {
    method: 'get', path: '/admin/audit', operationId: 'readAudit', tag: 'admin', summary: 'The audit trail, newest first (admins)',
    query: AuditQuery, response: { description: 'Entries', schema: z.object({ entries: z.array(AuditEntrySchema) }) }, errors: [400, 401, 403],
  },
  auditExport: {
    method: 'get', path: '/admin/audit.jsonl', operationId: 'exportAudit', tag: 'admin', summary: 'The whole audit trail as JSON lines (admins)',
    response: { description: 'One entry per line, oldest first', schema: AuditEntrySchema, otherContent: { 'application/x-ndjson': 'always' } }, errors: [401, 403],
  },
} as const satisfies Record<string, Endpoint>;

export const ACCOUNT_ENDPOINT_LIST: readonly Endpoint[] = Object.values(ACCOUNT_ENDPOINTS);
