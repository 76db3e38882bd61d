import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { AIMessageChunk } from '@langchain/core/messages';
import type { ChatMessage, ModelEntry } from '@culturebench/core';
import { toLangChainMessages } from '@culturebench/langchain-client';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { createChatOpenAI } from './chat-openai.js';
import { OPENAI_PRESETS, PLACEHOLDER_KEY, openaiProvider, resolveEndpoint } from './index.js';

// The provider's client (the real OpenAI SDK) and createChatOpenAI (the real ChatOpenAI) against the loopback mock.

const KEY = 'sk-test-SECRET-0123';
let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlm({ models: ['gpt-4o-mini'], apiKeys: [KEY], reply: 'I would say 2' });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const entry = (extra: Partial<ModelEntry> = {}): ModelEntry => ({
  id: 'mini',
  provider: 'openai',
  model: 'gpt-4o-mini',
  baseUrl: `${server.url}/v1`,
  apiKeyEnv: 'OPENAI_API_KEY',
  params: { temperature: 0.7, topP: 0.9, maxTokens: 16 },
  ...extra,
});
const ctx = { env: { OPENAI_API_KEY: KEY } };
const messages: ChatMessage[] = [
  { role: 'system', content: 'You answer surveys.' },
  { role: 'user', content: 'How important is family? 1. Very 2. Quite' },
];
const say = (content: string): ChatMessage[] => [{ role: 'user', content }];

describe('openaiProvider', () => {
  it('declares itself', () => {
    expect(openaiProvider).toMatchObject({ id: 'openai', kind: 'llm', defaultConcurrency: 32 });
    expect(openaiProvider.create(entry(), ctx).capabilities).toEqual({ seed: true, logprobs: true, n: true });
  });

  it('create() builds a client whose request carries model, messages, sampling params, seed and the key', async () => {
    const llm = openaiProvider.create(entry(), ctx);
    // Exactly what the runner passes.
    const reply = await llm.invoke(messages, { signal: AbortSignal.timeout(5000), seed: 1234 });
    expect(reply).toEqual({
      text: 'I would say 2',
      finishReason: 'stop',
      usage: {
        input: Math.ceil(('You answer surveys.'.length + 'How important is family? 1. Very 2. Quite'.length) / 4),
        output: Math.ceil('I would say 2'.length / 4),
      },
    });

    const req = server.requests[0]!;
    expect(req).toMatchObject({ method: 'POST', url: '/v1/chat/completions' });
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req.body).toMatchObject({ model: 'gpt-4o-mini', stream: false, temperature: 0.7, top_p: 0.9, max_tokens: 16, seed: 1234 });
    expect(req.body.messages).toEqual([
      { role: 'system', content: 'You answer surveys.' },
      { role: 'user', content: 'How important is family? 1. Very 2. Quite' },
    ]);
  });

  it('each call sends its own seed; params.seed is only the default', async () => {
    const llm = openaiProvider.create(entry({ params: { seed: 7 } }), ctx);
    await llm.invoke(say('a'));
    await llm.invoke(say('b'), { seed: 8 });
    await llm.invoke(say('c'), { seed: 9 });
    expect(server.requests.map((r) => r.body.seed)).toEqual([7, 8, 9]);
    // Without params.seed and without a call seed, no seed field at all.
    await openaiProvider.create(entry(), ctx).invoke(say('d'));
    expect(server.requests[3]!.body).not.toHaveProperty('seed');
  });

  it('n and logprobs: one request with n, logprobs and top_logprobs; every choice and its token log-probabilities come back', async () => {
    const llm = openaiProvider.create(entry(), ctx);
    const reply = await llm.invoke(messages, { seed: 3, n: 3, logprobs: { top: 5 } });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body).toMatchObject({ model: 'gpt-4o-mini', n: 3, logprobs: true, top_logprobs: 5, seed: 3, temperature: 0.7, max_tokens: 16 });
    expect(server.requests[0]!.body.messages).toEqual(messages);
    const words = ['I', ' would', ' say', ' 2'];
    const completion = { text: 'I would say 2', finishReason: 'stop', logprobs: words.map((token) => ({ token, logprob: 0, top: [{ token, logprob: 0 }] })) };
    expect(reply).toEqual({
      ...completion,
      usage: { input: expect.any(Number), output: 3 * Math.ceil('I would say 2'.length / 4) },
      completions: [completion, completion, completion],
    });
  });

  it('createChatOpenAI: .stream() uses SSE with include_usage and yields the words and the token usage', async () => {
    const llm = createChatOpenAI(entry(), ctx);
    const pieces: string[] = [];
    let all: AIMessageChunk | undefined;
    for await (const chunk of await llm.stream(toLangChainMessages(messages), { seed: 5 } as Record<string, unknown>)) {
      if (typeof chunk.content === 'string' && chunk.content) pieces.push(chunk.content);
      all = all ? all.concat(chunk as AIMessageChunk) : (chunk as AIMessageChunk);
    }
    expect(pieces.join('')).toBe('I would say 2');
    expect(pieces.length).toBeGreaterThan(1);
    expect(all!.usage_metadata).toMatchObject({ output_tokens: Math.ceil('I would say 2'.length / 4) });
    expect(server.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true }, seed: 5 });
  });

  it('options: timeoutMs ends a hung request; extraBody adds body fields', async () => {
    const llm = openaiProvider.create(entry({ options: { timeoutMs: 150, extraBody: { enable_thinking: false } } }), ctx);
    await llm.invoke(say('x'));
    expect(server.requests[0]!.body.enable_thinking).toBe(false);
    server.setFaults(() => ({ kind: 'hang' }));
    const started = Date.now();
    await expect(llm.invoke(say('y'))).rejects.toBeDefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reads the key only from the named environment variable, never from the config', async () => {
    const withEnvName = entry({ apiKeyEnv: 'MY_KEY' });
    expect(() => openaiProvider.create(withEnvName, ctx)).toThrow(/MY_KEY is not set/);
    const llm = openaiProvider.create(withEnvName, { env: { MY_KEY: KEY } });
    await llm.invoke(say('hi'));
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    // A key that slipped into options is not used.
    expect(() => openaiProvider.create(entry({ options: { apiKey: KEY } }), { env: {} })).toThrow(/OPENAI_API_KEY is not set/);
  });

  it('secrets() returns the key so that the runner can redact it', () => {
    expect(openaiProvider.secrets!(entry(), ctx)).toEqual([KEY]);
    expect(openaiProvider.secrets!(entry(), { env: {} })).toEqual([]);
  });
});

describe('endpoints and presets', () => {
  it('the defaults are OpenAI and OPENAI_API_KEY', () => {
    expect(resolveEndpoint({ id: 'a', provider: 'openai', model: 'gpt-4o' })).toMatchObject({
      baseUrl: 'https://api.openai.com/v1',
      apiKeyEnv: 'OPENAI_API_KEY',
      keyRequired: true,
      label: 'OpenAI',
    });
  });

  it.each([
    ['deepseek', 'https://api.deepseek.com/v1', 'DEEPSEEK_API_KEY'],
    ['zhipu', 'https://open.bigmodel.cn/api/paas/v4', 'ZHIPUAI_API_KEY'],
    ['dashscope', 'https://dashscope.aliyuncs.com/compatible-mode/v1', 'DASHSCOPE_API_KEY'],
    ['moonshot', 'https://api.moonshot.cn/v1', 'MOONSHOT_API_KEY'],
  ])('preset %s → %s with %s', (preset, baseUrl, apiKeyEnv) => {
    const ep = resolveEndpoint({ id: 'a', provider: 'openai', model: 'm', options: { preset } });
    expect(ep).toMatchObject({ baseUrl, apiKeyEnv, keyRequired: true });
    // The same host given as baseUrl, without the preset, gets the same key variable.
    expect(resolveEndpoint({ id: 'a', provider: 'openai', model: 'm', baseUrl: `${baseUrl}/` })).toMatchObject({ baseUrl, apiKeyEnv });
  });

  it('entry fields override the preset; unknown presets are rejected', () => {
    const ep = resolveEndpoint({
      id: 'a',
      provider: 'openai',
      model: 'm',
      options: { preset: 'deepseek' },
      baseUrl: 'https://proxy.example/v1',
      apiKeyEnv: 'PROXY_KEY',
    });
    expect(ep).toMatchObject({ baseUrl: 'https://proxy.example/v1', apiKeyEnv: 'PROXY_KEY', label: 'DeepSeek' });
    expect(() => resolveEndpoint({ id: 'a', provider: 'openai', model: 'm', options: { preset: 'nope' } })).toThrow(
      /unknown OpenAI-compatible preset "nope" \(known: openai, deepseek/,
    );
  });

  it('every preset has a unique name, an http(s) base URL and an upper-case key variable', () => {
    expect(new Set(OPENAI_PRESETS.map((p) => p.name)).size).toBe(OPENAI_PRESETS.length);
    for (const p of OPENAI_PRESETS) {
      expect(p.baseUrl).toMatch(/^https?:\/\/[^/]+\/\S*[^/]$/);
      expect(p.apiKeyEnv).toMatch(/^[A-Z_][A-Z0-9_]*$/);
    }
  });

  it('local presets need no key: a placeholder is sent when the variable is unset', async () => {
    const local = entry({ apiKeyEnv: undefined, options: { preset: 'vllm' } });
    expect(resolveEndpoint(local)).toMatchObject({ keyRequired: false, apiKeyEnv: 'VLLM_API_KEY', baseUrl: `${server.url}/v1` });
    const open = await startMockLlm({ reply: 'ok' });
    try {
      await openaiProvider.create({ ...local, baseUrl: `${open.url}/v1` }, { env: {} }).invoke(say('hi'));
      expect(open.requests[0]!.headers.authorization).toBe(`Bearer ${PLACEHOLDER_KEY}`);
    } finally {
      await open.close();
    }
  });
});
