// A typed config outside the repository: imports resolve from this folder's node_modules.
import { defineBenchmark } from '@culturebench/core';
import { baselineModels } from '@culturebench/provider-baseline';

const design: { samples: number } = { samples: 2 };

export default defineBenchmark({
  name: 'pack-check typed',
  survey: 'vsm2013',
  countries: ['US', 'CN'],
  conditions: ['native'],
  persona: { template: 'first-person', traits: { gender: ['female'], age: ['30-34'], education: ['16'], occupation: ['professional'] } },
  ...design,
  outDir: 'results',
  models: baselineModels,
});
