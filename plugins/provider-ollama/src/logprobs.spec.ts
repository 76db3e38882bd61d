import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ModelEntry } from '@culturebench/core';
import { startMockLlm, type MockLlmServer } from '@culturebench/mock-llm';
import { ollamaProvider, versionHasLogprobs } from './index.js';

// Log-probabilities through the real ollama client against the loopback mock, old and new servers.

const MODEL = 'llama3.1:8b';
const TOKENS = [
  {
    token: '2',
    logprob: Math.log(0.6),
    top: [
      { token: '2', logprob: Math.log(0.6) },
      { token: '3', logprob: Math.log(0.3) },
      { token: 'I', logprob: Math.log(0.1) },
    ],
  },
];
let modern: MockLlmServer;
let old: MockLlmServer;

beforeAll(async () => {
  modern = await startMockLlm({ models: [MODEL], reply: '2', ollamaVersion: '0.12.11', logprobs: () => TOKENS });
  old = await startMockLlm({ models: [MODEL], reply: '2', logprobs: () => TOKENS });
});
afterAll(async () => {
  await modern.close();
  await old.close();
});

const entry = (server: MockLlmServer, options?: Record<string, unknown>): ModelEntry => ({
  id: 'llama',
  provider: 'ollama',
  model: MODEL,
  baseUrl: server.url,
  params: { temperature: 0.7, maxTokens: 4 },
  ...(options ? { options } : {}),
});
const ctx = { env: {} };
const messages = [{ role: 'user' as const, content: 'Pick 1 to 5.' }];

describe('Ollama log-probabilities', () => {
  it('knows which server versions return them', () => {
    expect(['0.12.11', '0.12.12', '0.13.0', '1.0.0', 'v0.12.11', '0.13.0-rc1'].map(versionHasLogprobs)).toEqual([true, true, true, true, true, true]);
    expect(['0.12.10', '0.6.4', '0.9.99', '', 'unknown', undefined].map(versionHasLogprobs)).toEqual([false, false, false, false, false, false]);
  });

  it('a server from 0.12.11: declared after the check, asked through the ollama client, read into the reply', async () => {
    const e = entry(modern);
    expect((await ollamaProvider.check(e, ctx)).ok).toBe(true);
    expect(modern.requests.some((r) => r.url === '/api/version')).toBe(true);
    const client = ollamaProvider.create(e, ctx);
    expect(client.capabilities).toEqual({ seed: true, logprobs: true, n: false });
    modern.reset();
    const reply = await client.invoke(messages, { seed: 11, logprobs: { top: 3 }, signal: AbortSignal.timeout(5000) });
    const req = modern.requests.find((r) => r.url === '/api/chat')!;
    expect(req.body).toMatchObject({ model: MODEL, stream: false, logprobs: true, top_logprobs: 3, options: { temperature: 0.7, num_predict: 4, seed: 11 } });
    expect(reply.text).toBe('2');
    expect(reply.logprobs).toEqual(TOKENS);
    expect(reply.usage!.output).toBeGreaterThan(0);
    // Plain calls still go through ChatOllama, streamed, without the field.
    modern.reset();
    await client.invoke(messages, { seed: 11 });
    expect(modern.requests.find((r) => r.url === '/api/chat')!.body.logprobs).toBeUndefined();
  });

  it('an older server: not declared, and a logprobs call is refused before anything is sent', async () => {
    const e = entry(old);
    expect((await ollamaProvider.check(e, ctx)).ok).toBe(true);
    const client = ollamaProvider.create(e, ctx);
    expect(client.capabilities.logprobs).toBe(false);
    old.reset();
    await expect(client.invoke(messages, { logprobs: { top: 3 } })).rejects.toThrow('cannot honour logprobs');
    expect(old.requests.filter((r) => r.url === '/api/chat')).toHaveLength(0);
  });

  it('options.logprobs overrides the version, either way, and skips asking for it', async () => {
    const off = entry(modern, { logprobs: false });
    modern.reset();
    await ollamaProvider.check(off, ctx);
    expect(modern.requests.some((r) => r.url === '/api/version')).toBe(false);
    expect(ollamaProvider.create(off, ctx).capabilities.logprobs).toBe(false);
    const on = entry(old, { logprobs: true });
    await ollamaProvider.check(on, ctx);
    expect(ollamaProvider.create(on, ctx).capabilities.logprobs).toBe(true);
  });
});
