import { defineBenchmark } from '@culturebench/core';
import { DEFAULT_RESPONDENTS } from '@culturebench/analysis';
import { baselineModels } from '@culturebench/provider-baseline';
import { vsmLlmRoster } from './models.js';
import { paperDesign } from './paper-design.js';

/**
 * The paper's VSM 2013 benchmark: its design (paper-design.ts: 20 countries each asked in its own
 * language, in English and in Chinese, and the average over the languages asked) on the VSM 2013
 * questionnaire, with the Hofstede scores as ground truth.
 */
export default defineBenchmark({
  name: 'VSM 2013 cultural alignment (20 countries)',
  survey: 'vsm2013',
  ...paperDesign,
  // The paper's three languages, plus the items asked plainly with no persona (English), once per
  // model: the model's own default profile for the default-culture analysis (24 items × 40
  // respondents = 960 requests per model, +1.7 %). It is no country and enters no alignment number.
  conditions: [...paperDesign.conditions, 'no-persona'],
  // 40 respondents per item, from the design study (README: the headline's interval ±0.1, country
  // ranking reproducible at ρ 0.81); the paper's 20 gives ±0.16 and ρ 0.60.
  samples: DEFAULT_RESPONDENTS,
  // One constant per dimension shared by every model and condition (C = G), so that a model's lean
  // (e.g. answering as an American everywhere) stays visible; per-model anchoring would absorb it.
  constants: 'global',
  concurrency: 64,
  outDir: '../results/vsm',
  // The LLMs that are reachable, plus the two baselines that always run offline.
  models: [...vsmLlmRoster, ...baselineModels],
});
