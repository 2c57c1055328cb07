// /api/openapi.json is a valid OpenAPI 3.1 document, and it names exactly the routes the Express app serves.
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { jsonLogger } from '../../server/context.ts';
import { testDatabase } from '../support/db.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { getJson } from './api-support.ts';

interface StackLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: StackLayer[] };
  rawPath?: string | string[];
}

/** Every method and path in the app's router stack, found by walking it (nested routers included). */
function servedRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: StackLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') out.push(`${method.toUpperCase()} ${prefix}${path}`);
        }
      } else if (layer.handle?.stack) {
        const raw = Array.isArray(layer.rawPath) ? layer.rawPath[0] : layer.rawPath;
        walk(layer.handle.stack, prefix + (raw && raw !== '/' ? raw : ''));
      }
    }
  };
  walk((app as unknown as { router: { stack: StackLayer[] } }).router.stack, '');
  return [...new Set(out)].sort();
}

describe('OpenAPI document', () => {
  const db = testDatabase();
  let server: RunningServer;
  let doc: { openapi: string; paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>> };

  beforeAll(async () => {
    server = await startServer(db);
    doc = (await getJson(`${server.url}/api/openapi.json`)).body;
  });

  afterAll(async () => {
    await server?.close();
    await db.close();
  });

  it('validates as OpenAPI 3.1 and every $ref resolves', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('documents every route the app serves, and serves every route it documents', () => {
    const app = createApp({ db, log: jsonLogger(process.stderr, true) });
    const served = servedRoutes(app);
    // The walk must find the real routes, not an empty stack.
    expect(served).toEqual(expect.arrayContaining(['GET /api/health', 'GET /api/search', 'GET /api/nodes/:id/neighbors', 'POST /api/cypher']));
    expect(served.length).toBeGreaterThanOrEqual(15);
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
      .sort();
    expect(documented).toEqual(served);
  });

  it('names each parameter, and documents error responses with the error shape', () => {
    const neighbors = doc.paths['/api/nodes/{id}/neighbors']!.get!;
    expect(neighbors.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(['path:id', 'query:types', 'query:direction', 'query:limit', 'query:offset', 'header:X-Show-Facts']);
    expect(Object.keys(neighbors.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '500', '503']));
    const cypher = doc.paths['/api/cypher']!.post!;
    expect(Object.keys(cypher.responses)).toEqual(expect.arrayContaining(['200', '400', '403', '408', '413']));
    expect(JSON.stringify(cypher.responses['403'])).toContain('#/components/schemas/Error');
    const paths = doc.paths['/api/paths']!.get!;
    expect(JSON.stringify(paths.parameters)).toContain('"maximum":6');
  });

  it("derives its descriptions from the loaded model: labels and types named where they filter", () => {
    const text = JSON.stringify(doc);
    expect(text).toContain("The loaded model is 'Civic space'");
    const neighbors = doc.paths['/api/nodes/{id}/neighbors']!.get! as unknown as { parameters: { name: string; description?: string }[] };
    const types = neighbors.parameters.find((p) => p.name === 'types')!;
    expect(types.description).toContain('DISSOLVED');
    expect(types.description).toContain('FORCIBLY_DISAPPEARED');
  });
});
