#!/usr/bin/env node
// Builds one workspace package (run as its `build` script, from the package folder):
// cleans dist/, compiles src/ to ESM JS + declarations with the shared tsconfig.build.base.json,
// and copies the datasets the package ships (package.json "culturebench.datasets", paths under
// the repository's datasets/ folder) into the package's own datasets/ folder.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const pkgDir = process.cwd();
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

rmSync(join(pkgDir, 'dist'), { recursive: true, force: true });
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(pkgDir, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

const datasets = pkg.culturebench?.datasets ?? [];
rmSync(join(pkgDir, 'datasets'), { recursive: true, force: true });
for (const rel of datasets) {
  const from = join(root, 'datasets', rel);
  if (!existsSync(from)) {
    console.error(`${pkg.name}: dataset "${rel}" not found at ${from} (package.json culturebench.datasets)`);
    process.exit(1);
  }
  mkdirSync(dirname(join(pkgDir, 'datasets', rel)), { recursive: true });
  cpSync(from, join(pkgDir, 'datasets', rel), { recursive: true });
}
