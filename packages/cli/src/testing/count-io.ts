/**
 * Runs the report stage of a run directory (argv[2]) with the built-in registry and prints, as
 * JSON, how often responses.jsonl was opened for reading and how often each file was written.
 * node:fs is patched before anything else loads, so every package's reads and writes are seen.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';

const fs = createRequire(import.meta.url)('node:fs') as Record<string, (...args: unknown[]) => unknown>;
const reads: Record<string, number> = {};
const writes: Record<string, number> = {};
const bump = (table: Record<string, number>, path: unknown) => {
  const name = basename(String(path));
  table[name] = (table[name] ?? 0) + 1;
};
const wrap = (name: string, on: (args: unknown[]) => void) => {
  const original = fs[name];
  fs[name] = function (this: unknown, ...args: unknown[]) {
    on(args);
    return original.apply(this, args);
  };
};
const isWrite = (flags: unknown) => typeof flags === 'string' && /[wa+]/.test(flags);
// An atomic write opens a temporary file and renames it over the output: the rename is the write.
const isTemp = (p: unknown) => String(p).endsWith('.tmp');
wrap('openSync', ([p, flags]) => (isWrite(flags) ? !isTemp(p) && bump(writes, p) : bump(reads, p)));
wrap('readFileSync', ([p]) => typeof p !== 'number' && bump(reads, p));
wrap('createReadStream', ([p]) => bump(reads, p));
wrap('writeFileSync', ([p]) => typeof p !== 'number' && !isTemp(p) && bump(writes, p));
wrap('renameSync', ([, to]) => bump(writes, to));
syncBuiltinESMExports();

const { runReporters } = await import('@culturebench/core');
const { builtInRegistry } = await import('../registry.js');
const result = runReporters(process.argv[2], await builtInRegistry(), { replicates: 20 });
process.stdout.write(JSON.stringify({ reads, writes, files: result.files.map((f) => basename(f)) }) + '\n');
