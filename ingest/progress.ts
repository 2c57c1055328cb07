// Progress of a long import: a redrawn bar with rate and ETA on a terminal, plain periodic lines otherwise.

export interface ProgressSink {
  /** Starts a phase; `total` (records) enables the percentage and the ETA. */
  phase(name: string, total?: number): void;
  tick(records: number): void;
  /** Ends the current phase with a summary line. */
  end(): void;
}

export const silentProgress: ProgressSink = { phase() {}, tick() {}, end() {} };

function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Seconds between plain lines when the stream is not a terminal. */
  intervalSeconds?: number;
  /** Forces the terminal or the plain form (default: the stream decides). */
  tty?: boolean;
}

export class Progress implements ProgressSink {
  private name = '';
  private total: number | undefined;
  private done = 0;
  private started = 0;
  private lastDraw = 0;
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly interval: number;
  /** Recent (time, count) samples: the rate is measured over the last few seconds, not since the start. */
  private samples: [number, number][] = [];

  constructor(options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.tty = options.tty ?? Boolean(this.stream.isTTY);
    this.interval = (options.intervalSeconds ?? 5) * 1000;
  }

  phase(name: string, total?: number): void {
    this.name = name;
    this.total = total;
    this.done = 0;
    this.started = performance.now();
    this.lastDraw = this.started;
    this.samples = [[this.started, 0]];
  }

  tick(records: number): void {
    this.done += records;
    const now = performance.now();
    if (now - this.lastDraw < (this.tty ? 100 : this.interval)) return;
    this.lastDraw = now;
    this.samples.push([now, this.done]);
    while (this.samples.length > 2 && now - this.samples[0]![0] > 10_000) this.samples.shift();
    this.draw(now);
  }

  private rate(now: number): number {
    const [t0, c0] = this.samples[0]!;
    return now > t0 ? ((this.done - c0) * 1000) / (now - t0) : 0;
  }

  private line(now: number): string {
    const rate = this.rate(now);
    const parts = [this.name];
    if (this.total) {
      const fraction = Math.min(1, this.done / this.total);
      if (this.tty) {
        const width = 24;
        const full = Math.round(fraction * width);
        parts.push(`[${'#'.repeat(full)}${'.'.repeat(width - full)}]`);
      }
      parts.push(`${(fraction * 100).toFixed(0).padStart(3)}%`, `${formatCount(this.done)}/${formatCount(this.total)}`);
    } else {
      parts.push(formatCount(this.done));
    }
    parts.push(`${formatCount(rate)}/s`);
    if (this.total && rate > 0) parts.push(`ETA ${formatDuration((this.total - this.done) / rate)}`);
    return parts.join('  ');
  }

  private draw(now: number): void {
    if (this.tty) this.stream.write(`\r\x1b[2K${this.line(now)}`);
    else this.stream.write(`import: ${this.line(now)}\n`);
  }

  end(): void {
    const seconds = (performance.now() - this.started) / 1000;
    const average = seconds > 0 ? this.done / seconds : 0;
    const summary = `${this.name}: ${formatCount(this.done)} in ${seconds.toFixed(1)} s (${formatCount(average)}/s)`;
    this.stream.write(this.tty ? `\r\x1b[2K${summary}\n` : `import: ${summary}\n`);
  }
}
