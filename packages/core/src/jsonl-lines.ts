/** Line-by-line reading of JSONL files far larger than a JS string can hold, in 1 MiB chunks. */
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';

const CHUNK = 1 << 20;

export interface LineStats {
  /** Complete lines read (blank ones included). */
  lines: number;
  /** Bytes of complete lines (up to and including the last newline). */
  consumed: number;
  /** The file's size when it was opened. */
  size: number;
}

/**
 * The complete lines of a file (a missing file has none), as text without the newline. A final
 * line without its newline is a write cut short and is not yielded; `stats.size - stats.consumed`
 * is its length once the generator has finished. The file is closed when iteration ends or stops.
 */
export function* textLines(path: string, stats: LineStats = { lines: 0, consumed: 0, size: 0 }): Generator<string, void, undefined> {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r');
  try {
    stats.size = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(CHUNK);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let position = 0;
    while (position < stats.size) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, stats.size - position), position);
      if (n <= 0) break;
      position += n;
      let start = 0;
      for (let nl = buf.indexOf(10, 0); nl !== -1 && nl < n; nl = buf.indexOf(10, start)) {
        const piece = buf.subarray(start, nl);
        const text = pending.length ? Buffer.concat([...pending, piece]).toString('utf8') : piece.toString('utf8');
        stats.consumed += pendingBytes + piece.length + 1;
        pending = [];
        pendingBytes = 0;
        stats.lines++;
        start = nl + 1;
        yield text;
      }
      if (start < n) {
        pending.push(Buffer.from(buf.subarray(start, n)));
        pendingBytes += n - start;
      }
    }
  } finally {
    closeSync(fd);
  }
}
