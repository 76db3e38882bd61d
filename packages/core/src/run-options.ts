/** What a run is asked to do, and what it returns. */
import type { Analysis } from './alignment-summary.js';
import type { AskProgress, AskSummary, RetryPolicy } from './ask.js';
import type { BenchmarkConfig } from './config.js';
import type { RunManifest } from './manifest.js';
import type { OptionNames } from './option-names.js';
import type { Shard } from './plan.js';
import type { Registry } from './registry.js';

export interface RunOptions {
  config: BenchmarkConfig;
  registry: Registry;
  /** Restrict to these model ids / country codes / this many respondents (CLI flags). */
  models?: string[];
  countries?: string[];
  samples?: number;
  /** Parent folder of run directories (default: config.outDir, relative to the working directory). */
  outDir?: string;
  /** Continue this run directory: requests answered there are not asked again. */
  resumeDir?: string;
  /** With resumeDir: also ask again the requests that ended in an error. */
  retryErrors?: boolean;
  /** false: neither read nor write the response cache. */
  cache?: boolean;
  /** Response cache folder (default: <outDir>/.cache). */
  cacheDir?: string;
  /** Stop sending before the spend could pass this many US dollars. */
  maxCostUsd?: number;
  shard?: Shard;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Ask models whose provider has a batch API (OpenAI) through it. */
  batch?: boolean;
  /** Bootstrap replicates for the report stage's reporters. */
  replicates?: number;
  batchPollSeconds?: number;
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
  onProgress?: (p: AskProgress) => void;
  /** Stop sending (Ctrl-C, SIGTERM): requests in flight get `graceMs` to finish, then are cut off. */
  signal?: AbortSignal;
  graceMs?: number;
  /** Cut off the requests in flight now. */
  cutSignal?: AbortSignal;
  /** Plans beyond MAX_PLAN_REQUESTS are refused unless this is set. */
  allowLargePlan?: boolean;
  now?: () => Date;
  /**
   * How the caller names the run's options in messages (the CLI passes its flags, e.g. "--models");
   * core's defaults are the option names.
   */
  optionNames?: OptionNames;
}

export interface RunResult {
  runDir: string;
  manifest: RunManifest;
  /** Core's alignment summary of the run. */
  analysis: Analysis;
  /** leaderboard.md's text, when a registered reporter wrote one. */
  leaderboard: string | null;
  summary?: AskSummary;
}
