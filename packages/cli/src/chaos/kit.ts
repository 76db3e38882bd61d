// Shared pieces of the chaos suite: a loopback config, captured IO, run-directory readers and a
// file-system layer that fails on purpose.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFsLayer, type FsLayer, type ResponseRecord, type RunManifest } from '@culturebench/core';
import type { MockLlmServer } from '@culturebench/mock-llm';
import { memoryIo } from '../commands.js';

/** Test keys: short and obviously fake. */
export const KEY = 'fakekey-Q8Wv3Lp0Xr7Mn2';
export const BIN = fileURLToPath(new URL('../../bin/culturebench.mjs', import.meta.url));
/** 1 country × 24 items × `samples` respondents. */
export const PLANNED = (samples = 2) => 24 * samples;

export const capture = (env: Record<string, string | undefined> = { CHAOS_KEY: KEY }) => memoryIo(env);

const dirs: string[] = [];
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'culturebench-chaos-'));
  dirs.push(d);
  return d;
}
export function cleanTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function runDirsIn(parent: string): string[] {
  return existsSync(parent)
    ? readdirSync(parent)
        .filter((d) => !d.startsWith('.'))
        .map((d) => join(parent, d))
    : [];
}

/** Rows of responses.jsonl; every line must be whole JSON. */
export function rows(runDir: string): ResponseRecord[] {
  const text = readFileSync(join(runDir, 'responses.jsonl'), 'utf8');
  if (text.length && !text.endsWith('\n')) throw new Error('responses.jsonl ends in a torn line');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ResponseRecord);
}

export function manifestOf(runDir: string): RunManifest {
  return JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8')) as RunManifest;
}

export const chatPosts = (server: MockLlmServer) => server.requests.filter((r) => r.method === 'POST' && r.url.includes('/chat/completions')).length;

export function openaiModel(server: MockLlmServer, id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, provider: 'openai', model: id, baseUrl: `${server.url}/v1`, apiKeyEnv: 'CHAOS_KEY', ...extra };
}

export function writeConfig(dir: string, models: Record<string, unknown>[], extra: Record<string, unknown> = {}, file = 'bench.json'): string {
  const path = join(dir, file);
  writeFileSync(
    path,
    JSON.stringify({
      name: 'chaos test',
      survey: 'vsm2013',
      countries: ['US'],
      conditions: ['native'],
      persona: { template: 'first-person', traits: { gender: ['female', 'male'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
      samples: 2,
      outDir: 'out',
      concurrency: 4,
      retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
      models,
      ...extra,
    }),
  );
  return path;
}

/** Every file under a directory, recursively, as text (for "no secret anywhere" checks). */
export function allText(dir: string): string {
  if (!existsSync(dir)) return '';
  let out = '';
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    out += e.isDirectory() ? allText(p) : `\n=== ${p}\n` + readFileSync(p, 'utf8');
  }
  return out;
}

/** Every piece of `secret` at least `min` characters long that appears in `text`. */
export function fragmentsIn(text: string, secret: string, min = 6): string[] {
  const found: string[] = [];
  for (let i = 0; i + min <= secret.length; i++) if (text.includes(secret.slice(i, i + min))) found.push(secret.slice(i, i + min));
  return found;
}

/**
 * A file-system layer that knows which file each descriptor belongs to, so a test can fail the
 * writes of one file: short writes, or ENOSPC while `full(path)` says so.
 */
export function faultyFs(opts: { maxBytesPerWrite?: number; full?: (path: string) => boolean }): {
  calls: number;
  failures: number;
  install(): void;
  remove(): void;
} {
  const paths = new Map<number, string>();
  const state = { calls: 0, failures: 0, install, remove };
  function install(): void {
    const layer: Partial<FsLayer> = {
      openSync: ((path: string, flags: string, mode?: number) => {
        const fd = fs.openSync(path, flags, mode);
        paths.set(fd, String(path));
        return fd;
      }) as FsLayer['openSync'],
      writeSync: (fd, buffer, offset, length) => {
        state.calls++;
        const path = paths.get(fd) ?? '';
        if (opts.full?.(path)) {
          state.failures++;
          // A real full disk may take part of the write first.
          if (length > 8 && state.failures % 2 === 1) return fs.writeSync(fd, buffer, offset, 5);
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
        }
        return fs.writeSync(fd, buffer, offset, Math.min(length, opts.maxBytesPerWrite ?? length));
      },
    };
    setFsLayer(layer);
  }
  function remove(): void {
    setFsLayer(null);
  }
  return state;
}

/** Runs the bin in a child process; resolves with its exit code, stdout and stderr. */
export function spawnBin(args: string[], env: Record<string, string>, onSpawn?: (pid: number) => void) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CHAOS_KEY: KEY, CI: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  onSpawn?.(child.pid!);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => setTimeout(() => resolve({ code, signal, stdout, stderr }), 50)),
  );
  return { child, done };
}
