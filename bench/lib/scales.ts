// The benchmark's scales: how '10k', '1m' or '2500' read, and which rungs one --scale option runs.

/** '10k', '100k', '1m', '2500' -> a number of nodes. */
export function parseScale(scale: string | number): number {
  if (typeof scale === 'number') return scale;
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(scale.trim());
  if (!match) throw new Error(`scale must be a number of nodes such as 10k, 100k or 1m, got '${scale}'`);
  const factor = match[2]!.toLowerCase() === 'k' ? 1_000 : match[2]!.toLowerCase() === 'm' ? 1_000_000 : 1;
  return Math.round(Number(match[1]) * factor);
}

/** The standard rungs: a single --scale runs every rung up to it, so 1M is read against 10k and 100k measured in the same run. */
const LADDER = [10_000, 100_000, 1_000_000];

/** The scales one run measures: a list runs exactly that list; a single scale its ladder, or only itself when `alone`. */
export function scaleLadder(option: string, { alone = false } = {}): number[] {
  const listed = option.split(',').map((s) => parseScale(s.trim()));
  if (listed.length > 1 || alone) return listed;
  const top = listed[0]!;
  return [...LADDER.filter((n) => n < top), top];
}
