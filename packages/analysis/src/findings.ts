/**
 * Three to six generated sentences stating what the run found, for the headline condition: the
 * registered modules' findings (in their `findingsOrder`), then a note when no LLM ran. They say
 * what the numbers support and no more: with baselines only, they say so.
 */
import type { FindingsDoc } from './analysis-module.js';
import { MIN_COUNTRIES } from './limits.js';
import { ANALYSES } from './registry.js';

export { MIN_COUNTRIES };

/** At most this many findings. */
export const MAX_FINDINGS = 6;

export function keyFindings(doc: FindingsDoc): string[] {
  const ordered = ANALYSES.map((m, i) => ({ m, i })).sort((a, b) => (a.m.findingsOrder ?? 100) - (b.m.findingsOrder ?? 100) || a.i - b.i);
  const out = ordered.flatMap(({ m }) => m.findings?.(doc) ?? []);
  if (!doc.models.some((m) => m.kind === 'llm')) {
    out.push(
      'The model-origin comparison, the prompt-language comparison over LLMs and the web-content correlation need LLM answers: configure and run at least one LLM to see them.',
    );
  }
  return out.slice(0, MAX_FINDINGS);
}
