// Starts the real Express app on a free port against the test Neo4j, for HTTP and browser tests.
import path from 'node:path';
import { createApp, type AppOptions } from '../../server/app.ts';
import { jsonLogger } from '../../server/context.ts';
import type { Database } from '../../db/database.ts';
import { projectRoot } from '../../db/config.ts';
import { listenLocal, type LocalServer } from '../../bench/lib/net.ts';

export type RunningServer = LocalServer;

/** The app with the built client, on 127.0.0.1; `options` as createApp takes them (e.g. rate limits off). */
export async function startServer(db: Database, options: AppOptions = {}): Promise<RunningServer> {
  return listenLocal(createApp({ db, log: jsonLogger(process.stderr, true) }, { clientDir: path.join(projectRoot, 'dist/client'), ...options }));
}
