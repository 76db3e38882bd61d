#!/usr/bin/env node
// The culturebench command. Installed, it imports the compiled JS and runs in this very process
// (no child process: signals reach the run itself). In a source checkout, where src/ exists and
// tsx is installed, it reads the TypeScript sources instead, through tsx's in-process hooks and
// the "@culturebench/source" export condition, so no build is needed there.
import { existsSync } from 'node:fs';

const source = new URL('../src/main.ts', import.meta.url);
let entry = new URL('../dist/main.js', import.meta.url);
if (existsSync(source) && process.env.CULTUREBENCH_USE_DIST !== '1') {
  const { register } = await import('node:module');
  const tsx = await import('tsx/esm/api').catch(() => null);
  if (tsx) {
    tsx.register();
    // Registered last, so it runs first: adds the condition, then hands over to tsx's resolver.
    const hook = 'export async function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, "@culturebench/source"] }); }';
    register(`data:text/javascript,${encodeURIComponent(hook)}`);
    entry = source;
  }
}
const { runProcess } = await import(entry.href);
runProcess(process.argv.slice(2));
