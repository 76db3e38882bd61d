import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from './errors.js';

/** What a run directory's lock file holds: who writes the directory. */
export interface RunLockInfo {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export const LOCK_FILE = '.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): RunLockInfo | null {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as RunLockInfo;
    return typeof info.pid === 'number' && typeof info.host === 'string' ? info : null;
  } catch {
    return null;
  }
}

/**
 * Why the lock is held, or null when it is free or stale: a lock of this host whose process is
 * gone, or an unreadable lock older than a minute (a crash while it was being written).
 */
export function lockHolder(runDir: string): RunLockInfo | null {
  const path = join(runDir, LOCK_FILE);
  let age: number;
  try {
    age = Date.now() - statSync(path).mtimeMs;
  } catch {
    return null;
  }
  const info = readLock(path);
  if (!info) return age > 60_000 ? null : { pid: 0, host: '?', startedAt: '?', command: '(lock being written)' };
  if (info.host === hostname() && !alive(info.pid)) return null;
  return info;
}

export interface RunLock {
  release(): void;
}

/**
 * One run per directory: takes `<runDir>/.lock` (PID, host, start time) or refuses with exit 2.
 * A stale lock (its process gone) is taken over.
 */
export function acquireRunLock(runDir: string, command = process.argv.slice(1).join(' ')): RunLock {
  const path = join(runDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = lockHolder(runDir);
      if (holder) {
        throw new InputError(
          `${runDir} is in use by another run (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}). ` +
            `Wait for it to end, or stop it; if that process is gone (another machine, a crash), delete ${path} and resume`,
        );
      }
      try {
        unlinkSync(path); // stale: its process is gone
      } catch {
        /* another process took it over first: try again */
      }
      continue;
    }
    const info: RunLockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command };
    try {
      writeSync(fd, JSON.stringify(info) + '\n');
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        // Only our own lock: never remove one a later run took over.
        if (readLock(path)?.pid === process.pid) {
          try {
            unlinkSync(path);
          } catch {
            /* gone already */
          }
        }
      },
    };
  }
  throw new InputError(`${runDir}: could not take the run lock ${path}; another run keeps taking it`);
}
