// Reads and validates the server's configuration from the environment, once, at start.
import path from 'node:path';
import { ConfigError, loadDatabaseConfig, portVariable, projectRoot, type DatabaseConfig } from '../db/config.ts';

export interface Config extends DatabaseConfig {
  port: number;
  host: string;
  /** Seed the bundled dataset when the database holds no nodes. */
  seedWhenEmpty: boolean;
  clientDir: string;
  corsOrigins: string[];
  /**
   * The console's own Neo4j user (NEO4J_CONSOLE_USERNAME, NEO4J_CONSOLE_PASSWORD), for editions
   * with roles (Enterprise, Aura): give it a read-only role, so that Neo4j itself refuses any
   * write the console's checks might miss. Absent: the console uses the server's connection.
   */
  console?: { username: string; password: string };
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    ...loadDatabaseConfig(env),
    port: portVariable(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    seedWhenEmpty: env.SEED_WHEN_EMPTY !== 'false',
    clientDir: path.resolve(projectRoot, 'dist/client'),
    corsOrigins: (env.CORS_ORIGINS || '').split(',').map((s) => s.trim()).filter(Boolean),
    console: consoleUser(env),
  };
}
