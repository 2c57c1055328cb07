// Streaming CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) in both directions, in bounded memory.
import { isUtf8 } from 'node:buffer';
import { openInput } from './compressed.ts';

export interface CsvRecord {
  /** 1-based line where the record starts (the header is line 1). */
  line: number;
  fields: string[];
  /** Set when the record is malformed; `fields` then holds what could be read. */
  error?: string;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

interface Parsed {
  fields: string[];
  next: number;
  newlines: number;
  error?: string;
}

/**
 * Parses one record starting at `start`; null when the text ends inside the record and more
 * text may follow (`final` false).
 */
function parseRecord(text: string, start: number, delimiter: number, final: boolean): Parsed | null {
  const fields: string[] = [];
  let i = start;
  let newlines = 0;
  let error: string | undefined;
  const n = text.length;
  for (;;) {
    if (i < n && text.charCodeAt(i) === QUOTE) {
      // Quoted field: runs to the next lone quote; "" is an escaped quote.
      let value = '';
      let from = i + 1;
      let j = from;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          if (!final) return null;
          value += text.slice(from);
          for (let k = from; k < n; k++) if (text.charCodeAt(k) === LF) newlines++;
          fields.push(value);
          return { fields, next: n, newlines, error: 'a quoted field is not closed before the end of the file' };
        }
        if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          j = from = q + 2;
          continue;
        }
        if (q + 1 >= n && !final) return null;
        value += text.slice(from, q);
        for (let k = i; k < q; k++) if (text.charCodeAt(k) === LF) newlines++;
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i >= n) return { fields, next: n, newlines, error };
      const c = text.charCodeAt(i);
      if (c === delimiter) {
        i++;
        continue;
      }
      if (c === LF || c === CR) {
        return endOfLine(text, i, fields, newlines, final, error);
      }
      error ??= `unexpected character '${text[i]}' after a closing quote`;
      // Skip to the end of the field so that the rest of the record still parses.
      while (i < n && text.charCodeAt(i) !== delimiter && text.charCodeAt(i) !== LF) i++;
      if (i < n && text.charCodeAt(i) === delimiter) {
        i++;
        continue;
      }
      if (i >= n && !final) return null;
      return endOfLine(text, i, fields, newlines, final, error);
    }
    // Unquoted field: up to the delimiter or the end of the line.
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === delimiter || c === LF || c === CR) break;
      j++;
    }
    if (j >= n && !final) return null;
    fields.push(text.slice(i, j));
    if (j >= n) return { fields, next: n, newlines, error };
    if (text.charCodeAt(j) === delimiter) {
      i = j + 1;
      continue;
    }
    return endOfLine(text, j, fields, newlines, final, error);
  }
}

function endOfLine(text: string, i: number, fields: string[], newlines: number, final: boolean, error: string | undefined): Parsed | null {
  if (text.charCodeAt(i) === CR) {
    if (i + 1 >= text.length && !final) return null;
    if (text.charCodeAt(i + 1) === LF) i++;
  }
  return { fields, next: i + 1, newlines: newlines + 1, error };
}

export interface CsvReadOptions {
  delimiter?: string;
  /** Read size; memory use is a small multiple of it (plus the longest record). */
  chunkBytes?: number;
}

export const INVALID_UTF8 = 'holds bytes that are not valid UTF-8 (shown as \uFFFD); save the file as UTF-8';

/** How many leading bytes of `bytes` end on a whole UTF-8 sequence (a sequence cut by the chunk's end is left out). */
function wholeSequences(bytes: Uint8Array): number {
  const n = bytes.length;
  // The last lead byte within the last four bytes; continuation bytes are 10xxxxxx.
  for (let back = 1; back <= 4 && back <= n; back++) {
    const byte = bytes[n - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? n - back : n;
  }
  return n;
}

/**
 * Decodes a byte stream as UTF-8 text. A lenient decoder gives the text (bad bytes become U+FFFD)
 * and a validity check beside it notices them, so records holding them can be refused rather than
 * imported with silently replaced characters. The check is Node's isUtf8 on whole sequences (a
 * sequence cut between chunks is carried over), not a second, strict decoding of every byte.
 */
export function decodeUtf8(stream: AsyncIterable<Buffer | string>): { chunks: AsyncGenerator<string>; readonly invalid: boolean } {
  const lenient = new TextDecoder('utf-8');
  const state = { invalid: false };
  async function* chunks(): AsyncGenerator<string> {
    let carried: Buffer | undefined;
    for await (const piece of stream) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
      if (!state.invalid) {
        const all = carried ? Buffer.concat([carried, bytes]) : bytes;
        const whole = wholeSequences(all);
        if (!isUtf8(all.subarray(0, whole))) state.invalid = true;
        carried = whole < all.length ? Buffer.from(all.subarray(whole)) : undefined;
      }
      const text = lenient.decode(bytes, { stream: true });
      if (text) yield text;
    }
    // A sequence still open at the end of the file is cut short.
    if (carried) state.invalid = true;
    const tail = lenient.decode();
    if (tail) yield tail;
  }
  return {
    chunks: chunks(),
    get invalid() {
      return state.invalid;
    },
  };
}

/** Reads a CSV file (plain, .gz or .zip) as batches of records (the header included, as line 1); blank lines are skipped. */
export async function* readCsv(file: string, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord[]> {
  const delimiter = (options.delimiter ?? ',').charCodeAt(0);
  // Compressed files (.gz, .zip holding one file) are decompressed as they stream, as neo4j-admin reads them.
  const decoded = decodeUtf8(openInput(file, options.chunkBytes ?? 1 << 20));
  let rest = '';
  let line = 1;
  let first = true;
  const take = (text: string, final: boolean): { records: CsvRecord[]; consumed: number } => {
    const records: CsvRecord[] = [];
    let pos = 0;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === LF || c === CR) {
        // A blank line: skipped, but counted.
        if (c === CR && pos + 1 >= text.length && !final) break;
        if (c === CR && text.charCodeAt(pos + 1) === LF) pos++;
        pos++;
        line++;
        continue;
      }
      const parsed = parseRecord(text, pos, delimiter, final);
      if (!parsed) break;
      const record: CsvRecord = { line, fields: parsed.fields };
      if (parsed.error) record.error = parsed.error;
      if (decoded.invalid && parsed.fields.some((f) => f.includes('\uFFFD'))) record.error = (record.error ? record.error + '; ' : '') + INVALID_UTF8;
      records.push(record);
      line += parsed.newlines;
      pos = parsed.next;
    }
    return { records, consumed: pos };
  };
  for await (const chunk of decoded.chunks) {
    let text = rest + chunk;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const { records, consumed } = take(text, false);
    rest = text.slice(consumed);
    if (records.length) yield records;
  }
  if (rest.length) {
    const { records } = take(rest, true);
    if (records.length) yield records;
  }
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field as written: quoted only when it must be. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\n';
}
