/** The run directory: its name, creation, the manifest and the latest response per request. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { InputError } from './errors.js';
import type { RunManifest } from './manifest.js';
import { replaces, supersedeKey } from './latest-records.js';
import type { ResponseRecord } from './responses.js';

export function runId(now: Date, configHash: string): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${configHash.slice(0, 8)}`;
}

/**
 * Creates a new directory; two runs started in the same second get -2, -3 … rather than sharing one.
 * `outOption` names the option that chooses the parent folder (the CLI: --out).
 */
export function freshDir(base: string, outOption = 'outDir'): string {
  try {
    mkdirSync(dirname(base), { recursive: true });
    for (let n = 1; ; n++) {
      const dir = resolve(n === 1 ? base : `${base}-${n}`);
      try {
        mkdirSync(dir);
        return dir;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // (A recursive mkdir on a read-only file system reports ENOENT.)
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'ENOSPC' || code === 'ENOENT') {
      throw new InputError(`cannot create a run directory in ${dirname(base)} (${code}); choose a writable folder with ${outOption} or the config's "outDir"`);
    }
    throw err;
  }
}

export function writeJsonAtomic(path: string, value: unknown): void {
  // Write-then-rename: a crash leaves the old manifest or the new one, never half of one.
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}

export function readManifest(runDir: string): RunManifest {
  const path = join(runDir, 'manifest.json');
  if (!existsSync(path)) throw new InputError(`${runDir}: no manifest.json here; pass a run directory written by \`culturebench run\``);
  let manifest: RunManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as RunManifest;
  } catch (err) {
    throw new InputError(`${path}: not valid JSON (${(err as Error).message}); the run directory is damaged: restore manifest.json from a copy`);
  }
  const missing = ['runId', 'status', 'config', 'survey', 'models'].filter((k) => (manifest as unknown as Record<string, unknown>)?.[k] == null);
  if (missing.length || typeof manifest.config?.hash !== 'string') {
    throw new InputError(
      `${path}: not a culturebench manifest (missing ${missing.length ? missing.join(', ') : 'config.hash'}); restore manifest.json from a copy`,
    );
  }
  return manifest;
}

/**
 * The latest answer per request key: a retried request supersedes its earlier error row. A
 * conversation turn's latest row supersedes its earlier ones (asked again after an earlier turn
 * changed, it has another key).
 */
export function latestRecords(records: ResponseRecord[]): ResponseRecord[] {
  const byKey = new Map<string, ResponseRecord>();
  for (const r of records) {
    const key = supersedeKey(r);
    const prev = byKey.get(key);
    if (!prev || replaces(prev, r)) byKey.set(key, r);
  }
  return [...byKey.values()];
}
