import { defineBenchmark } from '@culturebench/core';
import { baselineModels } from '@culturebench/provider-baseline';
import { vsmLlmRoster } from './models.js';

/**
 * The Inglehart–Welzel cultural map (plugins/survey-ivs-map): the ten IVS items asked of the same
 * 20 countries, languages, personas and models as the VSM benchmark, so the two are comparable.
 * Every one of the 20 countries has an IVS position (latest waves 2017–2023), so none is dropped,
 * and the items exist in all 20 languages, so `native` is each country's own language everywhere.
 */
export default defineBenchmark({
  name: 'Inglehart–Welzel cultural map (20 countries)',
  survey: 'ivs-map',
  countries: ['US', 'CN', 'DE', 'JP', 'IN', 'BR', 'RU', 'FR', 'ES', 'IR', 'KR', 'TR', 'ID', 'IT', 'NL', 'SE', 'PL', 'VN', 'TH', 'MA'],
  conditions: ['native', 'english', 'chinese'],
  aggregates: ['language-average'],
  headline: 'language-average',
  // Matched samples, as in the VSM benchmark: respondent i has the same traits in every country.
  persona: {
    template: 'first-person',
    traits: { gender: ['female', 'male'], age: ['30-34', '40-49'], education: ['16'], occupation: ['professional', 'office'] },
  },
  samples: 20,
  seed: 2025,
  temperature: 0.7,
  // The map axes have no free constant: scores.csv shows the raw index (0 = every indicator at the
  // middle of its range). The metric standardises both sides, so an added constant would not
  // change any alignment figure anyway.
  constants: { mode: 'fixed', values: { TRADSEC: 0, SURVSELF: 0 } },
  concurrency: 64,
  outDir: '../results/ivs',
  // The LLMs that are reachable, plus the two baselines that always run offline.
  models: [...vsmLlmRoster, ...baselineModels],
});
