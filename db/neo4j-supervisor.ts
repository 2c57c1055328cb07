// Keeps the embedded Neo4j this server started alive: logs each exit nobody asked for with its cause,
// restarts it on the same port with back-off, and stops retrying a database that keeps dying.
import { startEmbeddedNeo4j, type EmbeddedExit, type EmbeddedNeo4j, type StartOptions } from './embedded-neo4j.ts';

/** What the supervised database is doing, for health and the log. */
export type SupervisedState =
  | { state: 'running' }
  | { state: 'restarting'; reason: string; attempt: number }
  | { state: 'failed'; reason: string };

export interface SupervisorOptions {
  start: StartOptions;
  log: (line: string) => void;
  /** Told of every change of state (the server's health reads it). */
  onState?: (state: SupervisedState) => void;
  /** Told once the database is back, so the caller can prepare and warm it again. */
  onRestarted?: (neo4j: EmbeddedNeo4j) => void;
  /** Milliseconds before restart attempt `attempt` (1, 2, ...); default 1 s doubling to 30 s. */
  backoffMs?: (attempt: number) => number;
  /** Deaths (exits or failed starts) within `windowMs` after which it gives up; default 5 in 10 minutes. */
  maxDeaths?: number;
  windowMs?: number;
  /** Starts one JVM; the launcher by default (the unit test of the policy passes its own). */
  launch?: (options: StartOptions) => Promise<EmbeddedNeo4j>;
}

const defaultBackoff = (attempt: number) => Math.min(30_000, 1_000 * 2 ** (attempt - 1));

/** One line naming how the JVM ended and, where its output says, why. */
export function describeExit(exit: EmbeddedExit, lastLines: readonly string[]): string {
  const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
  const oom = lastLines.find((line) => /OutOfMemoryError/.test(line));
  if (oom) return `${how}: out of memory (${oom.trim()}); give it more with NEO4J_HEAP or NEO4J_TX_MEMORY`;
  // Only failures: the launcher's own start-up lines ("neo4j: password ... set") say nothing of an exit.
  const said = lastLines.filter((line) => /error|exception|fatal/i.test(line)).slice(-2);
  return said.length ? `${how}: ${said.map((l) => l.trim()).join(' | ')}` : how;
}

export class Neo4jSupervisor {
  private current: EmbeddedNeo4j | undefined;
  private stopping = false;
  private deaths: number[] = [];
  private start: StartOptions;
  private readonly launch: (options: StartOptions) => Promise<EmbeddedNeo4j>;

  constructor(private readonly options: SupervisorOptions) {
    this.start = options.start;
    this.launch = options.launch ?? startEmbeddedNeo4j;
  }

  /** Starts the database the first time; a failure here is the caller's (nothing to bring back yet). */
  async run(): Promise<EmbeddedNeo4j> {
    const first = await this.launch(this.start);
    // Restarts must come back where the driver looks: the port the first start got.
    const port = Number(new URL(first.uri).port);
    if (port) this.start = { ...this.start, boltPort: port };
    this.watch(first);
    return first;
  }

  /** Stops the database on purpose: no restart follows. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.current?.stop();
  }

  private watch(neo4j: EmbeddedNeo4j): void {
    this.current = neo4j;
    this.options.onState?.({ state: 'running' });
    void neo4j.exited.then((exit) => {
      if (this.stopping) return;
      void this.recover(describeExit(exit, neo4j.lastLines()));
    });
  }

  private async recover(cause: string): Promise<void> {
    const { log, onState } = this.options;
    const maxDeaths = this.options.maxDeaths ?? 5;
    const windowMs = this.options.windowMs ?? 600_000;
    const backoff = this.options.backoffMs ?? defaultBackoff;
    log(`embedded Neo4j exited unexpectedly (${cause})`);
    for (let attempt = 1; !this.stopping; attempt++) {
      const now = Date.now();
      this.deaths = [...this.deaths.filter((t) => now - t < windowMs), now];
      if (this.deaths.length >= maxDeaths) {
        const reason = `embedded Neo4j died ${this.deaths.length} times within ${Math.round(windowMs / 60_000)} min; not restarting it again (last: ${cause}). Check its store and logs in ${this.start.dataDir}, then restart Civic Graph`;
        log(reason);
        onState?.({ state: 'failed', reason });
        return;
      }
      const wait = backoff(attempt);
      onState?.({ state: 'restarting', reason: `Neo4j stopped (${cause}); restart ${attempt} in ${(wait / 1000).toFixed(0)} s`, attempt });
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
      if (this.stopping) return;
      const began = performance.now();
      try {
        const neo4j = await this.launch(this.start);
        log(`embedded Neo4j restarted in ${((performance.now() - began) / 1000).toFixed(1)} s (attempt ${attempt})`);
        this.watch(neo4j);
        this.options.onRestarted?.(neo4j);
        return;
      } catch (error) {
        cause = error instanceof Error ? error.message : String(error);
        log(`embedded Neo4j restart ${attempt} failed (${cause})`);
      }
    }
  }
}
