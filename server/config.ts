// Reads and validates the server's configuration from the environment, once, at start: Neo4j, the listening address, and the security options the HTTP guards are given.
import { isIP } from 'node:net';
import path from 'node:path';
import { ConfigError, loadDatabaseConfig, portVariable, projectRoot, type DatabaseConfig } from '../db/config.ts';
import { DEFAULT_SECURITY, type BucketRule, type SecurityOptions } from './http/security.ts';

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
  /** What the HTTP guards are given (server/http/security.ts): limits, rate limits, Host names, the token, CORS. */
  security: SecurityOptions;
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
 * would listen on the network without a token (checkListenAddress).
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
  };
  checkListenAddress(config.host, config.security, env);
  return config;
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

/** The shortest API_TOKEN accepted: a guessable token is no lock. */
export const MIN_TOKEN_LENGTH = 16;

function parseHostnames(raw: string | undefined): string[] {
  const names = (raw ?? '').split(',').map((name) => name.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean);
  const bad = names.find((name) => !/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/.test(name) && !isIP(name.replace(/^\[|\]$/g, '')));
  if (bad !== undefined) throw new SecurityConfigError('PUBLIC_HOSTNAMES', `must be host names without scheme or port, such as graph.example.org; got '${bad}'`);
  return names.map((name) => (isIP(name) === 6 && !name.startsWith('[') ? `[${name}]` : name));
}

function parseToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < MIN_TOKEN_LENGTH || /[\s\u0000-\u001f\u007f]/.test(raw)) {
    throw new SecurityConfigError('API_TOKEN', `must be at least ${MIN_TOKEN_LENGTH} characters without spaces or control characters (e.g. openssl rand -hex 32)`);
  }
  return raw;
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
 * tests); RATE_LIMIT_SEARCH and RATE_LIMIT_CYPHER set BURST/PER_SECOND; PUBLIC_HOSTNAMES, API_TOKEN,
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
  const apiToken = parseToken(env.API_TOKEN);
  return {
    ...DEFAULT_SECURITY,
    corsOrigins,
    rateLimits,
    publicHostnames: parseHostnames(env.PUBLIC_HOSTNAMES),
    ...(apiToken !== undefined ? { apiToken } : {}),
    ...(trustProxy !== undefined ? { trustProxy } : {}),
  };
}

/** Is this listening address (HOST) one that only this machine can reach? */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || (isIP(name) === 4 && name.startsWith('127.'));
}

/**
 * Listening where other machines can connect, without a token, is refused unless the operator
 * says ALLOW_ANONYMOUS=true: the graph and its console would be open to the whole network.
 */
export function checkListenAddress(host: string, options: Pick<SecurityOptions, 'apiToken'>, env: NodeJS.ProcessEnv = process.env): void {
  if (isLoopbackHost(host) || options.apiToken !== undefined || env.ALLOW_ANONYMOUS === 'true') return;
  throw new SecurityConfigError(
    'HOST',
    `${host} is reachable from other machines; set API_TOKEN (and PUBLIC_HOSTNAMES), or ALLOW_ANONYMOUS=true to serve everyone without a token`,
  );
}
