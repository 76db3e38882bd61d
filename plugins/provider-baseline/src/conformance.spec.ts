import { describeProviderConformance } from '@culturebench/core/testing';
import { baselineProvider } from './index.js';

// Offline: no server, so the wire checks are skipped; the contract checks still run.
describeProviderConformance('baseline', {
  provider: baselineProvider,
  offline: true,
  setup: () => ({
    entry: { id: 'baseline-middle', provider: 'baseline', model: 'middle' },
    ctx: { env: {} },
    reply: '1',
    lastBody: () => undefined,
    requestCount: () => 0,
    seedOf: () => undefined,
    fault: () => {},
    secrets: [],
  }),
});
