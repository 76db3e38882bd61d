import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ExitCode, InputError, stripControl, WriteError } from '@culturebench/core';
import { doctorCommand, listCommand, mergeCommand, schemaCommand, validateCommand, reportCommand, runCommand, scoreCommand, type Io } from './commands.js';
import { builtInRegistry } from './registry.js';

/** Runs the CLI with the given arguments; returns the exit code (0 ok, 1 run failed, 2 bad input, 130/143 interrupted by SIGINT/SIGTERM). */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const registry = builtInRegistry();
  let code: number = ExitCode.ok;
  const parser = yargs(argv)
    .scriptName('culturebench')
    .usage('$0 <command> [options]\n\nMeasure how well LLMs reflect the cultural values of countries.')
    .command(
      'run',
      'Run a benchmark: plan, ask every model, score, compare with human data, report',
      (y) =>
        y
          .option('config', { type: 'string', demandOption: true, describe: 'Benchmark config file (.ts, .js or .json)' })
          .option('models', { type: 'string', describe: 'Only these model ids, comma-separated' })
          .option('countries', { type: 'string', describe: 'Only these country codes, comma-separated (e.g. US,CN)' })
          .option('samples', { type: 'number', describe: 'Respondents (replies) per item, overriding the config' })
          .option('out', { type: 'string', describe: 'Parent folder for the run directory (default: the config\'s outDir)' })
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
          .option('batch', { type: 'boolean', describe: "Send models whose provider has a batch API (OpenAI) as batches; poll, then collect (resumable)" }),
      async (a) => {
        code = await runCommand(registry, io, a);
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
      (a) => {
        code = scoreCommand(registry, io, a);
      },
    )
    .command(
      'report <dir>',
      'Regenerate the outputs of a run directory from its responses and manifest',
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true, describe: 'Run directory' })
          .option('replicates', { type: 'number', describe: 'Bootstrap replicates for the intervals (default 1000)' }),
      (a) => {
        code = reportCommand(registry, io, { dir: a.dir as string, replicates: a.replicates });
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
      (a) => {
        code = mergeCommand(registry, io, { dirs: a.dirs as string[], out: a.out, replicates: a.replicates });
      },
    )
    .command(
      'validate',
      "Check a survey plugin's data: items in every language, scales, ground truth, scoring rules",
      (y) => y.option('survey', { type: 'string', demandOption: true, describe: 'Survey id, e.g. vsm2013' }),
      (a) => {
        code = validateCommand(registry, io, a);
      },
    )
    .command('schema', 'Print the JSON Schema of benchmark config files', {}, () => {
      code = schemaCommand(io);
    })
    .command(
      'doctor',
      'Check every configured model: key present, endpoint reachable, model available',
      (y) =>
        y
          .option('config', { type: 'string', demandOption: true, describe: 'Benchmark config file' })
          .option('models', { type: 'string', describe: 'Only these model ids, comma-separated' }),
      async (a) => {
        code = await doctorCommand(registry, io, a);
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
        code = await listCommand(registry, io, { what: a.what as string, config: a.config });
      },
    )
    .demandCommand(1, 'Name a command: run, score, report, merge, list, doctor, validate or schema (see --help)')
    .strict()
    .help()
    .version(false)
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      // Throwing stops yargs here; returning would let it run the command handler anyway.
      throw err ?? new InputError(`${msg}\n(run \`culturebench --help\` for usage)`);
    });
  try {
    // With a callback yargs hands --help output to us instead of printing it, so it goes to io.
    await parser.parseAsync(argv, {}, (_err, _args, output) => {
      if (output) io.out(output + '\n');
    });
  } catch (err) {
    if (err instanceof InputError) {
      io.err(`error: ${stripControl(err.message)}\n`);
      return ExitCode.badInput;
    }
    if (err instanceof WriteError) {
      io.err(`error: ${stripControl(err.message)}; free space or choose a writable folder, then run the command again\n`);
      return ExitCode.runFailed;
    }
    io.err(`error: ${stripControl(String((err as Error).stack ?? err))}\n`);
    return ExitCode.runFailed;
  }
  return code;
}

export function defaultIo(): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  };
}

// Run when executed directly (tsx src/main.ts …), not when imported by tests.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main(hideBin(process.argv)).then((c) => process.exit(c));
}
