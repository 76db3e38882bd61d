import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The browser builds of vega, vega-lite and vega-embed that are inlined into every report. */
export interface VegaAssets {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
  versions: { vega: string; 'vega-lite': string; 'vega-embed': string };
}

const BUILDS = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
] as const;

/** Finds node_modules/<name> walking up from this file, then from the working directory. */
function packageDir(name: string): string {
  const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    for (let dir = start; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`report-html: cannot find the npm package "${name}" (run npm install at the repository root)`);
}

let cached: VegaAssets | undefined;

/** Reads the three builds once per process. */
export function loadVegaAssets(): VegaAssets {
  if (cached) return cached;
  const out: Record<string, string> = {};
  const versions: Record<string, string> = {};
  for (const [name, file] of BUILDS) {
    const dir = packageDir(name);
    out[name] = readFileSync(join(dir, file), 'utf8');
    versions[name] = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  }
  cached = {
    vega: out['vega'],
    vegaLite: out['vega-lite'],
    vegaEmbed: out['vega-embed'],
    versions: versions as VegaAssets['versions'],
  };
  return cached;
}
