import { defineBenchmark } from '@culturebench/core';
import { baselineModels } from '@culturebench/provider-baseline';
import { vsmLlmRoster } from './models.js';
import { paperDesign } from './paper-design.js';

/**
 * The robustness audit: the paper's 20 countries asked in English (every benchmark language has
 * paraphrases; English keeps the audit comparable across countries), the reference way of asking plus one perturbation at a time — reversed option
 * order, numbers-only options, the persona in the user message, the other persona phrasing, two
 * paraphrases, and a second seed (test-retest). The reliability section of the report compares
 * each perturbation's movement with the human gap between countries.
 */
export default defineBenchmark({
  name: 'VSM 2013 robustness audit (20 countries, English)',
  survey: 'vsm2013',
  ...paperDesign,
  conditions: ['english'],
  aggregates: [],
  headline: 'english',
  samples: 10,
  elicitation: { methods: ['sample'], presentation: 'item' },
  grid: {
    optionOrder: ['original', 'reversed'],
    labels: ['labelled', 'numbers'],
    personaPlacement: ['system', 'user'],
    personaTemplate: [paperDesign.persona.template, paperDesign.persona.template === 'interview' ? 'first-person' : 'interview'],
    wording: ['original', 'paraphrase-1', 'paraphrase-2'],
    seeds: [1, 1001],
    mode: 'one-at-a-time',
  },
  constants: 'anchored',
  concurrency: 64,
  outDir: '../results/robustness',
  models: [...vsmLlmRoster, ...baselineModels, { id: 'baseline-first', provider: 'baseline', model: 'first' }],
});
