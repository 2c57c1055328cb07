// A closed database: the embedded Neo4j refuses Bolt clients without its password, which the launcher keeps owner-only beside the data.
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../db/database.ts';
import { embeddedPasswordFile, readEmbeddedPassword } from '../../db/embedded-neo4j.ts';
import { startLocalNeo4j, type LocalNeo4j } from '../../bench/lib/neo4j.ts';

describe('embedded Neo4j authentication', () => {
  let local: LocalNeo4j;
  beforeAll(async () => {
    local = await startLocalNeo4j({ heap: '512m', pageCache: '64m', txMemory: '128m', txMemoryGlobal: '256m' });
  }, 300_000);
  afterAll(async () => local?.stop());

  /** Connects as `auth` and runs one query; answers the error code when Neo4j refuses. */
  async function attempt(auth: { username?: string; password?: string }): Promise<string> {
    const db = new Database({ uri: local.uri, ...auth });
    try {
      await db.read('RETURN 1 AS one');
      return 'ok';
    } catch (error) {
      return String((error as { code?: string }).code ?? (error as Error).message);
    } finally {
      await db.close();
    }
  }

  it('keeps a new random password beside the data, readable by the owner only', () => {
    const file = embeddedPasswordFile(local.dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(local.dataDir).mode & 0o077).toBe(0);
    const password = readEmbeddedPassword(local.dataDir);
    expect(password).toMatch(/^[\w-]{32}$/);
    expect(local.neo4j.password).toBe(password);
    expect(local.neo4j.username).toBe('neo4j');
  });

  it('refuses a driver without a password, with the default one, or with a wrong one', async () => {
    expect(await attempt({})).toMatch(/unauthorized|authentication|credentials/i);
    expect(await attempt({ username: 'neo4j', password: 'neo4j' })).toMatch(/unauthorized/i);
    expect(await attempt({ username: 'neo4j', password: local.neo4j.password.slice(1) })).toMatch(/unauthorized/i);
    expect(await attempt({ username: 'admin', password: local.neo4j.password })).toMatch(/unauthorized/i);
  });

  it('lets in a client with the password from the file', async () => {
    expect(await attempt({ username: 'neo4j', password: readEmbeddedPassword(local.dataDir) })).toBe('ok');
  });

  it('keeps the same password across a restart of the same data directory', async () => {
    const before = local.neo4j.password;
    await local.neo4j.stop();
    const again = await startLocalNeo4j({ port: local.port, dataDir: local.dataDir, heap: '512m', pageCache: '64m', txMemory: '128m', txMemoryGlobal: '256m' });
    try {
      expect(again.neo4j.password).toBe(before);
      const db = new Database({ uri: again.uri, username: again.neo4j.username, password: again.neo4j.password });
      expect((await db.read('RETURN 1 AS one')).rows[0]!.one).toBe(1);
      await db.close();
    } finally {
      await again.neo4j.stop();
    }
  }, 300_000);
});
