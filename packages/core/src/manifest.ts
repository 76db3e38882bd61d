import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ConstantsSpec } from './index-constants.js';
import type { PersonaDesign } from './persona.js';
import type { Variant } from './design.js';
import type { ResolvedCondition } from './plan.js';
import type { EndpointReport, ModelParams, ModelPrice } from './provider.js';

export interface ManifestModel {
  id: string;
  provider: string;
  model: string;
  kind: 'llm' | 'baseline' | 'simulation';
  origin: string | null;
  params: ModelParams;
  price: ModelPrice | null;
  baseUrl: string | null;
  /** A model with several endpoints: each one's URL (no credentials) and how it fared over the run. */
  endpoints?: EndpointReport[];
}

/** manifest.json: everything needed to know what was run and to recompute every output. No secrets. */
export interface RunManifest {
  tool: 'culturebench';
  runId: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'complete' | 'interrupted' | 'budget' | 'failed';
  resumedAt?: string[];
  /** The slice of the plan this run asked, if sharded. */
  shard?: { index: number; count: number } | null;
  /** For a merged run: the runs it was made from. */
  mergedFrom?: { runId: string; dir: string; shard: { index: number; count: number } | null; status: string }[];
  /** Models stopped during the run (bad key, unknown model …). */
  stopped?: { id: string; reason: string }[];
  config: {
    file: string;
    hash: string;
    name: string;
    survey: string;
    countries: { code: string; language: string }[];
    /** The config's declared countries before --countries: they define G (absent in older runs = countries). */
    benchmarkCountries?: string[];
    conditions: ResolvedCondition[];
    aggregates: string[];
    headline: string;
    samples: number;
    seed: number;
    temperature: number;
    persona: PersonaDesign;
    /** The ways of asking: the first is the reference the headline uses (absent in runs before the grid). */
    variants?: Variant[];
    constants: ConstantsSpec;
    /** Replacement texts used (language → absolute path); their hashes are under survey.texts. */
    texts?: Record<string, string>;
    /** A ground-truth file used instead of the survey's own table. */
    groundTruthFile?: string;
  };
  models: ManifestModel[];
  skipped: { id: string; provider: string; reason: string; fix: string }[];
  survey: {
    id: string;
    version: string;
    texts: Record<string, { version: string; hash: string; rendering: string }>;
    formulas: Record<string, string>;
    /** How scores were compared with the ground truth. */
    metric?: { id: string; description: string };
    groundTruth: { name: string; version: string; hash: string; source: string };
  };
  plan: { requests: number; cells: number; items: number };
  prompter: string;
  parser: string;
  software: { node: string; culturebench: string; packages: Record<string, string> };
  git: { commit: string | null; dirty: boolean | null };
  summary?: { asked: number; reused: number; cached: number; errors: number; costUsd: number };
}

export function gitState(cwd: string): RunManifest['git'] {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

/**
 * The same, without blocking: one `git status --porcelain=v2 --branch` in a child process (its
 * header names the commit; any other line is a change), started before the run is prepared and
 * read when the manifest is written, so a slow `git status` in a large tree costs nothing before
 * the first request.
 */
export async function gitStateAsync(cwd: string): Promise<RunManifest['git']> {
  const out = await new Promise<string | null>((resolve) =>
    execFile('git', ['status', '--porcelain=v2', '--branch'], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (err, stdout) =>
      resolve(err ? null : stdout),
    ),
  );
  const commit = out?.match(/^# branch\.oid ([0-9a-f]{7,})$/m)?.[1];
  // No repository, or no commit yet (`rev-parse HEAD` fails there too).
  if (!out || !commit) return { commit: null, dirty: null };
  return { commit, dirty: out.split('\n').some((line) => line !== '' && !line.startsWith('#')) };
}

/** This package's version (src/ and dist/ both sit one folder below package.json). */
export const CORE_VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

export function packageVersions(names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    // Read node_modules directly: some packages' exports block `<name>/package.json`.
    for (let dir = process.cwd(); ; dir = dirname(dir)) {
      const file = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(file)) {
        out[name] = JSON.parse(readFileSync(file, 'utf8')).version;
        break;
      }
      if (dirname(dir) === dir) break;
    }
  }
  return out;
}
