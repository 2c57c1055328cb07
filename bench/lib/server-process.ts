// Runs the real server (`tsx server/main.ts`, as `npm start` does after its build) as a child process
// and waits for its ready line; the clock starts at spawn.
import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../db/config.ts';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the "ready at" line. */
  readyMs: number;
  /** Milliseconds from spawn to the first output matching each mark. */
  marks: Record<string, number>;
  output(): string;
  /** Resolves once the server logs that its query plans are warmed (server/queries.ts warmQueryPlans), or after `timeoutMs`. */
  untilWarmed(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>, timeoutMs = 600_000, watch: Record<string, RegExp> = {}): Promise<ServerProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    // Request logs go to stdout; they are read (and dropped) so the pipe never fills.
    env: { ...process.env, PORT: '0', SEED_WHEN_EMPTY: 'false', RATE_LIMIT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const marks: Record<string, number> = {};
  const patterns: Record<string, RegExp> = { warmed: /query plans warmed/, ...watch };
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-20_000);
    for (const [name, pattern] of Object.entries(patterns)) if (marks[name] === undefined && pattern.test(tail)) marks[name] = performance.now() - started;
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready within ${timeoutMs / 1000} s:\n${tail}`)), timeoutMs);
    const poll = setInterval(() => {
      const match = /ready at (http:\/\/\S+?)\/?\s/.exec(tail);
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(match[1]!);
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${tail}`));
    });
  });
  const readyMs = performance.now() - started;
  return {
    child,
    url,
    readyMs,
    marks,
    output: () => tail,
    async untilWarmed(timeoutMs = 180_000) {
      const deadline = performance.now() + timeoutMs;
      while (marks.warmed === undefined && performance.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(forced);
    },
  };
}
