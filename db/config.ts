// Which Neo4j to use and how to run the embedded one, read from the NEO4J_* environment variables.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MisconfiguredError } from '../model/index.ts';

export interface Neo4jTarget {
  /** Connect to this server; when absent the embedded launcher is started. */
  uri?: string;
  username: string;
  password: string;
  database?: string;
}

export interface EmbeddedOptions {
  boltHost: string;
  boltPort: number;
  dataDir: string;
  heap: string;
  pageCache: string;
  txMemory: string;
  txMemoryGlobal: string;
  txTimeoutSeconds: number;
}

export interface DatabaseConfig {
  neo4j: Neo4jTarget;
  embedded: EmbeddedOptions;
}

/** A configuration problem, reported as one line naming the variable. */
export class ConfigError extends MisconfiguredError {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

/** The folder of package.json, found upwards: the same from the sources (db/) and from the compiled server (dist/server/db/). */
function packageRoot(dir: string): string {
  if (existsSync(path.join(dir, 'package.json')) || path.dirname(dir) === dir) return dir;
  return packageRoot(path.dirname(dir));
}

export const projectRoot = packageRoot(import.meta.dirname);

const URI_SCHEMES = ['bolt:', 'bolt+s:', 'bolt+ssc:', 'neo4j:', 'neo4j+s:', 'neo4j+ssc:'];

export function portVariable(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new ConfigError(name, `must be a port number from 0 to 65535, got '${raw}'`);
  }
  return Number(raw);
}

function size(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  if (!/^\d+[kmg]?$/i.test(raw)) throw new ConfigError(name, `must be a size such as 512m or 2g, got '${raw}'`);
  return raw;
}

function uri(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.NEO4J_URI;
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError('NEO4J_URI', `is not a URI: '${raw}'`);
  }
  if (!URI_SCHEMES.includes(parsed.protocol)) {
    throw new ConfigError('NEO4J_URI', `must start with one of ${URI_SCHEMES.map((s) => s + '//').join(', ')}; got '${raw}'`);
  }
  return raw;
}

export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const txTimeout = env.NEO4J_TX_TIMEOUT_SECONDS ?? '60';
  if (!/^\d+$/.test(txTimeout)) throw new ConfigError('NEO4J_TX_TIMEOUT_SECONDS', `must be a whole number, got '${txTimeout}'`);
  return {
    neo4j: {
      uri: uri(env),
      username: env.NEO4J_USERNAME || 'neo4j',
      password: env.NEO4J_PASSWORD || '',
      database: env.NEO4J_DATABASE || undefined,
    },
    embedded: {
      boltHost: '127.0.0.1',
      boltPort: portVariable(env, 'NEO4J_BOLT_PORT', 7687),
      dataDir: path.resolve(projectRoot, env.NEO4J_DATA_DIR || 'neo4j/data'),
      heap: size(env, 'NEO4J_HEAP', '1g'),
      pageCache: size(env, 'NEO4J_PAGECACHE', '512m'),
      txMemory: size(env, 'NEO4J_TX_MEMORY', '256m'),
      txMemoryGlobal: size(env, 'NEO4J_TX_MEMORY_GLOBAL', '1g'),
      txTimeoutSeconds: Number(txTimeout),
    },
  };
}
