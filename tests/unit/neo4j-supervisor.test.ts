// How a dead embedded Neo4j is described in the log and in health: the signal or code, and the cause its output names.
import { describe, expect, it } from 'vitest';
import { describeExit, Neo4jSupervisor } from '../../db/neo4j-supervisor.ts';

describe('describeExit', () => {
  it('names the signal and ignores start-up chatter', () => {
    expect(describeExit({ code: null, signal: 'SIGKILL' }, ['neo4j: password for user neo4j set; it is in /tmp/x/password'])).toBe('killed by SIGKILL');
  });
  it('names an out-of-memory end and the variables that fix it', () => {
    const text = describeExit({ code: 3, signal: null }, ['Terminating due to java.lang.OutOfMemoryError: Java heap space']);
    expect(text).toMatch(/^exit code 3: out of memory \(Terminating due to java.lang.OutOfMemoryError: Java heap space\)/);
    expect(text).toContain('NEO4J_HEAP');
  });
  it('quotes the last errors of any other failure', () => {
    expect(describeExit({ code: 1, signal: null }, ['starting', 'org.neo4j.kernel.impl.store.UnderlyingStorageException: corrupt', 'ERROR bye'])).toBe(
      'exit code 1: org.neo4j.kernel.impl.store.UnderlyingStorageException: corrupt | ERROR bye',
    );
  });
});

/** A JVM stand-in whose end the test decides. */
function fakeJvm(uri = 'bolt://127.0.0.1:7999') {
  let end!: (exit: { code: number | null; signal: NodeJS.Signals | null }) => void;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => (end = resolve));
  const jvm = { uri, username: 'neo4j', password: 'p', passwordFile: '/x', process: {} as never, exited, lastLines: () => [], stop: async () => end({ code: 0, signal: null }) };
  return { jvm, end };
}

describe('Neo4jSupervisor', () => {
  const start = { boltHost: '127.0.0.1', boltPort: 0, dataDir: '/tmp/none', heap: '1g', pageCache: '1m', txMemory: '1m', txMemoryGlobal: '1m', txTimeoutSeconds: 1 };

  it('restarts on the port the first start got, and reports restarting then running', async () => {
    const first = fakeJvm();
    const second = fakeJvm();
    const ports: number[] = [];
    const launches = [first.jvm, second.jvm];
    const states: string[] = [];
    let restarted!: () => void;
    const back = new Promise<void>((resolve) => (restarted = resolve));
    const supervisor = new Neo4jSupervisor({
      start,
      log: () => {},
      onState: (s) => states.push(s.state),
      onRestarted: () => restarted(),
      backoffMs: () => 1,
      launch: async (o) => {
        ports.push(o.boltPort);
        return launches.shift()!;
      },
    });
    await supervisor.run();
    first.end({ code: null, signal: 'SIGKILL' });
    await back;
    expect(ports).toEqual([0, 7999]);
    expect(states).toEqual(['running', 'restarting', 'running']);
    await supervisor.stop();
  });

  it('gives up on a database that keeps dying, with a message naming the store', async () => {
    const first = fakeJvm();
    const lines: string[] = [];
    let failed!: (reason: string) => void;
    const gaveUp = new Promise<string>((resolve) => (failed = resolve));
    let launches = 0;
    const supervisor = new Neo4jSupervisor({
      start,
      log: (line) => lines.push(line),
      onState: (s) => s.state === 'failed' && failed(s.reason),
      backoffMs: () => 1,
      maxDeaths: 3,
      launch: async () => {
        launches += 1;
        if (launches === 1) return first.jvm;
        throw new Error('store is corrupt');
      },
    });
    await supervisor.run();
    first.end({ code: 1, signal: null });
    const reason = await gaveUp;
    expect(reason).toMatch(/died 3 times within 10 min; not restarting it again \(last: store is corrupt\)/);
    expect(reason).toContain('/tmp/none');
    expect(launches).toBe(3);
    expect(lines.filter((l) => l.includes('restart') && l.includes('failed'))).toHaveLength(2);
  });
});
