// Reads and validates the server's configuration from the environment, once, at start: Neo4j, the listening address, and the security options the HTTP guards are given.
import { isIP } from 'node:net';
import path from 'node:path';
import { ConfigError, loadDatabaseConfig, portVariable, projectRoot, type DatabaseConfig } from '../db/config.ts';
import { DEFAULT_SECURITY, type BucketRule, type SecurityOptions } from './http/security.ts';
import { ROLES, type Role } from './accounts/grants.ts';

export interface Config extends DatabaseConfig {
  port: number;
  host: string;
  /** Seed the bundled dataset when the database holds no nodes. */
  seedWhenEmpty: boolean;
  clientDir: string;
  /**
   * The console's own Neo4j user (NEO4J_CONSOLE_USERNAME, NEO4J_CONSOLE_PASSWORD), for editions
   * with roles (Enterprise, Aura): give it a read-only role, so that Neo4j itself refuses any
   * write the console's checks might miss. Absent: the console uses the server's connection.
   */
  console?: { username: string; password: string };
  /** What the HTTP guards are given (server/http/security.ts): limits, rate limits, Host names, CORS. */
  security: SecurityOptions;
  /** Who may do what: owner mode or team mode, and where accounts live (server/accounts/). */
  auth: AuthConfig;
  /** OVERVIEW_MAX_NODES: above this many nodes the page opens on the schema view (default in services/schema.ts). */
  overviewMaxNodes?: number;
}

/** AUTH: 'owner' (default: the person at the machine, no sign-in) or 'accounts' (team mode: sign-in for every request). */
export type AuthMode = 'owner' | 'accounts';

export interface AuthConfig {
  mode: AuthMode;
  /** The SQLite file of accounts, sessions, token hashes and the audit trail (ACCOUNTS_DB). */
  storeFile: string;
  /** How long a session lasts without signing in again (SESSION_HOURS, default 12). */
  sessionHours: number;
  /** Secure cookies: 'auto' when the request came over HTTPS (directly or through a trusted proxy), or always (COOKIE_SECURE=true). */
  cookieSecure: 'auto' | true;
  /** Record reads of these datasets in the audit trail (AUDIT_READS=ds1,ds2). */
  auditReads: readonly string[];
  /** OpenID Connect sign-in (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI, OIDC_GROUPS_CLAIM, OIDC_SCOPES, OIDC_NAME, OIDC_GROUP_ROLES). */
  oidc?: OidcConfig;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the user back: https://HOST/api/auth/oidc/callback. */
  redirectUri: string;
  /** The ID token claim that lists the user's groups (default 'groups'); a dotted path such as realm_access.roles reaches into an object. */
  groupsClaim: string;
  /** The scopes asked for (OIDC_SCOPES, default 'openid profile email'; some providers release groups only with a 'groups' scope). */
  scopes: string;
  /** The page's name for the provider's button (OIDC_NAME). */
  name: string;
  /** Roles the provider's groups hold by configuration (OIDC_GROUP_ROLES=group:dataset:role,...), granted at start. */
  groupRoles: readonly GroupRole[];
}

/** One grant by configuration: members of `group` (as the provider names it) hold `role` on `dataset`. */
export interface GroupRole {
  group: string;
  dataset: string;
  role: Role;
}

/** OIDC_GROUP_ROLES: `group:dataset:role` items, comma-separated; the dataset may itself hold colons (the first part is the group, the last the role). */
export function parseGroupRoles(raw: string): GroupRole[] {
  const out: GroupRole[] = [];
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const parts = item.split(':');
    const group = parts[0]?.trim() ?? '';
    const role = parts.length >= 3 ? (parts[parts.length - 1]?.trim() ?? '') : '';
    const dataset = parts.slice(1, -1).join(':').trim();
    if (!group || !dataset || group.length > 100 || dataset.length > 200 || !(ROLES as readonly string[]).includes(role)) {
      throw new ConfigError('OIDC_GROUP_ROLES', `must be group:dataset:role items, comma-separated, with role one of ${ROLES.join(', ')}; got '${item}'`);
    }
    if (out.some((g) => g.group === group && g.dataset === dataset)) throw new ConfigError('OIDC_GROUP_ROLES', `names group '${group}' on dataset '${dataset}' twice`);
    out.push({ group, dataset, role: role as Role });
  }
  return out;
}

/** An address given to a browser or fetched by the server: HTTPS, or HTTP on this machine only (a provider or a server under test). */
function checkUrl(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a URL: '${raw}'`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new ConfigError(name, `must be an https:// address (http:// only on this machine, 127.0.0.1 or localhost); got '${raw}'`);
  }
  return url;
}

/** Where the accounts store lives by default: beside the embedded database's files (one backup), or under data/. */
function defaultStoreFile(env: NodeJS.ProcessEnv, dataDir: string): string {
  return env.NEO4J_URI ? path.resolve(projectRoot, 'data', 'accounts.sqlite') : path.join(dataDir, 'accounts.sqlite');
}

function oidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const names = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;
  const given = names.filter((name) => env[name]);
  if (!given.length) {
    const stray = (['OIDC_GROUP_ROLES', 'OIDC_GROUPS_CLAIM', 'OIDC_SCOPES', 'OIDC_NAME'] as const).find((name) => env[name]);
    if (stray) throw new ConfigError(stray, 'is for OpenID Connect sign-in: set OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI too');
    return undefined;
  }
  const missing = names.filter((name) => !env[name]);
  if (missing.length) throw new ConfigError(missing[0] as string, `must be set with ${given.join(', ')} (OpenID Connect sign-in needs all four)`);
  checkUrl('OIDC_ISSUER', env.OIDC_ISSUER as string);
  const redirect = checkUrl('OIDC_REDIRECT_URI', env.OIDC_REDIRECT_URI as string);
  // The provider sends the browser back here: a path that is not our callback is a mistake found now, not at the first sign-in.
  if (!redirect.pathname.endsWith('/api/auth/oidc/callback') || redirect.search || redirect.hash) {
    throw new ConfigError('OIDC_REDIRECT_URI', `must be this server's callback, https://HOST/api/auth/oidc/callback; got '${env.OIDC_REDIRECT_URI}'`);
  }
  const scopes = (env.OIDC_SCOPES || 'openid profile email').split(/[\s,]+/).filter(Boolean);
  if (!scopes.includes('openid')) throw new ConfigError('OIDC_SCOPES', `must include 'openid'; got '${env.OIDC_SCOPES}'`);
  return {
    issuer: env.OIDC_ISSUER as string,
    clientId: env.OIDC_CLIENT_ID as string,
    clientSecret: env.OIDC_CLIENT_SECRET as string,
    redirectUri: env.OIDC_REDIRECT_URI as string,
    groupsClaim: env.OIDC_GROUPS_CLAIM || 'groups',
    scopes: scopes.join(' '),
    name: env.OIDC_NAME || 'single sign-on',
    groupRoles: parseGroupRoles(env.OIDC_GROUP_ROLES ?? ''),
  };
}

/** Reads AUTH and what team mode needs; refuses API_TOKEN, which personal tokens replaced (README: "Moving from API_TOKEN"). */
export function authConfigFromEnv(env: NodeJS.ProcessEnv, dataDir: string): AuthConfig {
  if (env.API_TOKEN) {
    throw new SecurityConfigError('API_TOKEN', 'is replaced by personal tokens: set AUTH=accounts, create an admin with `npm run user -- add NAME --admin`, then `npm run user -- token NAME scripts` and send that token instead (README: "Moving from API_TOKEN")');
  }
  const mode = env.AUTH || 'owner';
  if (mode !== 'owner' && mode !== 'accounts') throw new SecurityConfigError('AUTH', `must be 'owner' or 'accounts'; got '${mode}'`);
  const hours = env.SESSION_HOURS ?? '12';
  if (!/^\d+(\.\d+)?$/.test(hours) || Number(hours) <= 0) throw new SecurityConfigError('SESSION_HOURS', `must be a positive number of hours; got '${hours}'`);
  if (env.COOKIE_SECURE && env.COOKIE_SECURE !== 'true' && env.COOKIE_SECURE !== 'auto') throw new SecurityConfigError('COOKIE_SECURE', `must be 'true' or 'auto'; got '${env.COOKIE_SECURE}'`);
  const oidc = oidcConfig(env);
  if (oidc && mode !== 'accounts') throw new SecurityConfigError('OIDC_ISSUER', 'OpenID Connect sign-in is for team mode: set AUTH=accounts');
  return {
    mode,
    storeFile: env.ACCOUNTS_DB ? path.resolve(projectRoot, env.ACCOUNTS_DB) : defaultStoreFile(env, dataDir),
    sessionHours: Number(hours),
    cookieSecure: env.COOKIE_SECURE === 'true' ? true : 'auto',
    auditReads: (env.AUDIT_READS || '').split(',').map((s) => s.trim()).filter(Boolean),
    ...(oidc ? { oidc } : {}),
  };
}

function overviewMaxNodes(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.OVERVIEW_MAX_NODES;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError('OVERVIEW_MAX_NODES', `must be a whole number of nodes; got '${raw}'`);
  return Number(raw.trim());
}

function consoleUser(env: NodeJS.ProcessEnv): Config['console'] {
  const username = env.NEO4J_CONSOLE_USERNAME;
  const password = env.NEO4J_CONSOLE_PASSWORD;
  if (!username && !password) return undefined;
  if (!username) throw new ConfigError('NEO4J_CONSOLE_USERNAME', 'must be set when NEO4J_CONSOLE_PASSWORD is');
  if (!password) throw new ConfigError('NEO4J_CONSOLE_PASSWORD', 'must be set when NEO4J_CONSOLE_USERNAME is');
  if (!env.NEO4J_URI) throw new ConfigError('NEO4J_CONSOLE_USERNAME', 'needs NEO4J_URI: the embedded Neo4j (Community) has no roles to make a read-only user');
  return { username, password };
}

/**
 * Reads the whole configuration, and refuses to go on (before anything starts) when the server
 * would listen on the network without accounts (checkListenAddress).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = {
    ...loadDatabaseConfig(env),
    port: portVariable(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    seedWhenEmpty: env.SEED_WHEN_EMPTY !== 'false',
    clientDir: path.resolve(projectRoot, 'dist/client'),
    console: consoleUser(env),
    security: securityOptionsFromEnv((env.CORS_ORIGINS || '').split(',').map((s) => s.trim()).filter(Boolean), env),
    overviewMaxNodes: overviewMaxNodes(env),
  };
  const auth = authConfigFromEnv(env, config.embedded.dataDir);
  checkListenAddress(config.host, auth.mode);
  return { ...config, auth };
}

/** A security setting could not be read from the environment; the message names the variable. */
export class SecurityConfigError extends ConfigError {}

function parseRule(name: string, raw: string): BucketRule {
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(raw.trim());
  if (!match || Number(match[1]) < 1 || Number(match[2]) <= 0) {
    throw new SecurityConfigError(name, `must be BURST/PER_SECOND such as 120/10, or 'off'; got '${raw}'`);
  }
  return { burst: Number(match[1]), perSecond: Number(match[2]) };
}

function parseHostnames(raw: string | undefined): string[] {
  const names = (raw ?? '').split(',').map((name) => name.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean);
  const bad = names.find((name) => !/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/.test(name) && !isIP(name.replace(/^\[|\]$/g, '')));
  if (bad !== undefined) throw new SecurityConfigError('PUBLIC_HOSTNAMES', `must be host names without scheme or port, such as graph.example.org; got '${bad}'`);
  return names.map((name) => (isIP(name) === 6 && !name.startsWith('[') ? `[${name}]` : name));
}

/** TRUST_PROXY: 'false', a hop count (1 = the one proxy in front), or a comma-separated list of addresses, subnets and Express' names. */
function parseTrustProxy(raw: string): number | string[] | undefined {
  const value = raw.trim();
  if (value === '' || value === 'false' || value === '0') return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  const bad = items.find((item) => {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return false;
    const [address, bits, ...rest] = item.split('/');
    return rest.length > 0 || !isIP(address ?? '') || (bits !== undefined && !/^\d{1,3}$/.test(bits));
  });
  if (bad !== undefined || !items.length) {
    throw new SecurityConfigError('TRUST_PROXY', `must be a hop count such as 1, or addresses and subnets such as 10.0.0.1,10.1.0.0/16 or loopback; got '${bad ?? raw}'`);
  }
  return items;
}

/**
 * Reads the security options from the environment: RATE_LIMIT=off turns rate limits off (load
 * tests); RATE_LIMIT_SEARCH and RATE_LIMIT_CYPHER set BURST/PER_SECOND; PUBLIC_HOSTNAMES,
 * TRUST_PROXY; the CORS origins are given (CORS_ORIGINS, read by loadConfig).
 */
export function securityOptionsFromEnv(corsOrigins: readonly string[], env: NodeJS.ProcessEnv = process.env): SecurityOptions {
  let rateLimits: SecurityOptions['rateLimits'] = DEFAULT_SECURITY.rateLimits;
  if (env.RATE_LIMIT === 'off') {
    rateLimits = false;
  } else if (rateLimits) {
    rateLimits = {
      '/search': env.RATE_LIMIT_SEARCH ? parseRule('RATE_LIMIT_SEARCH', env.RATE_LIMIT_SEARCH) : rateLimits['/search']!,
      '/cypher': env.RATE_LIMIT_CYPHER ? parseRule('RATE_LIMIT_CYPHER', env.RATE_LIMIT_CYPHER) : rateLimits['/cypher']!,
    };
  }
  const trustProxy = env.TRUST_PROXY ? parseTrustProxy(env.TRUST_PROXY) : undefined;
  return {
    ...DEFAULT_SECURITY,
    corsOrigins,
    rateLimits,
    publicHostnames: parseHostnames(env.PUBLIC_HOSTNAMES),
    ...(trustProxy !== undefined ? { trustProxy } : {}),
  };
}

/** Is this listening address (HOST) one that only this machine can reach? */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || (isIP(name) === 4 && name.startsWith('127.'));
}

/**
 * Listening where other machines can connect is team mode only: in owner mode the person at the
 * machine has every right without signing in, which must never reach the network.
 */
export function checkListenAddress(host: string, mode: AuthMode): void {
  if (isLoopbackHost(host) || mode === 'accounts') return;
  throw new SecurityConfigError('HOST', `${host} is reachable from other machines; set AUTH=accounts (team mode: everyone signs in) and PUBLIC_HOSTNAMES, or listen on 127.0.0.1`);
}
