/// <reference path="./flechette-encode.d.ts" />
/**
 * An Arrow IPC file (Feather v2) written row by row in bounded memory. Rows fill one record batch
 * (BATCH_ROWS rows or BATCH_BYTES of data, whichever comes first); each full batch goes at once
 * to a spill file beside the output. Dictionary columns are only complete at the end, and readers
 * (flechette among them) want the dictionaries before the batches that use them, so finish()
 * writes the file in the usual order: schema, dictionaries, then the spilled batches copied back
 * one at a time, then the footer. The file is written under a temporary name, fsynced and renamed:
 * a crash leaves the previous file or the new one, never part of one.
 */
import { closeSync, openSync, readSync, unlinkSync } from 'node:fs';
import { WriteError, writeAll, writeFileAtomicWith } from '@culturebench/core';
import { field, type Schema } from '@uwdata/flechette';
import { encodeIPC, type AssembledBatch } from '@uwdata/flechette/src/encode/encode-ipc.js';
import { arrowType, columnBuilder, DictBuilder, type ColumnBatch, type ColumnBuilder, type ColumnKind } from './arrow-columns.js';

export interface ArrowColumn {
  name: string;
  kind: ColumnKind;
}

export const BATCH_ROWS = 32_768;
const BATCH_BYTES = 16 * 1024 * 1024;

/** A batch in the spill file: where its body starts, and its layout (small, kept in memory). */
type Spilled = Omit<AssembledBatch, 'buffers'> & { at: number };

const pad8 = (n: number) => (n + 7) & ~7;
const ZEROS = new Uint8Array(8);

/** Lays out column batches as one IPC body: node per column, buffers 8-byte aligned. */
function layout(cols: ColumnBatch[]): AssembledBatch {
  const nodes = cols.map((c) => ({ length: c.length, nullCount: c.nullCount }));
  const regions: AssembledBatch['regions'] = [];
  const buffers: Uint8Array[] = [];
  let byteLength = 0;
  for (const c of cols)
    for (const b of c.buffers) {
      regions.push({ offset: byteLength, length: b.byteLength });
      buffers.push(b);
      byteLength += pad8(b.byteLength);
    }
  return { byteLength, nodes, regions, variadic: [], buffers };
}

export class ArrowFileWriter {
  private readonly builders: ColumnBuilder[];
  private readonly spillPath: string;
  private readonly spillFd: number;
  private spillKept = true;
  private spillEnd = 0;
  private readonly spilled: Spilled[] = [];
  private inBatch = 0;
  private closed = false;
  /** Rows pushed so far. */
  rows = 0;

  constructor(
    private readonly path: string,
    private readonly columns: readonly ArrowColumn[],
    private readonly batchRows = BATCH_ROWS,
  ) {
    this.builders = columns.map((c) => columnBuilder(c.kind));
    this.spillPath = `${path}.${process.pid}.spill.tmp`;
    try {
      this.spillFd = openSync(this.spillPath, 'w+');
    } catch (err) {
      throw new WriteError(this.spillPath, err);
    }
    // Unlinked while open where the OS allows it (POSIX): a crash then leaves no spill file behind.
    try {
      unlinkSync(this.spillPath);
      this.spillKept = false;
    } catch {
      /* Windows: removed in close() */
    }
  }

  /** One row, its values in the order of the columns. */
  push(row: readonly unknown[]): void {
    for (let i = 0; i < this.builders.length; i++) {
      try {
        this.builders[i].push(row[i]);
      } catch (err) {
        throw new Error(`${this.path}: column ${this.columns[i].name}, row ${this.rows + 1}: ${(err as Error).message}`);
      }
    }
    this.rows++;
    this.inBatch++;
    // The byte cap bounds a batch of long replies; summed every 256 rows, which is often enough.
    if (this.inBatch >= this.batchRows || ((this.inBatch & 255) === 0 && this.builders.reduce((n, b) => n + b.bytes, 0) >= BATCH_BYTES)) this.flush();
  }

  private flush(): void {
    if (this.inBatch === 0) return;
    const batch = layout(this.builders.map((b) => b.take()));
    this.inBatch = 0;
    const at = this.spillEnd;
    try {
      for (const b of batch.buffers) {
        writeAll(this.spillFd, b);
        const gap = pad8(b.byteLength) - b.byteLength;
        if (gap) writeAll(this.spillFd, ZEROS.subarray(0, gap));
        this.spillEnd += b.byteLength + gap;
      }
    } catch (err) {
      throw err instanceof WriteError ? err : new WriteError(this.spillPath, err);
    }
    this.spilled.push({ at, byteLength: batch.byteLength, nodes: batch.nodes, regions: batch.regions, variadic: [] });
  }

  /**
   * The spilled batches read back one at a time into one buffer: encodeIPC writes each batch to
   * the sink before it asks for the next, so the buffer is free again when the next is read.
   */
  private *records(): Generator<AssembledBatch> {
    const buf = Buffer.allocUnsafe(Math.max(0, ...this.spilled.map((b) => b.byteLength)));
    for (const { at, ...meta } of this.spilled) {
      const body = buf.subarray(0, meta.byteLength);
      for (let off = 0; off < body.length; ) {
        const n = readSync(this.spillFd, body, off, body.length - off, at + off);
        if (n <= 0) throw new Error(`${this.spillPath}: spill file ended early`);
        off += n;
      }
      yield { ...meta, buffers: [body] };
    }
  }

  /** Writes the file (temporary name, fsync, rename) and releases the spill; returns the row count. */
  finish(): number {
    this.flush();
    let id = 0;
    const dictionaries: { id: number; isDelta: boolean; data: AssembledBatch }[] = [];
    const fields = this.columns.map((c, i) => {
      const b = this.builders[i];
      if (!(b instanceof DictBuilder)) return field(c.name, arrowType(c.kind, -1), true);
      dictionaries.push({ id, isDelta: false, data: layout([b.dictionaryBatch()]) });
      return field(c.name, arrowType(c.kind, id++), true);
    });
    const schema: Schema = { fields, metadata: null };
    try {
      writeFileAtomicWith(this.path, (out) => {
        const sink = { write: (b: Uint8Array) => void writeAll(out, b), pad: (n: number) => void writeAll(out, new Uint8Array(n)), finish: () => null };
        encodeIPC({ schema, dictionaries, records: this.records() }, { sink, format: 'file' });
      });
    } finally {
      this.close();
    }
    return this.rows;
  }

  /** Releases the spill file (finish() does; call it when abandoning a file half written). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.spillFd);
    if (this.spillKept) unlinkSync(this.spillPath);
  }
}
