// Zip archives for tests of what neo4j-admin reads (ingest/bulk/compressed.ts): deflated entries, as `zip` writes them.
import { crc32, deflateRawSync } from 'node:zlib';

/** A zip archive holding the given files, each deflated. */
export function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    // Version 2.0, method 8 (deflate); the central entry adds the version that made it and the local header's offset.
    const local = record(30, [[0, 4, 0x04034b50], [4, 2, 20], [8, 2, 8], [14, 4, crc], [18, 4, packed.length], [22, 4, data.length], [26, 2, fileName.length]]);
    const entry = record(46, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [10, 2, 8], [16, 4, crc], [20, 4, packed.length], [24, 4, data.length], [28, 2, fileName.length], [42, 4, offset]]);
    locals.push(local, fileName, packed);
    central.push(entry, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const count = Object.keys(files).length;
  const end = record(22, [[0, 4, 0x06054b50], [8, 2, count], [10, 2, count], [12, 4, directory.length], [16, 4, offset]]);
  return Buffer.concat([...locals, directory, end]);
}

/** A little-endian record of `size` bytes: zeros but for the [offset, width, value] fields. */
function record(size: number, fields: [offset: number, width: 2 | 4, value: number][]): Buffer {
  const buffer = Buffer.alloc(size);
  for (const [offset, width, value] of fields) {
    if (width === 2) buffer.writeUInt16LE(value, offset);
    else buffer.writeUInt32LE(value, offset);
  }
  return buffer;
}
