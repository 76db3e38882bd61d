import { defineBenchmark } from '@culturebench/core';
import { baselineModels } from '@culturebench/provider-baseline';
import { vsmLlmRoster } from './models.js';
import { paperDesign } from './paper-design.js';

/**
 * The Inglehart–Welzel cultural map (plugins/survey-ivs-map): the ten IVS items asked with the
 * same design (paper-design.ts: countries, languages, matched personas, samples) and models as the
 * VSM benchmark, so the two are comparable. Every one of the 20 countries has an IVS position
 * (latest waves 2017–2023), so none is dropped, and the items exist in all 20 languages, so
 * `native` is each country's own language everywhere.
 */
export default defineBenchmark({
  name: 'Inglehart–Welzel cultural map (20 countries)',
  survey: 'ivs-map',
  ...paperDesign,
  // The map axes have no free constant: scores.csv shows the raw index (0 = every indicator at the
  // middle of its range). The metric standardises both sides, so an added constant would not
  // change any alignment figure anyway.
  constants: { mode: 'fixed', values: { TRADSEC: 0, SURVSELF: 0 } },
  concurrency: 64,
  outDir: '../results/ivs',
  // The LLMs that are reachable, plus the two baselines that always run offline.
  models: [...vsmLlmRoster, ...baselineModels],
});
