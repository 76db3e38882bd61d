#!/usr/bin/env node
// Builds one workspace package (run as its `build` script, from the package folder):
// cleans dist/ and compiles src/ to ESM JS + declarations with the shared tsconfig.build.base.json.
// Data ships in one package, @culturebench/datasets (datasets/), which lists its folders in `files`.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const pkgDir = process.cwd();

rmSync(join(pkgDir, 'dist'), { recursive: true, force: true });
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(pkgDir, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
