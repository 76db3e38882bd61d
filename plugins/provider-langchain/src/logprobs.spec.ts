import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChatOpenAI } from '@langchain/openai';
import type { ModelEntry } from '@culturebench/core';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { langchainProvider } from './index.js';

// What a ready instance exposes: the real ChatOpenAI, built with or without log-probabilities.

const KEY = 'sk-test-logprobs-0123';
const TOKENS = [
  {
    token: '4',
    logprob: Math.log(0.7),
    top: [
      { token: '4', logprob: Math.log(0.7) },
      { token: '5', logprob: Math.log(0.2) },
    ],
  },
];
let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlm({ models: ['gpt-4o-mini'], apiKeys: [KEY], reply: '4', logprobs: () => TOKENS });
});
afterAll(() => server.close());

const openai = (extra: Record<string, unknown> = {}) =>
  new ChatOpenAI({ model: 'gpt-4o-mini', apiKey: KEY, maxRetries: 0, configuration: { baseURL: `${server.url}/v1` }, ...extra });
const entry = (chatModel: unknown, options?: Record<string, unknown>): ModelEntry =>
  ({ id: 'custom', provider: 'langchain', model: 'custom-model', chatModel, ...(options ? { options } : {}) }) as ModelEntry;
const messages = [{ role: 'user' as const, content: 'Pick 1 to 5.' }];

describe('langchainProvider: log-probabilities as the instance exposes them', () => {
  it('an instance built with logprobs declares them, and a logprobs call returns what the server sent', async () => {
    const e = entry(openai({ logprobs: true, topLogprobs: 5 }));
    expect((await langchainProvider.check(e, { env: {} })).ok).toBe(true);
    const client = langchainProvider.create(e, { env: {} });
    expect(client.capabilities).toEqual({ seed: false, logprobs: true, n: false });
    server.reset();
    const reply = await client.invoke(messages, { logprobs: { top: 5 }, signal: AbortSignal.timeout(5000) });
    expect(server.requests[0].body).toMatchObject({ logprobs: true, top_logprobs: 5 });
    expect(reply.text).toBe('4');
    expect(reply.logprobs!.map((t) => t.token)).toEqual(['4']);
    expect(reply.logprobs![0].logprob).toBeCloseTo(Math.log(0.7), 12);
    expect(reply.logprobs![0].top.map((a) => a.token)).toEqual(['4', '5']);
  });

  it('an instance without them does not declare them; options.logprobs overrides either way', () => {
    expect(langchainProvider.create(entry(openai()), { env: {} }).capabilities.logprobs).toBe(false);
    expect(langchainProvider.create(entry(openai(), { logprobs: true }), { env: {} }).capabilities.logprobs).toBe(true);
    expect(langchainProvider.create(entry(openai({ logprobs: true }), { logprobs: false }), { env: {} }).capabilities.logprobs).toBe(false);
  });
});
