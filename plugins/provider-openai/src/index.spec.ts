import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { AIMessageChunk, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import type { ModelEntry } from '@culturebench/core';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { OPENAI_PRESETS, PLACEHOLDER_KEY, openaiProvider, resolveEndpoint } from './index.js';

// The real ChatOpenAI, built by the provider, against the loopback mock.

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
const messages = [new SystemMessage('You answer surveys.'), new HumanMessage('How important is family? 1. Very 2. Quite')];

describe('openaiProvider', () => {
  it('declares itself', () => {
    expect(openaiProvider).toMatchObject({ id: 'openai', kind: 'llm', supportsSeed: true, defaultConcurrency: 32 });
  });

  it('create() builds a ChatOpenAI whose request carries model, messages, sampling params, seed and the key', async () => {
    const llm = openaiProvider.create(entry(), ctx);
    expect(llm).toBeInstanceOf(ChatOpenAI);
    // Exactly what the runner passes.
    const reply = await llm.invoke(messages, { signal: AbortSignal.timeout(5000), seed: 1234 } as Record<string, unknown>);
    expect(reply.content).toBe('I would say 2');
    expect(reply.usage_metadata).toMatchObject({
      input_tokens: Math.ceil(('You answer surveys.'.length + 'How important is family? 1. Very 2. Quite'.length) / 4),
      output_tokens: Math.ceil('I would say 2'.length / 4),
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
    expect(llm).toBeInstanceOf(ChatOpenAI);
    await llm.invoke('a');
    await llm.invoke('b', { seed: 8 } as Record<string, unknown>);
    await llm.invoke('c', { seed: 9 } as Record<string, unknown>);
    expect(server.requests.map((r) => r.body.seed)).toEqual([7, 8, 9]);
    // Without params.seed and without a call seed, no seed field at all.
    await openaiProvider.create(entry(), ctx).invoke('d');
    expect(server.requests[3]!.body).not.toHaveProperty('seed');
  });

  it('.stream() uses SSE with include_usage and yields the words and the token usage', async () => {
    const llm = openaiProvider.create(entry(), ctx);
    const pieces: string[] = [];
    let all: AIMessageChunk | undefined;
    for await (const chunk of await llm.stream(messages, { seed: 5 } as Record<string, unknown>)) {
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
    await llm.invoke('x');
    expect(server.requests[0]!.body.enable_thinking).toBe(false);
    server.setFaults(() => ({ kind: 'hang' }));
    const started = Date.now();
    await expect(llm.invoke('y')).rejects.toBeDefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reads the key only from the named environment variable, never from the config', async () => {
    const withEnvName = entry({ apiKeyEnv: 'MY_KEY' });
    expect(() => openaiProvider.create(withEnvName, ctx)).toThrow(/MY_KEY is not set/);
    const llm = openaiProvider.create(withEnvName, { env: { MY_KEY: KEY } });
    await llm.invoke('hi');
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
    const ep = resolveEndpoint({ id: 'a', provider: 'openai', model: 'm', options: { preset: 'deepseek' }, baseUrl: 'https://proxy.example/v1', apiKeyEnv: 'PROXY_KEY' });
    expect(ep).toMatchObject({ baseUrl: 'https://proxy.example/v1', apiKeyEnv: 'PROXY_KEY', label: 'DeepSeek' });
    expect(() => resolveEndpoint({ id: 'a', provider: 'openai', model: 'm', options: { preset: 'nope' } })).toThrow(/unknown OpenAI-compatible preset "nope" \(known: openai, deepseek/);
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
      await openaiProvider.create({ ...local, baseUrl: `${open.url}/v1` }, { env: {} }).invoke('hi');
      expect(open.requests[0]!.headers.authorization).toBe(`Bearer ${PLACEHOLDER_KEY}`);
    } finally {
      await open.close();
    }
  });
});
