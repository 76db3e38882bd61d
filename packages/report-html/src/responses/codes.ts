/**
 * The response browser's per-row state, kept small for runs of a million rows and more: facet
 * codes in typed arrays as narrow as their dictionary allows, and prompt ids for recent prompts only.
 */

/** A growable array of facet codes: one byte per row until the facet has more than 255 values. */
export class FacetCodes {
  private codes: Uint8Array | Uint16Array | Uint32Array = new Uint8Array(4096);
  length = 0;

  push(code: number): void {
    const max = this.codes instanceof Uint8Array ? 0xff : this.codes instanceof Uint16Array ? 0xffff : 0xffffffff;
    if (code > max || this.length === this.codes.length) {
      const wide = code > max ? (code > 0xffff ? Uint32Array : Uint16Array) : (this.codes.constructor as typeof Uint32Array);
      const next = new wide(Math.max(4096, this.codes.length * (this.length === this.codes.length ? 2 : 1)));
      next.set(this.codes.subarray(0, this.length));
      this.codes = next;
    }
    this.codes[this.length++] = code;
  }

  /** Bytes per code (1, 2 or 4) and the codes' bytes (little-endian, as the page reads them). */
  bytes(): { width: 1 | 2 | 4; data: Uint8Array } {
    const c = this.codes.subarray(0, this.length);
    return { width: c.BYTES_PER_ELEMENT as 1 | 2 | 4, data: new Uint8Array(c.buffer, c.byteOffset, c.byteLength) };
  }
}

/**
 * promptHash → prompt id for the prompts seen lately (two generations of `generation` entries,
 * the older dropped when the newer fills). A prompt seen again after it was dropped gets a new
 * id and is written again: a little duplication instead of one entry per distinct prompt, which
 * for a run with a persona per respondent is one per row.
 */
export class RecentPrompts {
  private current = new Map<string, number>();
  private previous = new Map<string, number>();
  constructor(private readonly generation: number) {}

  get(hash: string): number | undefined {
    const id = this.current.get(hash);
    if (id !== undefined) return id;
    const old = this.previous.get(hash);
    if (old !== undefined) this.set(hash, old);
    return old;
  }

  set(hash: string, id: number): void {
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(hash, id);
  }
}
