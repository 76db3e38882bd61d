/**
 * Writes a paper-scale run directory for timing `culturebench report`: 10 simulated respondents
 * (labelled simulations, not LLMs) × 20 countries × 3 prompt languages × 24 items × 20 respondents
 * = 278,400 replies, drawn at the index level from the `simulated` provider's process.
 *   npx tsx benchmarks/perf/paper-scale-run.ts OUT_DIR
 *   time npx tsx packages/cli/src/main.ts report OUT_DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBenchmarkCountries, resolveConditions } from '@culturebench/core';
import { simulateRecords, simulatedManifest, type SimulationDesign } from '@culturebench/analysis';
import { simulationProcess } from '@culturebench/provider-simulated';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { PAPER_COUNTRIES } from '../paper-design.js';

const out = process.argv[2];
if (!out) {
  console.error('usage: paper-scale-run.ts OUT_DIR');
  process.exit(2);
}
const survey = loadVsm2013();
const native = loadBenchmarkCountries();
const codes = PAPER_COUNTRIES as string[];
const models = Array.from({ length: 10 }, (_, i) => {
  const proc = simulationProcess(survey, codes, { shrink: 0.1 * i, jitter: 10, refusal: 0.02 });
  return { id: `sim-${i}`, cumulative: (c: string, item: string) => proc.cumulative(c, item), refusal: proc.refusal };
});
const design: SimulationDesign = {
  survey,
  countries: codes.map((code) => ({ code, language: native[code]!.language })),
  conditions: resolveConditions({ conditions: ['native', 'english', 'chinese'] }),
  aggregates: ['language-average'],
  headline: 'language-average',
  constants: { mode: 'global' },
  models,
  respondents: 20,
};
const records = simulateRecords(design, 2025).map((r, i) => ({
  ...r,
  key: `k${i}`,
  promptHash: '0',
  conditions: [],
  persona: { gender: 'female', age: '30-34', education: '16', occupation: 'professional' },
  seed: 0,
  raw: r.answer === null ? 'I prefer not to answer.' : String(r.answer),
  parsed: r.answer === null ? { kind: 'refusal', reason: 'simulated' } : { kind: 'answer', code: r.answer, via: 'number' },
  tokens: null,
  costUsd: 0,
  latencyMs: 0,
  attempts: 1,
  cached: false,
  error: null,
  at: '2026-01-01T00:00:00.000Z',
}));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'manifest.json'), JSON.stringify(simulatedManifest(design, 2025), null, 2));
writeFileSync(join(out, 'responses.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
console.log(`${records.length} replies written to ${out}`);
