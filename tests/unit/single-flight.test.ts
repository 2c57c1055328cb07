// SingleFlight: identical reads in flight share one answer, and nothing outlives the read.
import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../../server/services/single-flight.ts';

describe('SingleFlight', () => {
  it('runs the work once for callers that overlap, separately for other keys and after it ends', async () => {
    const flight = new SingleFlight<number>();
    let runs = 0;
    let release!: (n: number) => void;
    const work = () => {
      runs++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const a = flight.run('k', work);
    const b = flight.run('k', work);
    expect(runs).toBe(1);
    expect(flight.size).toBe(1);
    release(7);
    expect(await Promise.all([a, b])).toEqual([7, 7]);
    expect(flight.size).toBe(0);
    const c = flight.run('k', work);
    expect(runs).toBe(2);
    release(8);
    expect(await c).toBe(8);
  });

  it('shares a failure too, then forgets it', async () => {
    const flight = new SingleFlight<number>();
    const failing = () => Promise.reject(new Error('Neo4j away'));
    await expect(Promise.all([flight.run('k', failing), flight.run('k', failing)])).rejects.toThrow('Neo4j away');
    expect(flight.size).toBe(0);
    expect(await flight.run('k', () => Promise.resolve(1))).toBe(1);
  });
});
