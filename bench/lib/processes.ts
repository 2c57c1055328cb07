// Process facts read from /proc: resident memory of a process and of its children (the server's JVM).
import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size in MiB, or NaN when the process is gone (or /proc is not there). */
export function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return NaN;
  }
}

/** Direct children of a process. */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command may hold spaces and parentheses; the fields after the last ')' are fixed.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid) out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** The first descendant (breadth first) whose command line matches. */
export function findDescendant(pid: number, pattern: RegExp): number | undefined {
  const queue = [pid];
  while (queue.length) {
    const current = queue.shift()!;
    for (const child of childPids(current)) {
      if (pattern.test(commandOf(child))) return child;
      queue.push(child);
    }
  }
  return undefined;
}

/** Samples a value every `ms` until stopped; answers the samples. */
export function sampler(read: () => number, ms = 250): { stop(): number[] } {
  const samples: number[] = [];
  const timer = setInterval(() => {
    const value = read();
    if (Number.isFinite(value)) samples.push(value);
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}
