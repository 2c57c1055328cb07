// A large view's nodes and positions in a few characters of the URL: shared id prefix factored out, numbers as varints, deflated, base64url.
//
// Why in the link and not a stored view: a stored view would have to be written into the database,
// and on a database someone else built the explorer writes nothing without the operator's word.
// Deflated, the link to a view of 300 nodes of a foreign database (ids like '~4:<uuid>:56000') was
// 865 to 880 characters in tests/e2e/foreign.test.ts, where the plain form took 19,900; positions are kept
// to 1/256 of the drawing's extent past 100 nodes (a few pixels), which a reader cannot tell apart.
import type { Point } from './store.ts';

const VERSION = 1;
const HAS_POSITIONS = 1;
const NUMERIC = 2;
const DEFLATED = 4;
const FINE = 8;
/** Up to this many nodes positions keep 1/65536 of the extent; beyond, 1/256. */
const FINE_LIMIT = 100;

class Writer {
  private bytes: number[] = [];
  byte(b: number): void {
    this.bytes.push(b & 0xff);
  }
  varint(n: number): void {
    let v = Math.max(0, Math.floor(n));
    while (v >= 0x80) {
      this.bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.bytes.push(v);
  }
  signed(n: number): void {
    const v = Math.round(n);
    this.varint(v < 0 ? -2 * v - 1 : 2 * v);
  }
  text(s: string): void {
    const utf8 = new TextEncoder().encode(s);
    this.varint(utf8.length);
    for (const b of utf8) this.bytes.push(b);
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

class Reader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  byte(): number {
    if (this.at >= this.bytes.length) throw new Error('short view data');
    return this.bytes[this.at++]!;
  }
  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new Error('bad view data');
    }
  }
  signed(): number {
    const v = this.varint();
    return v % 2 ? -(v + 1) / 2 : v / 2;
  }
  text(): string {
    const length = this.varint();
    if (this.at + length > this.bytes.length) throw new Error('short view data');
    const out = new TextDecoder().decode(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return out;
  }
}

function commonPrefix(ids: readonly string[]): string {
  if (!ids.length) return '';
  let prefix = ids[0]!;
  for (const id of ids) {
    let i = 0;
    while (i < prefix.length && i < id.length && prefix[i] === id[i]) i++;
    prefix = prefix.slice(0, i);
    if (!prefix) break;
  }
  // Never cut inside a number: '~4:…:56000' and '~4:…:56123' share '~4:…:', not '~4:…:56'.
  return prefix.replace(/\d+$/, '');
}

const NUMBER = /^(0|[1-9]\d{0,14})$/;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Nodes (and their positions, same order) as one URL-safe string. The order of the nodes may change; each keeps its position. */
export async function encodeView(ids: readonly string[], positions: readonly Point[] | null): Promise<string> {
  const prefix = commonPrefix(ids);
  const suffixes = ids.map((id) => id.slice(prefix.length));
  const numeric = suffixes.length > 0 && suffixes.every((s) => NUMBER.test(s));
  let order = ids.map((_, i) => i);
  // Numbers in rising order: their differences are small and deflate well.
  if (numeric) order = order.sort((a, b) => Number(suffixes[a]) - Number(suffixes[b]));
  const fine = ids.length <= FINE_LIMIT;
  const body = new Writer();
  body.text(prefix);
  body.varint(ids.length);
  let last = 0;
  for (const i of order) {
    if (numeric) {
      const n = Number(suffixes[i]);
      body.varint(n - last);
      last = n;
    } else body.text(suffixes[i]!);
  }
  if (positions) {
    const xs = positions.map((p) => p.x);
    const ys = positions.map((p) => p.y);
    const minX = Math.floor(Math.min(...xs));
    const minY = Math.floor(Math.min(...ys));
    const spanX = Math.max(1, Math.ceil(Math.max(...xs) - minX));
    const spanY = Math.max(1, Math.ceil(Math.max(...ys) - minY));
    body.signed(minX);
    body.signed(minY);
    body.varint(spanX);
    body.varint(spanY);
    const steps = fine ? 0xffff : 0xff;
    for (const i of order) {
      for (const [v, min, span] of [[positions[i]!.x, minX, spanX], [positions[i]!.y, minY, spanY]] as const) {
        const q = Math.round(((v - min) / span) * steps);
        if (fine) {
          body.byte(q >> 8);
          body.byte(q);
        } else body.byte(q);
      }
    }
  }
  let payload = body.done();
  let flags = (positions ? HAS_POSITIONS : 0) | (numeric ? NUMERIC : 0) | (fine ? FINE : 0);
  try {
    const deflated = await pipe(payload, new CompressionStream('deflate-raw'));
    if (deflated.length < payload.length) {
      payload = deflated;
      flags |= DEFLATED;
    }
  } catch {
    // No deflate-raw here (an old browser): the varint form alone, still far shorter than the ids.
  }
  const out = new Uint8Array(payload.length + 2);
  out[0] = VERSION;
  out[1] = flags;
  out.set(payload, 2);
  return toBase64Url(out);
}

export async function decodeView(text: string): Promise<{ ids: string[]; positions: Point[] | null }> {
  const all = fromBase64Url(text);
  if (all[0] !== VERSION) throw new Error('unknown view data version');
  const flags = all[1]!;
  let payload = all.subarray(2);
  if (flags & DEFLATED) payload = await pipe(payload, new DecompressionStream('deflate-raw'));
  const r = new Reader(payload);
  const prefix = r.text();
  const count = r.varint();
  if (count > 100_000) throw new Error('bad view data');
  const ids: string[] = [];
  let last = 0;
  for (let i = 0; i < count; i++) {
    if (flags & NUMERIC) {
      last += r.varint();
      ids.push(prefix + String(last));
    } else ids.push(prefix + r.text());
  }
  let positions: Point[] | null = null;
  if (flags & HAS_POSITIONS) {
    const [minX, minY, spanX, spanY] = [r.signed(), r.signed(), r.varint(), r.varint()];
    const fine = (flags & FINE) !== 0;
    const steps = fine ? 0xffff : 0xff;
    const read = () => (fine ? (r.byte() << 8) | r.byte() : r.byte());
    positions = [];
    for (let i = 0; i < count; i++) {
      const qx = read();
      const qy = read();
      positions.push({ x: Math.round(minX + (qx / steps) * spanX), y: Math.round(minY + (qy / steps) * spanY) });
    }
  }
  return { ids, positions };
}
