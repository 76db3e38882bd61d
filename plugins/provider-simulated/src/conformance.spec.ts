import { describeProviderConformance } from '@culturebench/core/testing';
import { loadVsm2013 } from '@culturebench/survey-vsm2013';
import { simulatedProvider } from './index.js';

const COUNTRIES = ['US', 'CN', 'DE', 'JP', 'IN'];

// Offline: no server, so the wire checks are skipped; the contract checks still run. The suite's
// generic prompt names no VSM item or country, so the respondent says it cannot tell the question.
describeProviderConformance('simulated', {
  provider: simulatedProvider(() => loadVsm2013()),
  offline: true,
  setup: () => ({
    entry: { id: 'sim', provider: 'simulated', model: 'vsm2013', options: { countries: COUNTRIES } },
    ctx: { env: {} },
    reply: 'I cannot tell which question this is.',
    lastBody: () => undefined,
    requestCount: () => 0,
    seedOf: () => undefined,
    fault: () => {},
    secrets: [],
  }),
});
