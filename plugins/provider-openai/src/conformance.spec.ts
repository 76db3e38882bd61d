import { afterAll, beforeAll } from '@jest/globals';
import { describeProviderConformance } from '@culturebench/core/testing';
import { conformanceFault, startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { openaiProvider } from './index.js';

const KEY = 'sk-fake-conf-0123';
let server: MockLlmServer;
beforeAll(async () => {
  server = await startMockLlm({ models: ['gpt-4o-mini'], apiKeys: [KEY], reply: 'I would say 2' });
});
afterAll(() => server.close());

describeProviderConformance('openai', {
  provider: openaiProvider,
  setup: () => {
    server.reset();
    return {
      // A loopback host gets the key only when the entry names its variable (the default key stays with OpenAI).
      entry: { id: 'mini', provider: 'openai', model: 'gpt-4o-mini', baseUrl: `${server.url}/v1`, apiKeyEnv: 'OPENAI_API_KEY' },
      ctx: { env: { OPENAI_API_KEY: KEY } },
      reply: 'I would say 2',
      lastBody: () => server.requests.filter((r) => r.url === '/v1/chat/completions').pop()?.body,
      requestCount: () => server.requests.filter((r) => r.url === '/v1/chat/completions').length,
      seedOf: (body) => body.seed,
      fault: conformanceFault(server),
      secrets: [KEY],
    };
  },
});
