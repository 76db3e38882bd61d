import { defineBenchmark } from '@culturebench/core';
import { baselineModels } from '@culturebench/provider-baseline';
import { vsmLlmRoster } from './models.js';

/**
 * The paper's design as data (Sukiennik et al. 2025; see shared docs vsm2013.md §1, §5): 20
 * countries each asked in its own language, in English and in Chinese, and the average over the
 * languages asked. Choices the paper leaves open are declared here.
 */
export default defineBenchmark({
  name: 'VSM 2013 cultural alignment (20 countries)',
  survey: 'vsm2013',
  countries: ['US', 'CN', 'DE', 'JP', 'IN', 'BR', 'RU', 'FR', 'ES', 'IR', 'KR', 'TR', 'ID', 'IT', 'NL', 'SE', 'PL', 'VN', 'TH', 'MA'],
  conditions: ['native', 'english', 'chinese'],
  aggregates: ['language-average'],
  headline: 'language-average',
  // Matched samples: respondent i has the same traits in every country (VSM manual).
  persona: {
    template: 'first-person',
    traits: { gender: ['female', 'male'], age: ['30-34', '40-49'], education: ['16'], occupation: ['professional', 'office'] },
  },
  // The VSM manual asks for at least 20 respondents per sample; one reply is one respondent.
  samples: 20,
  seed: 2025,
  temperature: 0.7,
  // The model mean over the 20 countries is set equal to the human mean per dimension.
  constants: 'anchored',
  concurrency: 64,
  outDir: '../results/vsm',
  // The LLMs that are reachable, plus the two baselines that always run offline.
  models: [...vsmLlmRoster, ...baselineModels],
});
