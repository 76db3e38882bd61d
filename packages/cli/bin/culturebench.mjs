#!/usr/bin/env node
// Runs the TypeScript source through tsx: nothing in the workspace is built. The run is a child
// process, so SIGINT/SIGTERM are forwarded to it and its exit code (130/143 when stopped) is ours:
// stopping this process never leaves the run orphaned.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', main, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 1)));
