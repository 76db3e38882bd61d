/** The run directory: its name, creation, the manifest and the latest response per request. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from './errors.js';
import type { RunManifest } from './manifest.js';
import type { ResponseRecord } from './responses.js';

export function runId(now: Date, configHash: string): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${configHash.slice(0, 8)}`;
}

/** Creates a new directory; two runs started in the same second get -2, -3 … rather than sharing one. */
export function freshDir(base: string): string {
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
}

export function writeJsonAtomic(path: string, value: unknown): void {
  // Write-then-rename: a crash leaves the old manifest or the new one, never half of one.
  writeFileSync(`${path}.tmp`, JSON.stringify(value, null, 2) + '\n');
  renameSync(`${path}.tmp`, path);
}

export function readManifest(runDir: string): RunManifest {
  const path = join(runDir, 'manifest.json');
  if (!existsSync(path)) throw new InputError(`${runDir}: no manifest.json here; pass a run directory written by \`culturebench run\``);
  return JSON.parse(readFileSync(path, 'utf8')) as RunManifest;
}

/** The latest answer per request key: a retried request supersedes its earlier error row. */
export function latestRecords(records: ResponseRecord[]): ResponseRecord[] {
  const byKey = new Map<string, ResponseRecord>();
  for (const r of records) {
    const prev = byKey.get(r.key);
    if (!prev || prev.error !== null) byKey.set(r.key, r);
  }
  return [...byKey.values()];
}
