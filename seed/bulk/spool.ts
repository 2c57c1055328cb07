// The validated rows of an import, spooled to a temporary NDJSON file by the validation pass so that the
// write pass reads them back cheaply instead of parsing and validating every record a second time.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import type { RelationRow, WriteRow } from './rows.ts';
import type { JournalKind } from './runs.ts';

/** One spooled line: a row to write, or the barrier between the node rows and the relationship rows. */
export type SpoolEntry = { kind: JournalKind; group: string; row: WriteRow | RelationRow } | { barrier: true };

export class SpoolWriter {
  private buffer = '';
  private readonly stream: WriteStream;
  private failed: Error | undefined;

  constructor(readonly file: string) {
    this.stream = createWriteStream(file, { encoding: 'utf8' });
    this.stream.on('error', (error) => (this.failed = error));
  }

  async write(entry: SpoolEntry): Promise<void> {
    if (this.failed) throw this.failed;
    this.buffer += JSON.stringify(entry) + '\n';
    if (this.buffer.length < 1 << 20) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }

  async close(): Promise<void> {
    if (this.buffer) this.stream.write(this.buffer);
    this.buffer = '';
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (this.failed) throw this.failed;
  }
}

/** Reads the spool back, entry by entry, in bounded memory. */
export async function* readSpool(file: string): AsyncGenerator<SpoolEntry[]> {
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    const text = rest + chunk;
    const entries: SpoolEntry[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      entries.push(JSON.parse(text.slice(start, end)) as SpoolEntry);
      start = end + 1;
    }
    rest = text.slice(start);
    if (entries.length) yield entries;
  }
  if (rest.trim()) yield [JSON.parse(rest) as SpoolEntry];
}
