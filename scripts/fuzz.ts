// `npm run fuzz`: schemathesis (installed from PyPI into a git-ignored venv) against /api/openapi.json,
// on a fresh embedded Neo4j holding the seed data: no 5xx, no answer that breaks its own schema.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from '../server/app.ts';
import { projectRoot } from '../db/config.ts';
import { ensurePypiTool } from './pypi-tool.ts';
import type { Logger } from '../server/context.ts';
import { Database } from '../db/database.ts';
import { startLocalNeo4j } from '../bench/lib/neo4j.ts';
import { listenLocal, type LocalServer } from '../bench/lib/net.ts';
import { prepareDatabase } from '../server/prepare.ts';
import type { SecurityOptions } from '../server/http/security.ts';

export const SCHEMATHESIS_VERSION = '4.32.5';

/** Checks that a response must pass: no server error, and status, content type, headers and body as documented. */
export const FUZZ_CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
] as const;

/** Installs the pinned schemathesis into .data/fuzz-venv unless it is already there; answers the `st` path. */
export function ensureSchemathesis(log: (line: string) => void = console.error): string {
  return ensurePypiTool({ pkg: 'schemathesis', version: SCHEMATHESIS_VERSION, binary: 'st', venv: 'fuzz-venv' }, log);
}

export interface FuzzOptions {
  /** Test cases per API operation and phase (schemathesis --max-examples). */
  maxExamples: number;
  seed: number;
  workers?: number;
  /** Also write schemathesis' reports (junit, ndjson) here. */
  reportDir?: string;
  /** Echo schemathesis' output as it runs. */
  echo?: boolean;
}

export interface FuzzRun {
  exitCode: number;
  output: string;
}

/** Runs schemathesis once against `baseUrl` (which serves /api/openapi.json). */
export function runSchemathesis(st: string, baseUrl: string, options: FuzzOptions): Promise<FuzzRun> {
  const args = [
    'run',
    `${baseUrl}/api/openapi.json`,
    '--checks',
    FUZZ_CHECKS.join(','),
    '--max-examples',
    String(options.maxExamples),
    '--seed',
    String(options.seed),
    '--workers',
    String(options.workers ?? 2),
    '--request-timeout',
    '60',
    '--continue-on-failure',
    // Hypothesis' health checks judge the generator's speed, not the API; on a busy machine
    // 'too_slow' aborted the fuzzing phase with no API failure found.
    '--suppress-health-check',
    'all',
    '--no-color',
    '--output-truncate',
    'true',
  ];
  if (options.reportDir) args.push('--report', 'junit,ndjson', '--report-dir', options.reportDir);
  return new Promise((resolve, reject) => {
    const child = spawn(st, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' } });
    let output = '';
    const take = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (options.echo) process.stdout.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', reject);
    child.once('exit', (code) => resolve({ exitCode: code ?? 1, output }));
  });
}

/** Counts what the server saw, from its own request log: the figures do not depend on schemathesis' report. */
export function requestCounter(): { log: Logger; requests: number; byStatus: Map<number, number>; serverErrors: string[] } {
  const counter = {
    requests: 0,
    byStatus: new Map<number, number>(),
    serverErrors: [] as string[],
    log: {} as Logger,
  };
  const record = (message: string, fields: Record<string, unknown> = {}) => {
    if (message !== 'request') {
      if (message === 'unhandled error') counter.serverErrors.push(String(fields.error ?? '').split('\n')[0] ?? '');
      return;
    }
    const status = typeof fields.status === 'number' ? fields.status : 0;
    counter.requests += 1;
    counter.byStatus.set(status, (counter.byStatus.get(status) ?? 0) + 1);
    if (status >= 500) counter.serverErrors.push(`${fields.method} ${fields.path} -> ${status}`);
  };
  counter.log = { info: record, error: record };
  return counter;
}

/** The app as the fuzzer meets it: no rate limits, or most of its requests would only measure the limiter. */
export function listenForFuzz(db: Database, log: Logger, security: Partial<SecurityOptions> = { rateLimits: false }): Promise<LocalServer> {
  return listenLocal(createApp({ db, log }, { security }));
}

/** The last lines of schemathesis' output that summarise the run. */
export function summaryOf(output: string): string {
  const lines = output.trimEnd().split('\n');
  const start = lines.findIndex((l) => /SUMMARY/.test(l));
  return (start >= 0 ? lines.slice(start) : lines.slice(-25)).join('\n');
}

async function main(): Promise<void> {
  const maxExamples = Number(process.env.FUZZ_MAX_EXAMPLES ?? 100);
  const seed = Number(process.env.FUZZ_SEED ?? 20240315);
  const st = ensureSchemathesis();
  console.error('starting a fresh embedded Neo4j for the fuzz run...');
  const neo4j = await startLocalNeo4j();
  const db = new Database({ uri: neo4j.uri, username: neo4j.neo4j.username, password: neo4j.neo4j.password });
  let exitCode = 1;
  try {
    await prepareDatabase(db, { seedWhenEmpty: true, log: (line) => console.error(line) });
    const { rows } = await db.read('MATCH (n) RETURN count(n) AS nodes');
    const counter = requestCounter();
    const server = await listenForFuzz(db, counter.log);
    const url = server.url;
    const reportDir = path.join(projectRoot, '.data', 'fuzz-report');
    console.error(`fuzzing ${url}/api/openapi.json (${rows[0]?.nodes} nodes; ${maxExamples} examples per operation; seed ${seed})...`);
    const started = performance.now();
    const run = await runSchemathesis(st, url, { maxExamples, seed, reportDir, echo: process.env.FUZZ_VERBOSE === '1' });
    const seconds = (performance.now() - started) / 1000;
    await server.close();
    console.log(summaryOf(run.output));
    const statuses = [...counter.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
    console.log(`\nfuzz: ${counter.requests} requests in ${seconds.toFixed(0)} s; statuses ${statuses}`);
    console.log(`fuzz: server errors (5xx): ${counter.serverErrors.length}; schemathesis exit code ${run.exitCode}; reports in ${path.relative(projectRoot, reportDir)}/`);
    for (const line of counter.serverErrors.slice(0, 20)) console.log(`  5xx: ${line}`);
    exitCode = run.exitCode === 0 && counter.serverErrors.length === 0 && counter.requests >= 1000 ? 0 : 1;
    if (counter.requests < 1000) console.log('fuzz: fewer than 1000 requests; raise FUZZ_MAX_EXAMPLES');
  } finally {
    await db.close();
    await neo4j.stop();
  }
  process.exit(exitCode);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
