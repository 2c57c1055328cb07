// Runs the real server (server/main.ts) as a child process and waits for its ready line; the clock starts
// at spawn. Benchmarks, the load script and the reliability tests all start it this way.
import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../db/config.ts';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the "ready at" line. */
  readyMs: number;
  /** Milliseconds from spawn to the first output matching each mark. */
  marks: Record<string, number>;
  /** The output so far (stdout and stderr, interleaved; the last 200,000 characters). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * Polls /api/health until it says 'ok' rather than 'warming' (the query plans are warm, server/main.ts) and
   * answers the milliseconds from spawn; throws if the server exits or `timeoutMs` passes first.
   */
  untilWarmed(timeoutMs?: number): Promise<number>;
  /** SIGTERM, then SIGKILL if it has not exited within a minute; answers the exit code. */
  stop(): Promise<number | null>;
}

export interface ServerProcessOptions {
  /** How long to wait for the ready line (default 10 minutes: a benchmark may start on a large store). */
  timeoutMs?: number;
  /** Named patterns whose first appearance in the output is timed (see `marks`). */
  watch?: Record<string, RegExp>;
  /** Called with each complete line of standard output (the structured request log). */
  onLine?: (line: string) => void;
}

const KEEP_CHARS = 200_000;
/** How much of the previous chunk is searched again with the next one (longer than any line we look for). */
const CARRY_CHARS = 1_000;

/** Spawns the server with PORT=0, no seeding and no rate limits unless `env` says otherwise. */
export async function startServerProcess(env: Record<string, string>, options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', SEED_WHEN_EMPTY: 'false', RATE_LIMIT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  let partial = '';
  const marks: Record<string, number> = {};
  const patterns: Record<string, RegExp> = { ...options.watch };
  let onReady!: (url: string) => void;
  const ready = new Promise<string>((resolve) => (onReady = resolve));
  // Output is always read (and mostly dropped) so the pipes never fill.
  let readyUrl: string | undefined;
  let carry = '';
  const keep = (chunk: string) => {
    tail = (tail + chunk).slice(-KEEP_CHARS);
    // Only the new text (with the end of the previous chunk, for a line split in two) is searched, and only
    // for what has not been seen: the server logs every request, and rescanning the whole tail each time
    // cost the bench process 0.1-0.3 ms per API request, which the direct path never paid.
    const recent = carry + chunk;
    carry = chunk.slice(-CARRY_CHARS);
    for (const [name, pattern] of Object.entries(patterns)) if (marks[name] === undefined && pattern.test(recent)) marks[name] = performance.now() - started;
    if (readyUrl === undefined) {
      readyUrl = /ready at (http:\/\/\S+?)\/?\s/.exec(recent)?.[1];
      if (readyUrl) onReady(readyUrl);
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    keep(chunk);
    if (!options.onLine) return;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) options.onLine(line);
  });
  child.stderr!.setEncoding('utf8').on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let timer: NodeJS.Timeout | undefined;
  const url = await Promise.race([
    ready,
    exited.then(({ code }) => Promise.reject(new Error(`server exited (${code}) before it was ready:\n${tail}`))),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`server not ready within ${timeoutMs / 1000} s:\n${tail}`)), timeoutMs))),
  ])
    .catch((error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    })
    .finally(() => clearTimeout(timer));
  const readyMs = performance.now() - started;
  return {
    child,
    url,
    readyMs,
    marks,
    output: () => tail,
    exited,
    async untilWarmed(waitMs = 600_000) {
      const deadline = performance.now() + waitMs;
      while (performance.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was warm:\n${tail}`);
        const health = (await (await fetch(`${url}/api/health`)).json()) as { status?: string };
        if (health.status === 'ok') return performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`/api/health still not 'ok' ${waitMs / 1000} s after spawn`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const { code } = await exited;
      clearTimeout(forced);
      return code;
    },
  };
}
