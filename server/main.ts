// Starts Civic Graph: reads config, starts or connects to Neo4j, seeds when empty, listens.
import type { ServerResponse } from 'node:http';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { jsonLogger, Readiness } from './context.ts';
import { Database } from '../db/database.ts';
import { Neo4jSupervisor } from '../db/neo4j-supervisor.ts';
import { Accounts } from './accounts/accounts.ts';
import { prepareDatabase } from './prepare.ts';
import { storedModel } from '../ingest/model-store.ts';
import { warmQueryPlans } from './services/warm.ts';
import { FIRST_VISIT_REASON, warmFirstVisit } from './services/warm-first-visit.ts';
import { Catalog } from './services/catalog.ts';
import { OVERVIEW_MAX_NODES } from './services/schema.ts';
import { DatabaseUnavailableError } from '../db/errors.ts';
import { CivicGraphError } from '../model/index.ts';
import { createHttpServer } from './http/raw-refusals.ts';

/** How long in-flight requests may run on after SIGTERM (the console's own time cap is 60 s). */
const SHUTDOWN_GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS ?? 30_000);

async function main(): Promise<void> {
  // Before anything starts: a bad setting, or an open server on the network, is refused in one line.
  const config = loadConfig();
  const log = jsonLogger();
  const readiness = new Readiness();
  let embedded: Neo4jSupervisor | undefined;
  let target = config.neo4j;
  if (!target.uri) {
    console.error(`starting embedded Neo4j (data in ${config.embedded.dataDir})...`);
    // The server supervises the database it started; on NEO4J_URI the driver's reconnection does this.
    embedded = new Neo4jSupervisor({
      start: { ...config.embedded, log: (line) => console.error(line) },
      log: (line) => console.error(line),
      onState: (state) => readiness.databaseState(state),
      onRestarted: () => void prepare(0),
    });
    const started = await embedded.run();
    // The launcher's password, not NEO4J_PASSWORD: the embedded database has its own.
    target = { ...target, uri: started.uri, username: started.username, password: started.password };
    console.error(`embedded Neo4j ready at ${started.uri} (user ${started.username}, password in ${started.passwordFile})`);
  }
  const db = new Database({ ...target, uri: target.uri! });
  // One schema catalog for the app and the warm-up: what the warm-up discovers is what the first request gets.
  const catalog = new Catalog(db);
  const consoleDb = config.console ? new Database({ ...target, uri: target.uri!, ...config.console }) : undefined;
  let stopping = false;

  // The server starts even when Neo4j is away; health says 503 until it comes back, and the
  // schema and seed are applied in the background as soon as it does.
  let prepareTimer: NodeJS.Timeout | undefined;
  async function prepare(attempt: number): Promise<void> {
    try {
      await prepareDatabase(db, { seedWhenEmpty: config.seedWhenEmpty, log: (line) => console.error(line) });
      if (attempt > 0) console.error('Neo4j is reachable again; database prepared');
      // In the background: the server answers meanwhile, only more slowly at first.
      const warming = performance.now();
      readiness.warming('planning the named queries and the timeline (a few seconds after a start)');
      void storedModel(db)
        .then((model) => warmQueryPlans(db, model))
        .then(async ({ planned, failed }) => {
          if (stopping) return;
          console.error(`query plans warmed: ${planned} in ${((performance.now() - warming) / 1000).toFixed(1)} s${failed.length ? `; not planned: ${failed.join(', ')}` : ''}`);
          // Then one of each read a first visit makes, through the catalog the app serves with, bounded in time.
          readiness.warming(FIRST_VISIT_REASON);
          const visiting = performance.now();
          const visit = await warmFirstVisit(db, catalog, { overviewMaxNodes: config.overviewMaxNodes ?? OVERVIEW_MAX_NODES });
          if (stopping) return;
          const reads = visit.ran.map((r) => `${r.read} ${r.ms} ms`).join(', ');
          const notes = [visit.failed.length ? `failed: ${visit.failed.join(', ')}` : '', visit.cut ? `stopped at ${visit.cut} (budget spent)` : ''].filter(Boolean).join('; ');
          console.error(`first visit warmed in ${((performance.now() - visiting) / 1000).toFixed(1)} s: ${reads || 'nothing to read'}${notes ? `; ${notes}` : ''}`);
        })
        .catch((error: unknown) => console.error(`warning: query plans not warmed (${error instanceof Error ? error.message : error})`))
        .finally(() => readiness.ready());
    } catch (error) {
      const unavailable = error instanceof DatabaseUnavailableError;
      console.error(`warning: could not prepare the database (${error instanceof Error ? error.message : error}); serving anyway${unavailable ? ', retrying' : ''}`);
      if (unavailable && !stopping) {
        prepareTimer = setTimeout(() => void prepare(attempt + 1), Math.min(10_000, 1_000 * 2 ** Math.min(attempt, 4)));
        prepareTimer.unref();
      }
    }
  }
  await prepare(0);

  const accounts = Accounts.open(config.auth.storeFile, { sessionLifetimeMs: config.auth.sessionHours * 3_600_000 });
  console.error(`${config.auth.mode === 'accounts' ? 'team mode (AUTH=accounts)' : 'owner mode'}; accounts and audit trail in ${config.auth.storeFile}`);
  const app = createApp({ db, consoleDb, log, readiness, accounts, auth: config.auth, catalog, overviewMaxNodes: config.overviewMaxNodes }, { clientDir: config.clientDir, security: config.security });
  const server = createHttpServer(app);
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Civic Graph is ready at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `PORT ${config.port} is already in use; set PORT to a free port` : `cannot listen: ${error.message}`);
    void shutdown(1);
  });

  async function shutdown(code: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    clearTimeout(prepareTimer);
    console.error('stopping: finishing in-flight requests');
    // In-flight requests finish before the database goes away; keep-alive clients are told to
    // reconnect elsewhere, and a request that hangs past the grace period does not hold us forever.
    server.prependListener('request', (_req, res: ServerResponse) => res.setHeader('Connection', 'close'));
    const grace = setTimeout(() => {
      console.error(`stopping: requests still running after ${SHUTDOWN_GRACE_MS / 1000} s; closing them`);
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    grace.unref();
    // A keep-alive connection whose request was in flight turns idle when its answer is sent;
    // closing idle ones as they appear saves waiting out the keep-alive timeout.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearInterval(sweep);
    clearTimeout(grace);
    await db.close().catch(() => {});
    await consoleDb?.close().catch(() => {});
    accounts.close();
    await embedded?.stop();
    process.exit(code);
  }
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
}

main().catch((error) => {
  // Ours (a setting, the embedded Neo4j that would not start) are told in one line; anything else is a bug, with its stack.
  if (error instanceof CivicGraphError) {
    console.error(`error: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
