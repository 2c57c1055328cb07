// The benchmark's --scale option: a single scale runs the ladder up to it; a list runs exactly that list.
import { describe, expect, it } from 'vitest';
import { parseScale, scaleLadder } from '../../bench/lib/scales.ts';

describe('bench scales', () => {
  it('reads 10k, 1m and plain numbers', () => {
    expect(parseScale('10k')).toBe(10_000);
    expect(parseScale('1m')).toBe(1_000_000);
    expect(parseScale('2500')).toBe(2_500);
    expect(() => parseScale('ten')).toThrow(/scale must be/);
  });

  it('runs 10k and 100k below 1m, so the million is read against them in the same run', () => {
    expect(scaleLadder('1m')).toEqual([10_000, 100_000, 1_000_000]);
    expect(scaleLadder('100k')).toEqual([10_000, 100_000]);
    expect(scaleLadder('10k')).toEqual([10_000]);
    expect(scaleLadder('2000')).toEqual([2_000]);
  });

  it('takes a list as it is', () => {
    expect(scaleLadder('1m,10k')).toEqual([1_000_000, 10_000]);
    expect(scaleLadder('10k,100k')).toEqual([10_000, 100_000]);
  });

  it('runs only the scale given when alone', () => {
    expect(scaleLadder('1m', { alone: true })).toEqual([1_000_000]);
    expect(scaleLadder('10k,1m', { alone: true })).toEqual([10_000, 1_000_000]);
  });
});
