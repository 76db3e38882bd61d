import { afterAll, beforeAll } from '@jest/globals';
import { ChatOpenAI } from '@langchain/openai';
import { describeProviderConformance } from '@culturebench/core/testing';
import { conformanceFault, startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { langchainProvider } from './index.js';

const KEY = 'sk-fake-conf-4567';
let server: MockLlmServer;
beforeAll(async () => {
  server = await startMockLlm({ models: ['gpt-4o-mini'], apiKeys: [KEY], reply: 'Of little importance' });
});
afterAll(() => server.close());

// A ready ChatOpenAI instance handed over in the entry; without seedCallOption no seed is declared.
describeProviderConformance('langchain', {
  provider: langchainProvider,
  setup: () => {
    server.reset();
    const chats = () => server.requests.filter((r) => r.url === '/v1/chat/completions');
    const chatModel = new ChatOpenAI({ model: 'gpt-4o-mini', apiKey: KEY, maxRetries: 0, configuration: { baseURL: `${server.url}/v1` } });
    return {
      entry: { id: 'custom', provider: 'langchain', model: 'custom-model', chatModel },
      ctx: { env: {} },
      reply: 'Of little importance',
      lastBody: () => chats().pop()?.body,
      requestCount: () => chats().length,
      seedOf: (body) => body.seed,
      fault: conformanceFault(server),
      secrets: [KEY],
    };
  },
});
