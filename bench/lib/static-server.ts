// A tiny HTTP file server on 127.0.0.1 for the benchmarks: CSV files for LOAD CSV (the embedded Neo4j
// refuses file:// URLs) and the bare Cytoscape page with its scripts.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { listenLocal, type LocalServer } from './net.ts';

const TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
};

/** Serves `routes` (URL path -> file path) and nothing else. */
export async function serveFiles(routes: Record<string, string>): Promise<LocalServer> {
  const server = createServer((req, res) => {
    const file = routes[(req.url ?? '/').split('?')[0]!];
    if (!file || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  return listenLocal(server);
}
