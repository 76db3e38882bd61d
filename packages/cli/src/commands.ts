import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  benchmarkConfigJsonSchema,
  checkModels,
  describePlan,
  dryRun,
  methodsFor,
  mergeRuns,
  parseShard,
  readAnswerRows,
  runReporters,
  type OptionNames,
  type RunOptions,
  validateSurvey,
  getProviderFor,
  getSurvey,
  InputError,
  loadBenchmarkCountries,
  loadConfig,
  parseAnswersCsv,
  parseConstantsFlag,
  runBenchmark,
  scoreAnswers,
  type Registry,
  writeCsv,
  ExitCode,
  lockHolder,
  loadReporters,
  stripControl,
  WriteError,
} from '@culturebench/core';
import { resumeCommand, SIGNAL_EXIT, trapStopSignals } from './signals.js';
import { loadLiveDisplay, ProgressReporter, type ProgressTerminal } from './progress.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  interactive: boolean;
  /** The terminal the live progress block is drawn on (stderr when it is a TTY). */
  terminal?: ProgressTerminal;
}

/** An Io that keeps what the CLI prints, for running `main` inside a program (and in tests). */
export function memoryIo(env: Record<string, string | undefined> = {}): Io & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', env, interactive: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

export function splitList(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

export interface RunArgs {
  config: string;
  models?: string;
  countries?: string;
  samples?: number;
  out?: string;
  progress: boolean;
  resume?: string;
  retryErrors?: boolean;
  cache: boolean;
  cacheDir?: string;
  maxCost?: number;
  dryRun?: boolean;
  shard?: string;
  timeout?: number;
  batch?: boolean;
  replicates?: number;
  allowLargePlan?: boolean;
}

/** The CLI's flag for each run option, so that core's messages name what the user typed. */
export const CLI_OPTION_NAMES: OptionNames = {
  models: '--models',
  countries: '--countries',
  samples: '--samples',
  resume: '--resume',
  shard: '--shard',
  maxCost: '--max-cost',
  batch: '--batch',
  out: '--out',
  allowLargePlan: '--allow-large-plan',
  validate: '`culturebench validate --survey`',
  doctor: '`culturebench doctor`',
};

function runOptions(registry: Registry, io: Io, args: RunArgs, config: Awaited<ReturnType<typeof loadConfig>>): RunOptions {
  checkReplicates(args.replicates);
  if (args.retryErrors && !args.resume) throw new InputError('--retry-errors: name the run to retry with --resume DIR');
  if (args.maxCost !== undefined && !(args.maxCost >= 0)) throw new InputError(`--max-cost: must be a number of US dollars ≥ 0, got ${args.maxCost}`);
  if (args.timeout !== undefined && !(args.timeout > 0)) throw new InputError(`--timeout: must be a number of seconds > 0, got ${args.timeout}`);
  return {
    config,
    registry,
    models: splitList(args.models),
    countries: splitList(args.countries),
    samples: args.samples,
    outDir: args.out,
    env: io.env,
    log: (line) => io.err(stripControl(line) + '\n'),
    resumeDir: args.resume,
    retryErrors: args.retryErrors,
    cache: args.cache,
    cacheDir: args.cacheDir,
    maxCostUsd: args.maxCost,
    shard: args.shard ? parseShard(args.shard, '--shard') : undefined,
    timeoutMs: args.timeout ? args.timeout * 1000 : undefined,
    batch: args.batch,
    replicates: args.replicates,
    optionNames: CLI_OPTION_NAMES,
    allowLargePlan: args.allowLargePlan,
  };
}

export async function runCommand(registry: Registry, io: Io, args: RunArgs): Promise<number> {
  const config = await loadConfig(args.config);
  const options = runOptions(registry, io, args, config);
  if (args.dryRun) {
    const { rows, plan } = await dryRun(options);
    io.out(`dry run: ${plan.size} requests planned (${describePlan(plan, config)}); nothing is sent or written\n`);
    io.out(`grid: ${plan.variants.length} variant(s): ${plan.variants.map((v) => v.id).join('; ')}\n`);
    const plain = plan.cells.filter((c) => c.noPersona).length;
    // Every cell asks the same items and variants: the no-persona share of the plan is its share of cells.
    if (plain > 0) io.out(`no persona: ${(plan.size / plan.cells.length) * plain} of the requests (${plain} sample(s): once per model, not per country)\n`);
    io.out('model\tmethod\tvariants\trequests\tanswers\tcached\test. input tokens\test. output tokens\test. cost\n');
    for (const r of rows) {
      io.out(
        `${r.model}\t${r.method}\t${r.variants}\t${r.requests}\t${r.answers}\t${r.alreadyCached}\t${r.inputTokens}\t${r.outputTokens}\t${r.costUsd === null ? 'unknown (no price)' : `$${r.costUsd.toFixed(2)}`}\n`,
      );
    }
    const priced = rows.filter((r) => r.costUsd !== null);
    io.out(
      `total est. cost: $${priced.reduce((a, r) => a + r.costUsd!, 0).toFixed(2)}${priced.length < rows.length ? ' (models without a price not counted)' : ''}\n`,
    );
    return 0;
  }
  if (io.interactive && args.progress && io.terminal) await loadLiveDisplay();
  const progress = new ProgressReporter({
    interactive: io.interactive && args.progress,
    write: io.err,
    terminal: io.terminal,
    carried: carriedCost(args.resume),
  });
  // Messages during the run (rate limits, skipped models, signals) print above the live block.
  options.log = (line) => progress.log(line);
  const trap = trapStopSignals((t) => (io.interactive && args.progress ? progress.log(t.trim()) : io.err(t)));
  try {
    const result = await runBenchmark({ ...options, onProgress: (p) => progress.update(p), signal: trap.stop, cutSignal: trap.cut });
    progress.stop();
    if (result.leaderboard !== null) io.out(stripControl(result.leaderboard) + '\n');
    io.err(`results: ${result.runDir} (report: ${join(result.runDir, 'report.html')})\n`);
    // Models with several endpoints: which ones answered, and which were rested or taken out.
    for (const m of result.manifest.models)
      for (const e of m.endpoints ?? [])
        io.err(
          `${stripControl(`${m.id} endpoint ${e.url}: ${e.served} answered, ${e.failures} failed, rested ${e.rests}×, ${e.state}${e.lastError ? ` (last error: ${e.lastError})` : ''}`)}\n`,
        );
    const resume = resumeCommand(args, result.runDir);
    if (result.manifest.status === 'interrupted') {
      if (result.summary?.stoppedBy === 'storage') {
        io.err(
          `the run stopped because responses.jsonl could not be written (disk full?); every answer on disk is whole. Free space, then resume it with:\n  ${resume}\n`,
        );
        return ExitCode.runFailed;
      }
      const cut = result.summary?.cutOff ? `; ${result.summary.cutOff} request(s) cut off in flight are asked again` : '';
      io.err(`run interrupted${cut}. Resume it with:\n  ${resume}\n`);
      return trap.received ? SIGNAL_EXIT[trap.received] : ExitCode.runFailed;
    }
    if (result.manifest.status === 'budget') {
      io.err(`stopped at the cost budget; resume it (with a higher --max-cost) with:\n  ${resume}\n`);
      return ExitCode.runFailed;
    }
    if (result.manifest.stopped?.length) {
      for (const s of result.manifest.stopped) io.err(`model ${s.id} was stopped: ${stripControl(s.reason)}\n`);
      io.err(`fix the cause, then ask the rest with:\n  ${resumeCommand(args, result.runDir, ['--retry-errors'])}\n`);
      return ExitCode.runFailed;
    }
    return ExitCode.ok;
  } catch (err) {
    const dir = (err as { runDir?: string }).runDir;
    if (err instanceof WriteError) {
      io.err(
        `error: ${err.message}. What is on disk is whole and resumable; free space, then${dir ? ` resume with:\n  ${resumeCommand(args, dir)}` : ' run again'}\n`,
      );
      return ExitCode.runFailed;
    }
    throw err;
  } finally {
    progress.stop();
    trap.dispose();
  }
}

/** Per model, what a resumed run already spent: the display continues from it instead of $0. */
function carriedCost(resumeDir: string | undefined): Record<string, { costUsd: number }> | undefined {
  if (!resumeDir || !existsSync(join(resumeDir, 'responses.jsonl'))) return undefined;
  const out: Record<string, { costUsd: number }> = {};
  for (const r of readAnswerRows([join(resumeDir, 'responses.jsonl')])) (out[r.model] ??= { costUsd: 0 }).costUsd += r.costUsd ?? 0;
  return out;
}

export async function mergeCommand(registry: Registry, io: Io, args: { dirs: string[]; out?: string; replicates?: number }): Promise<number> {
  for (const d of args.dirs) if (!existsSync(d)) throw new InputError(`merge: run directory not found: ${d}`);
  const out = args.out ?? dirname(resolve(args.dirs[0]));
  checkReplicates(args.replicates);
  const result = mergeRuns(args.dirs, out, await loadReporters(registry), undefined, { replicates: args.replicates });
  if (result.leaderboard !== null) io.out(stripControl(result.leaderboard) + '\n');
  io.err(`merged ${args.dirs.length} runs into ${result.runDir}\n`);
  return 0;
}

export function scoreCommand(registry: Registry, io: Io, args: { survey: string; answers: string; constants: string }): number {
  const survey = getSurvey(registry, args.survey, '--survey');
  if (!existsSync(args.answers)) throw new InputError(`--answers: file not found: ${args.answers}`);
  const constants = parseConstantsFlag(args.constants, survey.scorer.dimensions);
  const answers = parseAnswersCsv(readFileSync(args.answers, 'utf8'), survey, args.answers);
  const rows = scoreAnswers(answers, survey, constants);
  const dims = survey.scorer.dimensions;
  const fmt = (v: number | null) => (v == null ? '' : String(Math.round(v * 1e6) / 1e6));
  // RFC 4180: sample ids with commas, quotes or line breaks are quoted, formula-like ones neutralised.
  io.out(
    writeCsv(
      ['sample', ...dims, 'n'],
      rows.map((r) => [r.sample, ...dims.map((d) => fmt(r.scores[d])), r.n]),
    ),
  );
  return 0;
}

export async function reportCommand(registry: Registry, io: Io, args: { dir: string; replicates?: number }): Promise<number> {
  if (!existsSync(args.dir)) throw new InputError(`report: run directory not found: ${args.dir}`);
  checkReplicates(args.replicates);
  const holder = lockHolder(args.dir);
  if (holder)
    throw new InputError(
      `report: ${args.dir} is being written by a run (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}); report it when that run has ended`,
    );
  const { leaderboard } = runReporters(args.dir, await loadReporters(registry), { replicates: args.replicates });
  if (leaderboard !== null) io.out(stripControl(leaderboard) + '\n');
  return 0;
}

function checkReplicates(n: number | undefined): void {
  if (n !== undefined && !(Number.isInteger(n) && n >= 0)) throw new InputError(`--replicates: must be a whole number ≥ 0, got ${n}`);
}

/** One line per configured model: usable, or why not and how to fix it. Exit 1 if any is not. */
export async function doctorCommand(registry: Registry, io: Io, args: { config: string; models?: string }): Promise<number> {
  const config = await loadConfig(args.config);
  const wanted = splitList(args.models);
  const models = wanted?.length ? config.models.filter((m) => wanted.includes(m.id)) : config.models;
  const unknown = (wanted ?? []).filter((id) => !config.models.some((m) => m.id === id));
  if (unknown.length)
    throw new InputError(`--models: unknown model id ${unknown.map((u) => `"${u}"`).join(', ')} (configured: ${config.models.map((m) => m.id).join(', ')})`);
  for (const m of models) getProviderFor(registry, m, config.file);
  const { ready, skipped } = await checkModels(models, registry, { env: io.env });
  const width = Math.max(...models.map((m) => m.id.length));
  for (const m of models) {
    const skip = skipped.find((s) => s.id === m.id);
    const where = `${m.provider}:${m.model}`;
    // Config values and server text alike reach the terminal without control characters.
    if (skip) io.out(stripControl(`missing  ${m.id.padEnd(width)}  ${where}: ${skip.reason}. Fix: ${skip.fix}`) + '\n');
    else {
      const r = ready.get(m.id)!;
      // What the client declares decides which elicitation methods this model can be asked with.
      io.out(
        stripControl(
          `${r.degraded ? 'degraded' : 'ok      '} ${m.id.padEnd(width)}  ${where}${r.detail ? `: ${r.detail}` : ''} · methods: ${methodsFor(r.client.capabilities).join(', ')}`,
        ) + '\n',
      );
    }
  }
  io.out(`${ready.size} of ${models.length} models ready\n`);
  // A model with a down endpoint runs, but doctor is for finding what to fix.
  return skipped.length || [...ready.values()].some((r) => r.degraded) ? 1 : 0;
}

/** Checks a survey plugin's data; every problem is printed with its location. */
export function validateCommand(registry: Registry, io: Io, args: { survey: string }): number {
  const survey = getSurvey(registry, args.survey, '--survey');
  const problems = validateSurvey(survey);
  if (problems.length === 0) {
    io.out(
      `${survey.id} ${survey.version}: valid (${survey.items.length} items, ${Object.keys(survey.languages).length} languages, ${Object.keys(survey.groundTruth.countries).length} ground-truth countries)\n`,
    );
    return 0;
  }
  for (const p of problems) io.out(`${p.location}: ${p.problem}\n`);
  io.err(`${survey.id}: ${problems.length} problem(s)\n`);
  return 2;
}

export function schemaCommand(io: Io): number {
  io.out(JSON.stringify(benchmarkConfigJsonSchema(), null, 2) + '\n');
  return 0;
}

export async function listCommand(registry: Registry, io: Io, args: { what: string; config?: string }): Promise<number> {
  if (args.what === 'surveys') {
    for (const [id, s] of Object.entries(registry.surveys)) io.out(`${id}\t${s.title}\n`);
  } else if (args.what === 'countries') {
    io.out('code\tname\tlanguage\n');
    for (const c of Object.values(loadBenchmarkCountries())) io.out(`${c.iso2}\t${c.name}\t${c.language}\n`);
  } else if (args.what === 'models') {
    if (!args.config) throw new InputError("list models: pass --config FILE (the models are the config's roster)");
    const config = await loadConfig(args.config);
    io.out('id\tprovider\tmodel\tkind\torigin\tprice in/out per 1M\n');
    for (const m of config.models) {
      const kind = registry.providers[m.provider]?.kind ?? `unknown provider "${m.provider}"`;
      const price = m.price ? `$${m.price.inputPerMillion}/$${m.price.outputPerMillion}` : '–';
      io.out(stripControl(`${m.id}\t${m.provider}\t${m.model}\t${kind}\t${m.origin ?? '–'}\t${price}`) + '\n');
    }
  }
  return 0;
}
