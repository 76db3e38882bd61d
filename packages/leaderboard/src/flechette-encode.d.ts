// flechette's IPC encoder below its public tableToIPC (which needs the whole table in memory):
// encodeIPC takes the record batches as any iterable and writes each to the sink as it comes.
// Internal to @uwdata/flechette 2.6.0, which is pinned exactly (package.json and the root overrides).
declare module '@uwdata/flechette/src/encode/encode-ipc.js' {
  import type { Schema } from '@uwdata/flechette';

  /** Receives the file's bytes in order; write() may keep nothing. */
  export interface IpcSink {
    write(bytes: Uint8Array): void;
    pad(byteCount: number): void;
    finish(): Uint8Array | null;
  }

  /** A record batch laid out as its IPC body: buffers padded to 8 bytes, regions their offsets. */
  export interface AssembledBatch {
    byteLength: number;
    nodes: { length: number; nullCount: number }[];
    regions: { offset: number; length: number }[];
    variadic: number[];
    buffers: Uint8Array[];
  }

  export function encodeIPC(
    data: {
      schema: Schema;
      dictionaries: Iterable<{ id: number; isDelta: boolean; data: AssembledBatch }>;
      records: Iterable<AssembledBatch>;
      metadata?: Map<string, string> | null;
    },
    options: { sink: IpcSink; format: 'stream' | 'file' },
  ): IpcSink;
}
