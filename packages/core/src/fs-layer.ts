import * as fs from 'node:fs';

/**
 * The file-system calls that run outputs go through. Tests swap in a layer that writes short or
 * fails with ENOSPC, to prove that no fault leaves a torn file or a request paid twice.
 */
export interface FsLayer {
  openSync: typeof fs.openSync;
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof fs.fsyncSync;
  closeSync: typeof fs.closeSync;
  ftruncateSync: typeof fs.ftruncateSync;
  renameSync: typeof fs.renameSync;
  unlinkSync: typeof fs.unlinkSync;
}

const real: FsLayer = {
  openSync: fs.openSync,
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  ftruncateSync: fs.ftruncateSync,
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
};

let current: FsLayer = real;

export function fsLayer(): FsLayer {
  return current;
}

/** Replaces some calls (tests); null restores the real file system. */
export function setFsLayer(layer: Partial<FsLayer> | null): void {
  current = layer ? { ...real, ...layer } : real;
}

/** A write that could not be completed (disk full, read-only, I/O error), naming the file. */
export class WriteError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException)?.code;
    const why =
      code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? 'the location is not writable' : 'a write failed';
    super(`${path}: ${why} (${code ?? (cause as Error)?.message ?? String(cause)})`);
    this.name = 'WriteError';
    this.code = code;
  }
}

/** Writes every byte, looping over short writes; a write that makes no progress twice is an error. */
export function writeAll(fd: number, data: string | Uint8Array): number {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let off = 0;
  let stalls = 0;
  while (off < buf.length) {
    const n = current.writeSync(fd, buf, off, buf.length - off);
    if (n > 0) {
      off += n;
      stalls = 0;
    } else if (++stalls > 2) {
      throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
    }
  }
  return buf.length;
}
