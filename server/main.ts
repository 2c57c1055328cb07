// Starts Civic Graph: reads config, starts or connects to Neo4j, seeds when empty, listens.
import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { jsonLogger } from './context.ts';
import { Database } from './db.ts';
import { EmbeddedNeo4jError, startEmbeddedNeo4j, type EmbeddedNeo4j } from './embedded-neo4j.ts';
import { prepareDatabase } from './prepare.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = jsonLogger();
  let embedded: EmbeddedNeo4j | undefined;
  let uri = config.neo4j.uri;
  if (!uri) {
    console.error(`starting embedded Neo4j (data in ${config.embedded.dataDir})...`);
    embedded = await startEmbeddedNeo4j({ ...config.embedded, log: (line) => console.error(line) });
    uri = embedded.uri;
    console.error(`embedded Neo4j ready at ${uri}`);
  }
  const db = new Database({ ...config.neo4j, uri });

  // The server starts even when Neo4j is away; health says 503 until it comes back.
  await prepareDatabase(db, { seedWhenEmpty: config.seedWhenEmpty, log: (line) => console.error(line) }).catch((error) => {
    console.error(`warning: could not prepare the database (${error instanceof Error ? error.message : error}); serving anyway`);
  });

  const app = createApp({ db, log }, { clientDir: config.clientDir });
  const server: Server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Civic Graph is ready at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `PORT ${config.port} is already in use; set PORT to a free port` : `cannot listen: ${error.message}`);
    void shutdown(1);
  });

  let stopping = false;
  async function shutdown(code: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    // In-flight requests finish before the database goes away.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.close().catch(() => {});
    await embedded?.stop();
    process.exit(code);
  }
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof EmbeddedNeo4jError) {
    console.error(`error: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
