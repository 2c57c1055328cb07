// The one tracker every action group shares: requests in flight (busy), the error banner, and whether the server answers (health).
import { ApiError, fetchHealth } from '../../api.ts';
import type { Store } from '../store.ts';

/** An error as the banner shows it: the message, and the API's code when there is one (tests and the UI look at the code). */
export function describeError(error: unknown): { message: string; code?: string } {
  if (error instanceof ApiError) return { message: error.message, code: error.code };
  return { message: error instanceof Error ? error.message : String(error) };
}

export class Tracker {
  constructor(private readonly store: Store) {}

  /** Counts the work as busy while it runs, and turns its failure into the error banner (an abort is no failure). */
  async track<T>(work: () => Promise<T>): Promise<T | undefined> {
    this.store.update({ busy: this.store.state.busy + 1 });
    try {
      return await work();
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return undefined;
      this.fail(error);
      return undefined;
    } finally {
      this.store.update({ busy: Math.max(0, this.store.state.busy - 1) });
    }
  }

  /** Shows the error; a server that is down or unreachable also gets its health asked, for the banner above the page. */
  fail(error: unknown): void {
    this.store.update({ error: describeError(error) });
    if (error instanceof ApiError && (error.status === 503 || error.status === 0)) void this.checkHealth();
  }

  dismiss(): void {
    this.store.update({ error: null });
  }

  /** Asks the server's health: Neo4j down (with the reason), warming up after a start, or fine. */
  async checkHealth(): Promise<void> {
    const state = () => this.store.state;
    try {
      const health = await fetchHealth();
      const down = health.ok ? null : health.message || 'Neo4j is unreachable';
      const warming = health.warming ?? null;
      if (down !== state().neo4jDown || warming !== state().warming) this.store.update({ neo4jDown: down, warming });
    } catch (error) {
      const down = describeError(error).message;
      if (down !== state().neo4jDown) this.store.update({ neo4jDown: down });
    }
  }
}
