// A server killed in the middle of writes leaves nothing half-written (issue #25): the real server runs as a child
// process, a burst of concurrent recordings with new actors is fired at it, it is killed with SIGKILL while they run,
// and after a restart on the same Neo4j every recorded fact is whole: both ends in its dataset, exactly one creation
// revision; every recorded actor was named by a fact's creation and has a relation; the counts agree.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../bench/lib/server-process.ts';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { applySchema } from '../../ingest/schema.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, enc, factBody, QUOTE, REPORT, smallDataset } from './facts-support.ts';

const db = testDatabase();
const dir = tempDir('civic-graph-crash-');
const A = 'test/a';
const BURST = 40;

describe('a server killed mid-write', () => {
  let server: ServerProcess | undefined;
  const env = () => ({ NEO4J_URI: inject('neo4jUri') });

  beforeAll(async () => {
    await resetDatabase(db);
    await applySchema(db, civicSpaceModel());
    writeFileSync(dir.join('a.yaml'), stringify(smallDataset(A, 'Dataset A', 'Anna')));
    await loadDatasetFile(db, dir.join('a.yaml'), { schema: false });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('leaves every recorded fact whole, with its actors and its one creation revision', { timeout: 300_000 }, async () => {
    server = await startServerProcess(env(), { timeoutMs: 120_000 });
    const source = await call(server, undefined, 'POST', `/api/datasets/${enc(A)}/sources`, { title: 'Field Report', text: REPORT });
    expect(source.status).toBe(201);
    const body = (n: number) => ({ ...factBody(source.body.source.id, QUOTE), to: { new: { type: 'Person', name: `Crash Witness ${n}` } } });
    // Killed as soon as the first recording is answered, while the others are still being written.
    let kill!: () => void;
    const killed = new Promise<void>((resolve) => (kill = resolve));
    const running = server;
    const burst = Array.from({ length: BURST }, (_, n) =>
      call(running, undefined, 'POST', `/api/datasets/${enc(A)}/facts`, body(n)).then(
        (answer) => {
          kill();
          return answer.status;
        },
        () => 'cut' as const,
      ),
    );
    await killed;
    running.child.kill('SIGKILL');
    await running.exited;
    const outcomes = await Promise.all(burst);
    expect(outcomes.filter((o) => o === 201).length).toBeGreaterThanOrEqual(1);
    expect(outcomes.every((o) => o === 201 || o === 'cut')).toBe(true);

    server = await startServerProcess(env(), { timeoutMs: 120_000 });
    // Every recorded fact: both ends in its dataset, exactly one creation revision (of a fact), in the same dataset.
    const facts = (
      await db.read(
        `MATCH (a)-[r]->(b) WHERE r.factStatus IS NOT NULL
         RETURN r.id AS id, r.dataset AS dataset, a.dataset AS fromDataset, b.dataset AS toDataset,
                COUNT { MATCH (v:Revision {subject: r.id}) WHERE v.kind = 'fact' AND v.action = 'create' AND v.dataset = r.dataset } AS creations`,
      )
    ).rows;
    const written = outcomes.filter((o) => o === 201).length;
    expect(facts.length).toBeGreaterThanOrEqual(written);
    expect(facts.filter((f) => f.dataset !== A || f.fromDataset !== A || f.toDataset !== A || Number(f.creations) !== 1)).toEqual([]);
    // Every creation revision names a fact that exists: none outlived a rolled-back fact.
    const creations = (await db.read("MATCH (v:Revision {action: 'create'}) WHERE v.kind = 'fact' RETURN v.subject AS id, v.after AS after")).rows;
    expect(creations.map((c) => c.id).sort()).toEqual(facts.map((f) => f.id).sort());
    // Every recorded actor was named by a fact's creation, has a relation, and its own creation revision.
    const named = new Set(creations.flatMap((c) => (JSON.parse(String(c.after)) as { created: string[] }).created));
    const actors = (
      await db.read(
        `MATCH (n:Entity) WHERE n.factStatus IS NOT NULL
         RETURN n.id AS id, n.dataset AS dataset, COUNT { (n)--() } AS relations,
                COUNT { MATCH (v:Revision {subject: n.id}) WHERE v.kind = 'actor' AND v.action = 'create' } AS creations`,
      )
    ).rows;
    expect(actors.length).toBe(facts.length);
    expect(actors.filter((a) => !named.has(String(a.id)) || a.dataset !== A || Number(a.creations) !== 1 || Number(a.relations) < 1)).toEqual([]);
    // The restarted server records again.
    const again = await call(server, undefined, 'POST', `/api/datasets/${enc(A)}/facts`, body(BURST));
    expect(again.status, JSON.stringify(again.body)).toBe(201);
  });
});
