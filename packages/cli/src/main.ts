import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { Io } from './commands.js';

// Only yargs is loaded up front: the commands, core, the providers, the analyses and the report
// writer are imported when a command needs them, so `--help` starts about as fast as Node.
const EXIT = { ok: 0, runFailed: 1, badInput: 2 } as const;

/** A usage error found by yargs (unknown flag, missing option): bad input, exit 2. */
class UsageError extends Error {}

const commands = () => import('./commands.js');

/**
 * The built-in registry with only the providers a config's models use (all, if it cannot be read);
 * with `onlyItsSurvey` (a run) also only the config's survey (every survey if a model is simulated:
 * its model names a survey).
 */
async function registryFor(configPath?: string, onlyItsSurvey = false) {
  const { loadRegistry } = await import('./registry.js');
  const { loadConfig } = await import('@culturebench/core');
  if (configPath === undefined) return loadRegistry([]);
  const needs = await loadConfig(configPath).then(
    (c) => ({
      providers: c.models.map((m) => m.provider),
      surveys: onlyItsSurvey && !c.models.some((m) => m.provider === 'simulated') ? [c.survey] : undefined,
    }),
    () => ({ providers: undefined, surveys: undefined }), // the command reports the config's error itself
  );
  return loadRegistry(needs.providers, needs.surveys);
}

/** Runs the CLI with the given arguments; returns the exit code (0 ok, 1 run failed, 2 bad input, 130/143 interrupted by SIGINT/SIGTERM). */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  let code: number = EXIT.ok;
  const parser = yargs(argv)
    .scriptName('culturebench')
    .usage('$0 <command> [options]\n\nMeasure how well LLMs reflect the cultural values of countries.')
    .command(
      'run',
      'Run a benchmark: plan, ask every model, score, compare with human data, report',
      (y) =>
        y
          .option('config', { type: 'string', demandOption: true, describe: 'Benchmark config file (.ts, .js, .json, .yaml or .yml)' })
          .option('models', { type: 'string', describe: 'Only these model ids, comma-separated' })
          .option('countries', { type: 'string', describe: 'Only these country codes, comma-separated (e.g. US,CN)' })
          .option('samples', { type: 'number', describe: 'Respondents (replies) per item, overriding the config' })
          .option('out', { type: 'string', describe: "Parent folder for the run directory (default: the config's outDir)" })
          .option('progress', { type: 'boolean', default: true, describe: 'Progress display (--no-progress for plain lines)' })
          .option('resume', { type: 'string', describe: 'Continue this run directory: answered requests are not asked again' })
          .option('retry-errors', { type: 'boolean', describe: 'With --resume: ask again only the requests that failed' })
          .option('cache', { type: 'boolean', default: true, describe: 'Use the response cache (--no-cache to neither read nor write it)' })
          .option('cache-dir', { type: 'string', describe: 'Response cache folder (default: <outDir>/.cache)' })
          .option('max-cost', { type: 'number', describe: 'Stop before the spend could pass this many US dollars' })
          .option('dry-run', { type: 'boolean', describe: 'Print the plan size, estimated tokens and cost; send and write nothing' })
          .option('shard', { type: 'string', describe: 'Run the deterministic slice i of n of the plan, e.g. 2/4 (combine with `merge`)' })
          .option('timeout', { type: 'number', describe: 'Seconds before one request times out (it is retried)' })
          .option('replicates', { type: 'number', describe: 'Bootstrap replicates for the intervals (default 1000)' })
          .option('allow-large-plan', { type: 'boolean', describe: 'Allow a plan of more than 5,000,000 requests (refused by default as a likely mistake)' })
          .option('batch', { type: 'boolean', describe: 'Send models whose provider has a batch API (OpenAI) as batches; poll, then collect (resumable)' }),
      async (a) => {
        code = await (await commands()).runCommand(await registryFor(a.config, true), io, a);
      },
    )
    .command(
      'score',
      'Score any answer set (human or model) to index values per sample',
      (y) =>
        y
          .option('survey', { type: 'string', demandOption: true, describe: 'Survey id, e.g. vsm2013' })
          .option('answers', { type: 'string', demandOption: true, describe: 'CSV with columns sample,respondent,item,answer' })
          .option('constants', { type: 'string', default: '0', describe: 'Index constants: a number, or DIM=NUMBER,… (e.g. PDI=20,IDV=0)' }),
      async (a) => {
        code = (await commands()).scoreCommand(await registryFor(), io, a);
      },
    )
    .command(
      'report <dir>',
      'Regenerate the outputs of a run directory from its responses and manifest',
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true, describe: 'Run directory' })
          .option('replicates', { type: 'number', describe: 'Bootstrap replicates for the intervals (default 1000)' }),
      async (a) => {
        code = await (await commands()).reportCommand(await registryFor(), io, { dir: a.dir as string, replicates: a.replicates });
      },
    )
    .command(
      'merge <dirs..>',
      'Combine shard runs of one configuration into one run directory and report it',
      (y) =>
        y
          .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'Run directories' })
          .option('out', { type: 'string', describe: 'Parent folder of the merged run (default: that of the first run)' })
          .option('replicates', { type: 'number', describe: 'Bootstrap replicates for the intervals (default 1000)' }),
      async (a) => {
        code = await (await commands()).mergeCommand(await registryFor(), io, { dirs: a.dirs as string[], out: a.out, replicates: a.replicates });
      },
    )
    .command(
      'leaderboard <runs..>',
      'Build a static leaderboard site from runs of one benchmark (newest run per model counts; history per model)',
      (y) =>
        y
          .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'Run directories' })
          .option('out', { type: 'string', demandOption: true, describe: 'Folder for the site (index.html and runs/)' }),
      async (a) => {
        code = (await import('./desk.js')).leaderboardCommand(io, { runs: a.runs as string[], out: a.out });
      },
    )
    .command(
      'compare <a> [b]',
      'Paired differences of two runs, or of two models of one run, per country and dimension, with intervals',
      (y) =>
        y
          .positional('a', { type: 'string', demandOption: true, describe: 'Run directory A' })
          .positional('b', { type: 'string', describe: 'Run directory B (omit to compare two models of run A)' })
          .option('model-a', { type: 'string', describe: 'Model of run A (default: its only LLM)' })
          .option('model-b', { type: 'string', describe: 'Model of run B (default: its only LLM, or the other model of run A)' })
          .option('condition', { type: 'string', describe: "Condition compared (default: the run's headline condition)" })
          .option('replicates', { type: 'number', describe: 'Bootstrap replicates (default 1000)' })
          .option('out', { type: 'string', describe: 'Also write compare.md and compare.html into this folder' }),
      async (a) => {
        code = (await import('./desk.js')).compareCommand(await registryFor(), io, {
          a: a.a as string,
          b: a.b,
          modelA: a.modelA,
          modelB: a.modelB,
          condition: a.condition,
          replicates: a.replicates,
          out: a.out,
        });
      },
    )
    .command(
      'design',
      'Simulate known-truth runs of a benchmark per respondents-per-item level: interval widths, coverage, ranking stability',
      (y) =>
        y.option('config', { type: 'string', demandOption: true, describe: 'Design file (.json or .ts): benchmark, respondents levels, runs, respondent' }),
      async (a) => {
        code = await (await import('./design-command.js')).designCommand(await registryFor(), io, a);
      },
    )
    .command(
      'validate',
      "Check a survey plugin's data: items in every language, scales, ground truth, scoring rules",
      (y) => y.option('survey', { type: 'string', demandOption: true, describe: 'Survey id, e.g. vsm2013' }),
      async (a) => {
        code = (await commands()).validateCommand(await registryFor(), io, a);
      },
    )
    .command('schema', 'Print the JSON Schema of benchmark config files', {}, async () => {
      code = (await commands()).schemaCommand(io);
    })
    .command(
      'doctor',
      'Check every configured model: key present, endpoint reachable, model available',
      (y) =>
        y
          .option('config', { type: 'string', demandOption: true, describe: 'Benchmark config file' })
          .option('models', { type: 'string', describe: 'Only these model ids, comma-separated' }),
      async (a) => {
        code = await (await commands()).doctorCommand(await registryFor(a.config), io, a);
      },
    )
    .command(
      'list <what>',
      'List surveys, benchmark countries, or the models of a config',
      (y) =>
        y
          .positional('what', { choices: ['surveys', 'countries', 'models'] as const, demandOption: true })
          .option('config', { type: 'string', describe: 'Config file (for `list models`)' }),
      async (a) => {
        code = await (await commands()).listCommand(await registryFor(a.config), io, { what: a.what as string, config: a.config });
      },
    )
    .demandCommand(1, 'Name a command: run, score, report, merge, leaderboard, compare, list, doctor, validate or schema (see --help)')
    .strict()
    .help()
    .version(false)
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      // Throwing stops yargs here; returning would let it run the command handler anyway.
      throw err ?? new UsageError(`${msg}\n(run \`culturebench --help\` for usage)`);
    });
  skipHelpCache(parser);
  try {
    // With a callback yargs hands --help output to us instead of printing it, so it goes to io.
    await parser.parseAsync(argv, {}, (_err, _args, output) => {
      if (output) io.out(output + '\n');
    });
  } catch (err) {
    const { InputError, stripControl, WriteError } = await import('@culturebench/core');
    if (err instanceof InputError || err instanceof UsageError) {
      io.err(`error: ${stripControl(err.message)}\n`);
      return EXIT.badInput;
    }
    if (err instanceof WriteError) {
      io.err(`error: ${stripControl(err.message)}; free space or choose a writable folder, then run the command again\n`);
      return EXIT.runFailed;
    }
    io.err(`error: ${stripControl(String((err as Error).stack ?? err))}\n`);
    return EXIT.runFailed;
  }
  return code;
}

/**
 * yargs renders the whole help text of a command just after starting its handler (and keeps it in
 * case the handler fails later, to print with the error): ≈0.1–0.2 s of CPU before a run's first
 * request. Our failures never print help (`.fail` throws; errors go to io as one line), so the
 * rendering is skipped. `--help` itself is rendered when asked for, as before.
 */
function skipHelpCache(parser: unknown): void {
  const usage = (parser as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } })
    .getInternalMethods?.()
    ?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

export function defaultIo(): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
    terminal: process.stderr,
  };
}

/** The process entry (bin/culturebench.mjs, or `tsx src/main.ts`): runs and exits with the code. */
export function runProcess(argv: string[] = hideBin(process.argv)): void {
  main(argv).then((c) => process.exit(c));
}

// Run when executed directly (tsx src/main.ts …), not when imported by tests or the bin.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) runProcess();
