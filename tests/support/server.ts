// Starts the real Express app on a free port against the test Neo4j, for HTTP and browser tests.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../../server/app.ts';
import { jsonLogger } from '../../server/context.ts';
import type { Database } from '../../db/database.ts';
import { projectRoot } from '../../db/config.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(db: Database): Promise<RunningServer> {
  const app = createApp({ db, log: jsonLogger(process.stderr, true) }, { clientDir: path.join(projectRoot, 'dist/client') });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
