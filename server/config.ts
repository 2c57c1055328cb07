// Reads and validates the server's configuration from the environment, once, at start.
import path from 'node:path';
import { loadDatabaseConfig, portVariable, projectRoot, type DatabaseConfig } from '../db/config.ts';

export interface Config extends DatabaseConfig {
  port: number;
  host: string;
  /** Seed the bundled dataset when the database holds no nodes. */
  seedWhenEmpty: boolean;
  clientDir: string;
  corsOrigins: string[];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    ...loadDatabaseConfig(env),
    port: portVariable(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    seedWhenEmpty: env.SEED_WHEN_EMPTY !== 'false',
    clientDir: path.resolve(projectRoot, 'dist/client'),
    corsOrigins: (env.CORS_ORIGINS || '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}
