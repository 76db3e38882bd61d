import { ExitCode, type Registry } from '@culturebench/core';
import type { Io } from './commands.js';
import { DESIGN_HEADER, runDesign } from './design.js';

/** `culturebench design --config FILE`: prints the design table row by row as the levels finish. */
export async function designCommand(registry: Registry, io: Io, args: { config: string }): Promise<number> {
  io.out('Known-truth simulation (simulated respondents, not LLMs), analysed by the real estimators.\n');
  io.out(DESIGN_HEADER.join('\n') + '\n');
  const { design } = await runDesign(registry, args.config, (row) => io.out(row + '\n'));
  io.out(
    `\nrespondent: ${JSON.stringify(design.respondent ?? { shrink: 0.5 })}; skill = 1 − Σ d̂²(M, H) / Σ d²(G, H) on the headline condition; ranking ρ: Spearman between two independent runs' country rankings.\n`,
  );
  return ExitCode.ok;
}
