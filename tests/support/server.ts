// Starts the real Express app on a free port against the test Neo4j, for HTTP and browser tests.
import path from 'node:path';
import { createApp, type AppOptions } from '../../server/app.ts';
import { jsonLogger, type AppContext } from '../../server/context.ts';
import type { Database } from '../../db/database.ts';
import { projectRoot } from '../../db/config.ts';
import { listenLocal, type LocalServer } from '../../bench/lib/net.ts';

export type RunningServer = LocalServer;

/** What a test may give the app beside the database, as main.ts would: its accounts and team mode (owner mode in memory when absent), overviewMaxNodes. */
export type ServerContext = Partial<Omit<AppContext, 'db' | 'log'>>;

/** The app with the built client, on 127.0.0.1; `options` as createApp takes them (e.g. rate limits off); `context` as above. */
export async function startServer(db: Database, options: AppOptions = {}, context: ServerContext = {}): Promise<RunningServer> {
  return listenLocal(createApp({ db, log: jsonLogger(process.stderr, true), ...context }, { clientDir: path.join(projectRoot, 'dist/client'), ...options }));
}
