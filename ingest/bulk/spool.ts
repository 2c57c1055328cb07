// The validated rows of an import, spooled to a temporary NDJSON file by the validation pass so that the
// write pass reads them back cheaply instead of parsing and validating every record a second time.
import { createReadStream } from 'node:fs';
import { LineSink } from './line-sink.ts';
import type { StoredRelationRow, StoredRow } from '../rows.ts';
import type { JournalKind } from './runs.ts';

/** One spooled line: a row to write, or the barrier between the node rows and the relationship rows. */
export type SpoolEntry = { kind: JournalKind; group: string; row: StoredRow | StoredRelationRow } | { barrier: true };

/** Writes spool entries, one JSON line each. */
export class SpoolWriter {
  private readonly sink: LineSink;

  constructor(readonly file: string) {
    this.sink = new LineSink(file);
  }

  write(entry: SpoolEntry): Promise<void> {
    return this.sink.write(JSON.stringify(entry) + '\n');
  }

  close(): Promise<void> {
    return this.sink.close();
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
