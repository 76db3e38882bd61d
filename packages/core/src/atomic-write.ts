import { fsLayer, WriteError, writeAll } from './fs-layer.js';

/**
 * Writes a whole file or nothing: a temporary file next to it, fsynced, then renamed over it. A
 * full disk or a crash leaves the previous file (or none), never a file cut short.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writeFileAtomicWith(path, (fd) => void writeAll(fd, data));
}

/** writeFileAtomic for content written piece by piece: `fill` writes to the temporary file's descriptor. */
export function writeFileAtomicWith(path: string, fill: (fd: number) => void): void {
  const fs = fsLayer();
  const tmp = `${path}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'w');
    fill(fd);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* never created */
    }
    throw err instanceof WriteError ? err : new WriteError(path, err);
  }
}
