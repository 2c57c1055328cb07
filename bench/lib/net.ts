// Local network plumbing shared by benchmarks, scripts and tests: a free port, and an HTTP server on a free port.
import type { Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';

/** A port on 127.0.0.1 that nothing listens on right now (for processes that need a number before they start). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

/** What can listen: a node:http Server, or an Express app (whose listen answers one). */
export interface Listenable {
  listen(port: number, host: string, callback: () => void): Server;
}

/**
 * Listens on 127.0.0.1 at a port the system picks. close() drops open connections first: browsers and
 * fetch keep connections alive, and server.close() alone waits for them to time out.
 */
export async function listenLocal(target: Listenable): Promise<LocalServer> {
  const server = await new Promise<Server>((resolve) => {
    const s = target.listen(0, '127.0.0.1', () => resolve(s));
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
