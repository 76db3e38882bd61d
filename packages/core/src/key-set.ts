/**
 * An exact set of request keys in about 40 bytes per key instead of about 100: the keys of the
 * requests a resumed run has answered (a million-request run resumes without a Set of a million
 * strings). Request keys are sha256 hex, kept as their 32 bytes in one buffer with an
 * open-addressing table of indices; any other string goes to an ordinary Set.
 */
const HEX_KEY = /^[0-9a-f]{64}$/;
const BYTES = 32;

export interface ReadonlyKeySet {
  has(key: string): boolean;
  readonly size: number;
}

/** Every byte of the key mixed (keys sharing a prefix must not share a probe run). */
function slotHash(buf: Buffer, at: number): number {
  let h = 0;
  for (let i = 0; i < BYTES; i += 4) h = Math.imul(h ^ buf.readUInt32LE(at + i), 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}

export class KeySet implements ReadonlyKeySet {
  private bytes = Buffer.alloc(BYTES * 1024);
  /** Slot → index + 1 of the key in `bytes` (0: empty); its length is a power of two, at most half full. */
  private table = new Uint32Array(4096);
  private hexCount = 0;
  private readonly other = new Set<string>();
  private readonly scratch = Buffer.alloc(BYTES);

  get size(): number {
    return this.hexCount + this.other.size;
  }

  add(key: string): this {
    if (!HEX_KEY.test(key)) {
      this.other.add(key);
      return this;
    }
    this.scratch.write(key, 'hex');
    if (this.find(this.scratch) >= 0) return this;
    if ((this.hexCount + 1) * 2 > this.table.length) this.grow();
    if ((this.hexCount + 1) * BYTES > this.bytes.length) {
      const next = Buffer.alloc(this.bytes.length * 2);
      this.bytes.copy(next);
      this.bytes = next;
    }
    this.scratch.copy(this.bytes, this.hexCount * BYTES);
    this.hexCount++;
    this.place(this.hexCount - 1);
    return this;
  }

  has(key: string): boolean {
    if (this.hexCount === 0 && this.other.size === 0) return false; // a fresh run: asked for every request
    if (!HEX_KEY.test(key)) return this.other.has(key);
    this.scratch.write(key, 'hex');
    return this.find(this.scratch) >= 0;
  }

  /** The slot holding this key, or -1. */
  private find(key: Buffer): number {
    const mask = this.table.length - 1;
    for (let slot = slotHash(key, 0) & mask; ; slot = (slot + 1) & mask) {
      const at = this.table[slot]!;
      if (at === 0) return -1;
      if (this.bytes.compare(key, 0, BYTES, (at - 1) * BYTES, at * BYTES) === 0) return slot;
    }
  }

  private place(index: number): void {
    const mask = this.table.length - 1;
    let slot = slotHash(this.bytes, index * BYTES) & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = index + 1;
  }

  private grow(): void {
    this.table = new Uint32Array(this.table.length * 2);
    for (let i = 0; i < this.hexCount; i++) this.place(i);
  }
}
