import { defineBenchmark } from '@culturebench/core';
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
  // The model mean over the 20 countries is set equal to the human mean per dimension.
  constants: 'anchored',
  concurrency: 64,
  outDir: '../results/vsm',
  // The LLMs that are reachable, plus the two baselines that always run offline.
  models: [...vsmLlmRoster, ...baselineModels],
});
