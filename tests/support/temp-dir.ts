// A temporary directory for one test file: made before its tests run, removed after them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** Registers the hooks; `join(...)` names a file inside once the tests run. */
export function tempDir(prefix: string): { join(...parts: string[]): string } {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { join: (...parts) => path.join(dir, ...parts) };
}
