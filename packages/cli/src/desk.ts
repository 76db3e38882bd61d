/** The maintainer's commands: `leaderboard` (a static site across runs) and `compare` (paired differences). */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError, writeFileAtomic, type Registry } from '@culturebench/core';
import { comparisonHtml, comparisonMarkdown, compareRuns, loadRun, writeLeaderboard, type CompareArgs } from '@culturebench/leaderboard';
import type { Io } from './commands.js';

export function leaderboardCommand(io: Io, args: { runs: string[]; out?: string }): number {
  if (!args.out) throw new InputError('leaderboard: name the output folder with --out DIR');
  const runs = args.runs.map((d) => loadRun(d, 'leaderboard'));
  const { board, index } = writeLeaderboard(runs, resolve(args.out));
  io.out(`leaderboard: ${board.entries.filter((e) => e.kind !== 'reference').length} models from ${board.runs.length} runs → ${index}\n`);
  return 0;
}

export function compareCommand(registry: Registry, io: Io, args: CompareArgs & { out?: string }): number {
  const c = compareRuns(registry, args);
  const md = comparisonMarkdown(c);
  io.out(md);
  if (args.out) {
    mkdirSync(args.out, { recursive: true });
    for (const [name, content] of [
      ['compare.md', md],
      ['compare.html', comparisonHtml(c)],
    ] as const) {
      const file = join(args.out, name);
      writeFileAtomic(file, content);
    }
    io.err(`comparison written to ${join(args.out, 'compare.md')} and compare.html\n`);
  }
  return 0;
}
