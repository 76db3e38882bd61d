import { afterAll, beforeAll } from '@jest/globals';
import { describeProviderConformance } from '@culturebench/core/testing';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { ollamaProvider } from './index.js';

let server: MockLlmServer;
beforeAll(async () => {
  server = await startMockLlm({ models: ['glm4:9b'], reply: 'Very important indeed' });
});
afterAll(() => server.close());

// Ollama has no keys and no 429s: its faults are server errors and hangs.
describeProviderConformance('ollama', {
  provider: ollamaProvider,
  faults: ['server-error', 'hang'],
  setup: () => {
    server.reset();
    const chats = () => server.requests.filter((r) => r.url === '/api/chat');
    return {
      entry: { id: 'glm4-9b', provider: 'ollama', model: 'glm4:9b', baseUrl: server.url },
      ctx: { env: {} },
      reply: 'Very important indeed',
      lastBody: () => chats().pop()?.body,
      requestCount: () => chats().length,
      seedOf: (body) => (body.options as { seed?: unknown } | undefined)?.seed,
      fault: (kind) => server.setFaults(kind === undefined ? undefined : () => (kind === 'hang' ? { kind: 'hang' } : { status: 500 })),
      secrets: [],
    };
  },
});
