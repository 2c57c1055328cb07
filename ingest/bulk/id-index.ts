// A compact set of ids (64-bit hashes in typed arrays, about 20 bytes an id) with a small tag per id,
// so that validating millions of rows needs no Map of millions of strings.

/**
 * Two independent 32-bit hashes of the string (FNV-1a and a multiplicative one), together 64 bits, left in
 * `hashed` rather than returned as a pair: millions of look-ups then allocate nothing.
 */
const hashed = { a: 0, b: 0 };

function hash(text: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35);
  b ^= b >>> 16;
  // 0 marks an empty slot; no real key may hash to (0, 0).
  if (a === 0 && b === 0) a = 1;
  hashed.a = a >>> 0;
  hashed.b = b >>> 0;
}

/**
 * Open addressing with linear probing. Two different ids collide only if both 32-bit hashes agree
 * (about one chance in 10^12 for a million ids); a collision would be reported as a duplicate id.
 */
export class IdIndex {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private tags: Uint8Array;
  private count = 0;

  constructor(capacity = 1 << 16) {
    let size = 1;
    while (size < capacity * 2) size <<= 1;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.tags = new Uint8Array(size);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.hi.byteLength + this.lo.byteLength + this.tags.byteLength;
  }

  private slot(a: number, b: number): number {
    const mask = this.hi.length - 1;
    let i = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    while (this.hi[i] !== 0 || this.lo[i] !== 0) {
      if (this.hi[i] === a && this.lo[i] === b) return i;
      i = (i + 1) & mask;
    }
    return i;
  }

  /** The id's tag, or undefined when the id is not in the index. */
  get(id: string): number | undefined {
    hash(id);
    const i = this.slot(hashed.a, hashed.b);
    return this.hi[i] === 0 && this.lo[i] === 0 ? undefined : this.tags[i];
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Adds the id with its tag (0 to 255); false when it was there already (the tag is kept). */
  add(id: string, tag: number): boolean {
    if ((this.count + 1) * 2 > this.hi.length) this.grow();
    hash(id);
    const { a, b } = hashed;
    const i = this.slot(a, b);
    if (this.hi[i] !== 0 || this.lo[i] !== 0) return false;
    this.hi[i] = a;
    this.lo[i] = b;
    this.tags[i] = tag;
    this.count++;
    return true;
  }

  private grow(): void {
    const { hi, lo, tags } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(hi.length * 2);
    this.tags = new Uint8Array(hi.length * 2);
    for (let i = 0; i < hi.length; i++) {
      if (hi[i] === 0 && lo[i] === 0) continue;
      const j = this.slot(hi[i]!, lo[i]!);
      this.hi[j] = hi[i]!;
      this.lo[j] = lo[i]!;
      this.tags[j] = tags[i]!;
    }
  }
}
