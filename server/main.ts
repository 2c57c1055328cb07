// Starts Civic Graph: reads config, starts or connects to Neo4j, seeds when empty, listens.
import type { ServerResponse } from 'node:http';
import { createApp } from './app.ts';
import { ConfigError } from '../db/config.ts';
import { loadConfig } from './config.ts';
import { jsonLogger, Readiness } from './context.ts';
import { Database } from '../db/database.ts';
import { EmbeddedNeo4jError, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../db/embedded-neo4j.ts';
import { prepareDatabase } from './prepare.ts';
import { storedModel } from '../ingest/model-store.ts';
import { warmQueryPlans } from './services/warm.ts';
import { DatabaseUnavailableError } from '../db/errors.ts';
import { checkListenAddress, createHttpServer, SecurityConfigError, securityOptionsFromEnv } from './http/security.ts';

/** How long in-flight requests may run on after SIGTERM (the console's own time cap is 60 s). */
const SHUTDOWN_GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS ?? 30_000);

async function main(): Promise<void> {
  const config = loadConfig();
  const security = securityOptionsFromEnv(config.corsOrigins);
  // Before anything starts: an open server on the network is refused in one line.
  checkListenAddress(config.host, security);
  const log = jsonLogger();
  let embedded: EmbeddedNeo4j | undefined;
  let target = config.neo4j;
  if (!target.uri) {
    console.error(`starting embedded Neo4j (data in ${config.embedded.dataDir})...`);
    embedded = await startEmbeddedNeo4j({ ...config.embedded, log: (line) => console.error(line) });
    // The launcher's password, not NEO4J_PASSWORD: the embedded database has its own.
    target = { ...target, uri: embedded.uri, username: embedded.username, password: embedded.password };
    console.error(`embedded Neo4j ready at ${embedded.uri} (user ${embedded.username}, password in ${embedded.passwordFile})`);
  }
  const db = new Database({ ...target, uri: target.uri! });
  const consoleDb = config.console ? new Database({ ...target, uri: target.uri!, ...config.console }) : undefined;
  let stopping = false;

  // The server starts even when Neo4j is away; health says 503 until it comes back, and the
  // schema and seed are applied in the background as soon as it does.
  let prepareTimer: NodeJS.Timeout | undefined;
  const readiness = new Readiness();
  const prepare = async (attempt: number): Promise<void> => {
    try {
      await prepareDatabase(db, { seedWhenEmpty: config.seedWhenEmpty, log: (line) => console.error(line) });
      if (attempt > 0) console.error('Neo4j is reachable again; database prepared');
      // In the background: the server answers meanwhile, only more slowly at first.
      const warming = performance.now();
      readiness.warming('planning the named queries and the timeline (a few seconds after a start)');
      void storedModel(db)
        .then((model) => warmQueryPlans(db, model))
        .then(({ planned, failed }) => {
          if (!stopping) console.error(`query plans warmed: ${planned} in ${((performance.now() - warming) / 1000).toFixed(1)} s${failed.length ? `; not planned: ${failed.join(', ')}` : ''}`);
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
  };
  await prepare(0);

  const app = createApp({ db, consoleDb, log, readiness }, { clientDir: config.clientDir, security });
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
    await embedded?.stop();
    process.exit(code);
  }
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof EmbeddedNeo4jError || error instanceof SecurityConfigError) {
    console.error(`error: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
