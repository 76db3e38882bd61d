/**
 * Column builders for one Arrow record batch at a time: values go into growable typed arrays,
 * then take() hands out the batch's buffers (Arrow layout: validity bitmap, offsets, values) and
 * starts the next batch empty; the buffers are views, valid until the next push (the writer
 * writes them out at once, so a batch is never copied). Dictionary columns keep their dictionary across batches (one
 * dictionary per column for the whole file); it only suits columns with few distinct values.
 */
import { bool, dictionary, float64, int32, utf8, type DataType } from '@uwdata/flechette';

export type ColumnKind = 'dict' | 'utf8' | 'int32' | 'float64' | 'bool';

/** One column's part of a batch: its row and null counts and its buffers in Arrow order. */
export interface ColumnBatch {
  length: number;
  nullCount: number;
  buffers: Uint8Array[];
}

export interface ColumnBuilder {
  readonly kind: ColumnKind;
  /** Bytes held for the current batch (strings mostly), to cap a batch's size. */
  readonly bytes: number;
  push(value: unknown): void;
  take(): ColumnBatch;
}

const EMPTY = new Uint8Array(0);

function grown<T extends Uint8Array | Int32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function bytesOf(a: Uint8Array | Int32Array | Float64Array, n: number): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, n * a.BYTES_PER_ELEMENT);
}

/** Validity bits, least significant first; omitted (length 0) when nothing is null, as Arrow allows. */
class Validity {
  private bits = new Uint8Array(1024);
  length = 0;
  nulls = 0;
  push(valid: boolean): void {
    const i = this.length++;
    this.bits = grown(this.bits, (i >> 3) + 1);
    if (valid) this.bits[i >> 3] |= 1 << (i & 7);
    else this.nulls++;
  }
  take(): Uint8Array {
    const out = this.nulls === 0 ? EMPTY : this.bits.slice(0, (this.length + 7) >> 3);
    this.bits.fill(0);
    this.length = 0;
    this.nulls = 0;
    return out;
  }
}

const isNull = (v: unknown) => v === null || v === undefined;

class Utf8Builder implements ColumnBuilder {
  readonly kind: ColumnKind = 'utf8';
  private readonly valid = new Validity();
  private offsets = new Int32Array(1024);
  private data = Buffer.alloc(64 * 1024);
  private end = 0;
  get bytes(): number {
    return this.end + this.valid.length * 4;
  }
  push(value: unknown): void {
    const ok = !isNull(value);
    if (ok) {
      const s = String(value);
      // A UTF-16 code unit takes at most 3 bytes in UTF-8.
      if (this.end + s.length * 3 > this.data.length) {
        const more = Buffer.alloc(Math.max(this.end + s.length * 3, this.data.length * 2));
        this.data.copy(more, 0, 0, this.end);
        this.data = more;
      }
      this.end += this.data.write(s, this.end, 'utf8');
    }
    this.valid.push(ok);
    this.offsets = grown(this.offsets, this.valid.length + 1);
    this.offsets[this.valid.length] = this.end;
  }
  take(): ColumnBatch {
    const length = this.valid.length;
    const nullCount = this.valid.nulls;
    const out = [this.valid.take(), bytesOf(this.offsets, length + 1), this.data.subarray(0, this.end)];
    this.end = 0;
    return { length, nullCount, buffers: out };
  }
}

/** Fixed-width numbers and booleans. */
class NumberBuilder implements ColumnBuilder {
  private readonly valid = new Validity();
  private values: Int32Array | Float64Array | Uint8Array;
  constructor(readonly kind: 'int32' | 'float64' | 'bool') {
    this.values = kind === 'int32' ? new Int32Array(1024) : kind === 'float64' ? new Float64Array(1024) : new Uint8Array(128);
  }
  get bytes(): number {
    return this.valid.length * 8;
  }
  push(value: unknown): void {
    const i = this.valid.length;
    const ok = !isNull(value);
    if (this.kind === 'bool') {
      this.values = grown(this.values, (i >> 3) + 1);
      if (value === true) this.values[i >> 3] |= 1 << (i & 7);
    } else {
      this.values = grown(this.values, i + 1);
      const n = ok ? Number(value) : 0;
      // An int32 column only takes what it can hold exactly; anything else is a bug upstream, not data to truncate.
      if (this.kind === 'int32' && ok && (n | 0) !== n) throw new RangeError(`not a 32-bit integer: ${String(value)}`);
      this.values[i] = n;
    }
    this.valid.push(ok);
  }
  take(): ColumnBatch {
    const length = this.valid.length;
    const nullCount = this.valid.nulls;
    const values: Uint8Array = this.kind === 'bool' ? new Uint8Array(this.values.subarray(0, (length + 7) >> 3)) : bytesOf(this.values, length);
    if (this.kind === 'bool') this.values.fill(0);
    return { length, nullCount, buffers: [this.valid.take(), values] };
  }
}

/** Strings as int32 codes into one dictionary per column, kept for the whole file. */
export class DictBuilder implements ColumnBuilder {
  readonly kind: ColumnKind = 'dict';
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly codes = new NumberBuilder('int32');
  get bytes(): number {
    return this.codes.bytes;
  }
  push(value: unknown): void {
    if (isNull(value)) return this.codes.push(null);
    const s = String(value);
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(s, id);
      this.values.push(s);
    }
    this.codes.push(id);
  }
  take(): ColumnBatch {
    return this.codes.take();
  }
  /** The dictionary itself, as one utf8 column batch. */
  dictionaryBatch(): ColumnBatch {
    const b = new Utf8Builder();
    for (const v of this.values) b.push(v);
    return b.take();
  }
}

export function columnBuilder(kind: ColumnKind): ColumnBuilder {
  if (kind === 'dict') return new DictBuilder();
  if (kind === 'utf8') return new Utf8Builder();
  return new NumberBuilder(kind);
}

/** The Arrow type of a column kind; dictionaries get their id (one per dictionary column). */
export function arrowType(kind: ColumnKind, dictionaryId: number): DataType {
  if (kind === 'dict') return dictionary(utf8(), int32(), false, dictionaryId);
  if (kind === 'utf8') return utf8();
  if (kind === 'int32') return int32();
  if (kind === 'float64') return float64();
  return bool();
}
