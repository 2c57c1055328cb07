// Input files as neo4j-admin reads them: plain, or compressed with gzip (`.gz`) or zip (`.zip`, holding one file),
// streamed and decompressed on the fly, so a compressed file costs no more memory than a plain one.
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip, createInflateRaw } from 'node:zlib';

/** A file's bytes, decompressed when its name ends in .gz or .zip. */
export function openInput(file: string, chunkBytes = 1 << 20): Readable {
  if (/\.gz$/i.test(file)) return through(createReadStream(file, { highWaterMark: chunkBytes }), createGunzip({ chunkSize: Math.min(chunkBytes, 1 << 20) }));
  if (/\.zip$/i.test(file)) {
    const entry = zipEntry(file);
    const raw = createReadStream(file, { start: entry.start, end: entry.start + entry.size - 1, highWaterMark: chunkBytes });
    return entry.method === 0 ? raw : through(raw, createInflateRaw({ chunkSize: Math.min(chunkBytes, 1 << 20) }));
  }
  return createReadStream(file, { highWaterMark: chunkBytes });
}

/** `source` piped into `transform`, an error of either ending the stream read from (a corrupt archive reports, never hangs). */
function through(source: Readable, transform: NodeJS.ReadWriteStream & Readable): Readable {
  const out = new PassThrough();
  const fail = (what: string) => (error: Error) => out.destroy(new Error(`${what}: ${error.message}`));
  source.on('error', fail('cannot be read'));
  transform.on('error', fail('cannot be decompressed'));
  source.pipe(transform).pipe(out);
  return out;
}

interface ZipEntry {
  /** Where the entry's data starts, its compressed size, and how it is stored (0 stored, 8 deflated). */
  start: number;
  size: number;
  method: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The one file a zip archive holds, from its central directory (zip64 sizes and offsets included). */
export function zipEntry(file: string): ZipEntry {
  const fd = openSync(file, 'r');
  try {
    const read = (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const got = readSync(fd, buffer, 0, length, position);
      return buffer.subarray(0, got);
    };
    const size = fstatSync(fd).size;
    // The end of central directory record: in the last 22 bytes, or before a comment of up to 64 KiB.
    const tailStart = Math.max(0, size - 22 - 0xffff);
    const tail = read(tailStart, size - tailStart);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new Error('is not a zip archive (no end of central directory)');
    let entries = tail.readUInt16LE(at + 10);
    let directory = tail.readUInt32LE(at + 16);
    if ((entries === 0xffff || directory === 0xffffffff) && at >= 20 && tail.readUInt32LE(at - 20) === EOCD64_LOCATOR) {
      const record = read(Number(tail.readBigUInt64LE(at - 20 + 8)), 56);
      entries = Number(record.readBigUInt64LE(32));
      directory = Number(record.readBigUInt64LE(48));
    }
    const files: ZipEntry[] = [];
    let position = directory;
    for (let n = 0; n < entries; n++) {
      const header = read(position, 46);
      if (header.length < 46 || header.readUInt32LE(0) !== CENTRAL) throw new Error('is not a readable zip archive (broken central directory)');
      const method = header.readUInt16LE(10);
      let compressed = header.readUInt32LE(20);
      const uncompressed = header.readUInt32LE(24);
      const nameLength = header.readUInt16LE(28);
      const extraLength = header.readUInt16LE(30);
      const commentLength = header.readUInt16LE(32);
      let local = header.readUInt32LE(42);
      const name = read(position + 46, nameLength).toString('utf8');
      // zip64: the sizes and offset that did not fit in 32 bits follow, in this order, in extra field 0x0001.
      const extra = read(position + 46 + nameLength, extraLength);
      for (let e = 0; e + 4 <= extra.length; e += 4 + extra.readUInt16LE(e + 2)) {
        if (extra.readUInt16LE(e) !== 0x0001) continue;
        let field = e + 4;
        if (uncompressed === 0xffffffff) field += 8;
        if (compressed === 0xffffffff) {
          compressed = Number(extra.readBigUInt64LE(field));
          field += 8;
        }
        if (local === 0xffffffff) local = Number(extra.readBigUInt64LE(field));
      }
      position += 46 + nameLength + extraLength + commentLength;
      if (name.endsWith('/')) continue;
      const localHeader = read(local, 30);
      if (localHeader.readUInt32LE(0) !== LOCAL) throw new Error('is not a readable zip archive (broken local header)');
      files.push({ start: local + 30 + localHeader.readUInt16LE(26) + localHeader.readUInt16LE(28), size: compressed, method });
    }
    if (files.length !== 1) throw new Error(`holds ${files.length} files; neo4j-admin reads a zip archive holding exactly one`);
    const only = files[0]!;
    if (only.method !== 0 && only.method !== 8) throw new Error(`uses zip compression method ${only.method}; only stored (0) and deflate (8) are read`);
    return only;
  } finally {
    closeSync(fd);
  }
}
